// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.reports;

import static io.ascp.testkit.assertions.AscpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.core.SecretMounter;
import io.ascp.core.SecretProviderClassManifest;
import io.ascp.testkit.FakeAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against the testkit's in-memory AWS ({@link FakeAws#secretSource()}: no HTTP, AWS's
 * semantics), with refreshes run by hand on a {@link ManualScheduler}: nothing sleeps.
 */
class SecretsAgentTest {
  private static final SecretProviderClassManifest SPC =
      SecretProviderClassManifest.read(Path.of("config/secretproviderclass.yaml"));

  @TempDir Path dir;

  private final FakeAws aws = FakeAws.create();
  private final SecretMounter mounter = SecretMounter.builder().source(aws.secretSource()).build();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<ReportSecrets> rotated = new ArrayList<>();

  @AfterEach
  void close() {
    mounter.close();
  }

  private SecretsAgent start() {
    return SecretsAgent.builder(mounter, SPC)
        .directory(dir.resolve("secrets"))
        .interval(Duration.ofMinutes(5))
        .scheduler(scheduler)
        .onRotation(rotated::add)
        .start();
  }

  @Test
  void mountsWritesTheDirectoryAndReadsTypedValues() throws Exception {
    String version = ReportsStore.seed(aws, "us-east-1", "pw-1");

    try (SecretsAgent agent = start()) {
      ReportSecrets secrets = agent.secrets();
      assertThat(secrets.dbUsername()).isEqualTo("reports");
      assertThat(secrets.dbPassword()).isEqualTo("pw-1");
      assertThat(secrets.dbPasswordVersion()).isEqualTo(version);
      assertThat(secrets.signingKey()).containsExactly(ReportsStore.SIGNING_KEY);
      assertThat(secrets.exportBucket()).isEqualTo(ReportsStore.BUCKET);
      assertThat(agent.mounted())
          .hasExactlyFiles(
              "db.json", "db-username", "db-password", "signing-key.p12", "export-bucket");
      assertThat(agent.mounted()).hasFile("db-password").withMode(0400).withContent("pw-1");
    }

    Path secrets = dir.resolve("secrets");
    assertThat(Files.readString(secrets.resolve("db-password"))).isEqualTo("pw-1");
    assertThat(Files.readAllBytes(secrets.resolve("signing-key.p12")))
        .containsExactly(ReportsStore.SIGNING_KEY);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(secrets.resolve("db-password"))))
        .isEqualTo("r--------");
    assertThat(Files.isSymbolicLink(secrets.resolve("..data"))).isTrue();
  }

  @Test
  void aRotationRewritesTheDirectoryAndNotifiesOnce() throws Exception {
    ReportsStore.seed(aws, "us-east-1", "pw-1");
    try (SecretsAgent agent = start()) {
      scheduler.runNext(); // nothing changed: no notification
      assertThat(rotated).isEmpty();

      String v2 =
          aws.secretsManager("us-east-1")
              .rotate(ReportsStore.DB_SECRET, ReportsStore.dbJson("pw-2"));
      scheduler.runNext();

      assertThat(rotated)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.dbPassword()).isEqualTo("pw-2");
                assertThat(s.dbPasswordVersion()).isEqualTo(v2);
              });
      assertThat(agent.secrets().dbPassword()).isEqualTo("pw-2");
      assertThat(agent.rotations()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("secrets/db-password"))).isEqualTo("pw-2");
      // The next refresh is scheduled: 5 minutes with up to 10 % jitter.
      assertThat(scheduler.pending())
          .singleElement()
          .satisfies(
              d -> assertThat(d).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330)));
    }
    assertThat(scheduler.pending()).as("closing cancels the next refresh").isEmpty();
  }

  @Test
  void aFailedRefreshKeepsTheLastGoodSecretsAndTheNextOneRecovers() throws Exception {
    ReportsStore.seed(aws, "us-east-1", "pw-1");
    try (SecretsAgent agent = start()) {
      aws.regionDown("us-east-1");
      aws.regionDown("us-west-2");
      scheduler.runNext();

      assertThat(agent.lastFailure())
          .hasValueSatisfying(
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
                assertThat(e.getMessage())
                    .startsWith("Failed to fetch secret from all regions.")
                    .doesNotContain("pw-1");
              });
      assertThat(agent.secrets().dbPassword()).isEqualTo("pw-1");
      assertThat(Files.readString(dir.resolve("secrets/db-password"))).isEqualTo("pw-1");
      assertThat(rotated).isEmpty();

      aws.regionUp("us-east-1");
      aws.secretsManager("us-east-1").rotate(ReportsStore.DB_SECRET, ReportsStore.dbJson("pw-2"));
      scheduler.runNext();
      assertThat(agent.lastFailure()).isEmpty();
      assertThat(agent.secrets().dbPassword()).isEqualTo("pw-2");
    }
  }

  @Test
  void aMissingSecretFailsTheStartAndNamesIt() {
    aws.parameterStore("us-east-1").putParameter(ReportsStore.BUCKET_PARAMETER, "b");

    assertThatThrownBy(this::start)
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("reports/db");
    assertThat(dir.resolve("secrets")).doesNotExist();
    assertThat(scheduler.pending()).isEmpty();
  }

  @Test
  void aClassWithoutARegionNeedsADefaultRegion() {
    ReportsStore.seed(aws, "eu-west-1", "pw-eu");
    SecretProviderClassManifest noRegion =
        new SecretProviderClassManifest(
            "reports", "aws", Map.of("objects", SPC.parameters().get("objects")));

    assertThatThrownBy(() -> SecretsAgent.builder(mounter, noRegion).scheduler(scheduler).start())
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
        .hasMessage("The SecretProviderClass has no region and no default region is set");
    try (SecretsAgent agent =
        SecretsAgent.builder(mounter, noRegion)
            .defaultRegion("eu-west-1")
            .scheduler(scheduler)
            .start()) {
      assertThat(agent.secrets().dbPassword()).isEqualTo("pw-eu");
    }
  }

  @Test
  void toStringShowsVersionsNeverValues() {
    ReportsStore.seed(aws, "us-east-1", "pw-MARKER");
    try (SecretsAgent agent = start()) {
      assertThat(agent.secrets().toString())
          .startsWith("ReportSecrets[dbPasswordVersion=")
          .doesNotContain("pw-MARKER")
          .doesNotContain("reports");
      assertThat(agent.mounted().toString()).doesNotContain("pw-MARKER");
    }
  }
}
