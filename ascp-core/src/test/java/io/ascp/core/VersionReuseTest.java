// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AddressPreference;
import io.ascp.api.AscpException;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.ObjectType;
import io.ascp.api.ObjectVersion;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drivers up to v1.5 send the mounted versions; a still-current version is not read again. */
class VersionReuseTest {
  private static final String PRIMARY = "us-east-1";
  private static final String FAILOVER = "us-west-2";
  private static final String V = PRIMARY + "/cur/";

  private final RecordingSource source = new RecordingSource();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final SecretMounter mounter =
      SecretMounter.builder()
          .source(source)
          .executor(executor)
          .ticker(new FakeTicker())
          .planner(MountPipelineTest::plan)
          .extractor(MountPipelineTest::extract)
          .build();

  @AfterEach
  void shutdown() {
    executor.shutdownNow();
  }

  private static final CallerIdentity ALICE =
      CallerIdentity.builder()
          .namespace("team-a")
          .serviceAccount("alice")
          .authMode(AuthMode.IRSA)
          .roleArn("arn:aws:iam::111111111111:role/alice")
          .build();

  private static MountRequest request(
      CallerIdentity identity, SecretObject object, boolean failover, ObjectVersion... mounted) {
    MountParameters parameters =
        new MountParameters(
            PRIMARY,
            failover ? Optional.of(FAILOVER) : Optional.empty(),
            PathTranslation.DEFAULT,
            false,
            AddressPreference.AUTO,
            List.of(object));
    return new MountRequest(parameters, identity, 0644, List.of(mounted));
  }

  private static SecretObject sm(String name) {
    return SecretObject.builder(name, ObjectType.SECRETS_MANAGER).build();
  }

  private long fetches() {
    return source.calls.size();
  }

  @Test
  void aStillCurrentVersionIsServedFromTheCacheOnceADriverHasSentVersions() {
    source.value(PRIMARY, "s", "v1").stages(PRIMARY, "s", V, "AWSCURRENT");
    SecretObject s = sm("s");

    mounter.mount(request(ALICE, s, false)); // first mount: nothing mounted yet
    assertThat(fetches()).isEqualTo(1);
    assertThat(source.describes).isEmpty();

    // The first rotation check: the cache was not yet written (no driver had sent versions).
    mounter.mount(request(ALICE, s, false, new ObjectVersion("s", V)));
    assertThat(fetches()).isEqualTo(2);
    assertThat(source.describes).hasSize(1);

    // From now on: DescribeSecret only.
    MountResult result = mounter.mount(request(ALICE, s, false, new ObjectVersion("s", V)));
    assertThat(fetches()).isEqualTo(2);
    assertThat(source.describes).hasSize(2);
    assertThat(result.file("s").orElseThrow().contentsAsString()).isEqualTo("v1");
    assertThat(result.versions()).containsExactly(new ObjectVersion("s", V));
  }

  @Test
  void aMovedStageIsReadAgain() {
    source.value(PRIMARY, "s", "v1").stages(PRIMARY, "s", V, "AWSCURRENT");
    SecretObject s = sm("s");
    mounter.mount(request(ALICE, s, false, new ObjectVersion("s", V)));
    mounter.mount(request(ALICE, s, false, new ObjectVersion("s", V)));
    assertThat(fetches()).isEqualTo(1);

    source.stages(PRIMARY, "s", V, "AWSPREVIOUS");
    mounter.mount(request(ALICE, s, false, new ObjectVersion("s", V)));
    assertThat(fetches()).isEqualTo(2);
  }

  @Test
  void aPinnedVersionIsCheckedWithoutDescribe() {
    SecretObject pinned =
        SecretObject.builder("s", ObjectType.SECRETS_MANAGER).objectVersion("x").build();
    source.value(PRIMARY, "s", "v1");
    String version = "x";
    mounter.mount(request(ALICE, pinned, false, new ObjectVersion("s", "other")));
    mounter.mount(request(ALICE, pinned, false, new ObjectVersion("s", version)));
    assertThat(fetches()).isEqualTo(1);
    assertThat(source.describes).isEmpty();
  }

  @Test
  void anotherIdentityNeverSeesTheCachedValue() {
    source.value(PRIMARY, "s", "v1").stages(PRIMARY, "s", V, "AWSCURRENT");
    SecretObject s = sm("s");
    mounter.mount(request(ALICE, s, false, new ObjectVersion("s", V)));
    mounter.mount(request(ALICE, s, false, new ObjectVersion("s", V)));
    assertThat(fetches()).isEqualTo(1);

    CallerIdentity bob = ALICE.toBuilder().serviceAccount("bob").build();
    mounter.mount(request(bob, s, false, new ObjectVersion("s", V)));
    assertThat(fetches()).isEqualTo(2);
    assertThat(source.calls.get(1).batch().identity()).isEqualTo(bob);
  }

  @Test
  void aFatalDescribeErrorEndsTheMountWithTheReferenceText() {
    source.value(PRIMARY, "s", "v1").describeError(PRIMARY, "s", ErrorCode.NOT_FOUND);
    assertThatThrownBy(
            () -> mounter.mount(request(ALICE, sm("s"), true, new ObjectVersion("s", V))))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessage("us-east-1: Failed to describe secret s: NOT_FOUND");
    assertThat(fetches()).isZero();
  }

  @Test
  void aNonFatalDescribeErrorFailsOver() {
    source.describeError(PRIMARY, "s", ErrorCode.THROTTLED).value(FAILOVER, "s", "from-failover");
    MountResult result = mounter.mount(request(ALICE, sm("s"), true, new ObjectVersion("s", V)));
    assertThat(result.file("s").orElseThrow().contentsAsString()).isEqualTo("from-failover");
  }

  @Test
  void parametersAreNeverDescribed() {
    source.value(PRIMARY, "/p", "x");
    SecretObject p = SecretObject.builder("/p", ObjectType.SSM_PARAMETER).build();
    mounter.mount(request(ALICE, p, false, new ObjectVersion("_p", V)));
    mounter.mount(request(ALICE, p, false, new ObjectVersion("_p", V)));
    assertThat(source.describes).isEmpty();
    assertThat(fetches()).isEqualTo(2);
  }
}
