// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core end to end: manifest → parameters → mount against the in-memory demo store → files. */
class SecretMounterTest {
  private static final Path QUICKSTART = Path.of("../examples/quickstart");

  private final InMemorySecretSource store =
      InMemorySecretSource.fromFile(QUICKSTART.resolve("demo-store.yaml"));
  private final SecretMounter mounter = SecretMounter.builder().source(store).build();

  @AfterEach
  void close() {
    mounter.close();
  }

  private MountParameters quickstart() {
    SecretProviderClassManifest spc =
        SecretProviderClassManifest.read(QUICKSTART.resolve("secretproviderclass.yaml"));
    return ParameterParser.parse(
        spc.parameters(), spc.parameters().getOrDefault(AttributeKeys.REGION, ""));
  }

  @Test
  void mountsTheQuickStartClass() {
    MountResult result =
        mounter.mount(MountRequest.of(quickstart(), CallerIdentity.defaultChain()));

    assertThat(result.files())
        .extracting(MountedFile::path)
        .containsExactly(
            "demo_greeting",
            "db.json",
            "db-username",
            "db-password",
            "keystore.bin",
            "api-key-previous",
            "_demo_app_log-level",
            "allowed-hosts",
            "feature-flag");
    assertThat(result.file("demo_greeting").orElseThrow().contentsAsString())
        .isEqualTo("hello-from-the-demo-store");
    assertThat(result.file("db.json").orElseThrow().mode()).isEqualTo(0600);
    assertThat(result.file("db-username").orElseThrow().contentsAsString()).isEqualTo("demo-user");
    assertThat(result.file("db-username").orElseThrow().mode()).isEqualTo(0600);
    assertThat(result.file("db-password").orElseThrow().mode()).isEqualTo(0400);
    assertThat(result.file("keystore.bin").orElseThrow().contents())
        .isEqualTo(Base64.getDecoder().decode("ZGVtby1iaW5hcnktdmFsdWUtbm90LXJlYWwA/xA="));
    assertThat(result.file("api-key-previous").orElseThrow().contentsAsString())
        .isEqualTo("demo-api-key-v1");
    assertThat(result.file("allowed-hosts").orElseThrow().contentsAsString())
        .isEqualTo("a.demo.local,b.demo.local");
    assertThat(result.file("feature-flag").orElseThrow().contentsAsString()).isEqualTo("on");
    assertThat(result.file("_demo_app_log-level").orElseThrow().mode()).isEqualTo(0644);

    assertThat(result.versions()).extracting(ObjectVersion::id).isSorted().doesNotHaveDuplicates();
    assertThat(result.versions()).hasSize(result.files().size());
    assertThat(result.versions())
        .contains(
            new ObjectVersion("api-key-previous", "00000000-0000-4000-8000-000000000001"),
            new ObjectVersion("feature-flag", "2"));
  }

  @Test
  void planListsTheFilesWithoutFetching() {
    java.util.List<FilePlan> plan = SecretMounter.plan(quickstart(), 0644);
    assertThat(plan)
        .extracting(FilePlan::path)
        .containsExactly(
            "demo_greeting",
            "db.json",
            "db-username",
            "db-password",
            "keystore.bin",
            "api-key-previous",
            "_demo_app_log-level",
            "allowed-hosts",
            "feature-flag");
    assertThat(plan.get(3))
        .isEqualTo(
            new FilePlan(
                "db-password",
                0400,
                "prod/app/db",
                io.ascp.api.ObjectType.SECRETS_MANAGER,
                java.util.Optional.of("password")));
    assertThat(plan.get(0).jmesPath()).isEmpty();
  }

  @Test
  void mountsAManifestAndWritesIt(@TempDir Path dir) throws Exception {
    SecretProviderClassManifest spc =
        SecretProviderClassManifest.read(QUICKSTART.resolve("secretproviderclass.yaml"));
    MountResult result = mounter.mount(spc);
    assertThat(result.string("db-username")).isEqualTo("demo-user");
    Path target = dir.resolve("nested/out");
    SecretMounter.writeTo(result, target);
    assertThat(Files.readString(target.resolve("feature-flag"))).isEqualTo("on");
  }

  @Test
  void theDefaultRegionAppliesOnlyWithoutARegionParameter() {
    Map<String, String> parameters =
        Map.of(
            AttributeKeys.OBJECTS, "- objectName: demo/greeting\n  objectType: secretsmanager\n");
    assertThatThrownBy(() -> mounter.mount(parameters))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
        .hasMessageContaining("No region");
    try (SecretMounter withRegion =
        SecretMounter.builder().sources(type -> store).defaultRegion("eu-west-1").build()) {
      assertThat(withRegion.mount(parameters).string("demo_greeting"))
          .isEqualTo("hello-from-the-demo-store");
      Map<String, String> arn =
          Map.of(
              AttributeKeys.REGION,
              "us-east-1",
              AttributeKeys.OBJECTS,
              """
              - objectName: arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/app/db-AbCdEf
                objectAlias: db
              """);
      assertThat(withRegion.mount(arn).string("db")).contains("demo-user");
    }
  }

  @Test
  void sameInputGivesTheSameResult() {
    MountRequest request = MountRequest.of(quickstart(), CallerIdentity.defaultChain());
    MountResult first = mounter.mount(request);
    for (int i = 0; i < 10; i++) {
      assertThat(mounter.mount(request)).isEqualTo(first);
    }
  }

  @Test
  void writesTheFilesWithTheKubeletLayout(@TempDir Path target) throws Exception {
    MountResult result = mounter.mount(quickstart());
    AtomicDirectoryWriter.create().write(target, result.files());

    assertThat(Files.isSymbolicLink(target.resolve("..data"))).isTrue();
    assertThat(Files.readString(target.resolve("db-username"))).isEqualTo("demo-user");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target.resolve("db-password"))))
        .isEqualTo("r--------");
    assertThat(Files.readAllBytes(target.resolve("keystore.bin")))
        .isEqualTo(result.file("keystore.bin").orElseThrow().contents());
  }

  @Test
  void aMissingObjectFailsWithTheSourcesMessage() {
    MountParameters parameters =
        ParameterParser.parse(
            Map.of(
                AttributeKeys.OBJECTS, "- objectName: demo/absent\n  objectType: secretsmanager\n"),
            "us-east-1");
    assertThatThrownBy(() -> mounter.mount(parameters))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("demo/absent");
  }

  @Test
  void aJmesPathMissingKeyFailsWithTheReferenceTextAndNoSecretContent() {
    MountParameters parameters =
        ParameterParser.parse(
            Map.of(
                AttributeKeys.OBJECTS,
                """
                - objectName: prod/app/db
                  objectType: secretsmanager
                  jmesPath:
                    - path: port
                      objectAlias: db-port
                """),
            "us-east-1");
    assertThatThrownBy(() -> mounter.mount(parameters))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EXTRACTION_FAILED))
        .hasMessageStartingWith(
            "Failed to fetch secret from all regions. Verify secret exists and required"
                + " permissions are granted for: prod/app/db")
        .hasMessageContaining(
            "us-east-1: JMES Path - port for object alias - db-port does not point to a valid"
                + " object.")
        .hasMessageNotContaining("demo-password-not-real");
  }

  @Test
  void parametersBuiltInCodeAreCheckedToo() {
    MountParameters unsafe =
        MountParameters.of(
            "us-east-1",
            java.util.List.of(
                io.ascp.api.SecretObject.builder(
                        "demo/greeting", io.ascp.api.ObjectType.SECRETS_MANAGER)
                    .objectAlias("../escape")
                    .build()));
    assertThatThrownBy(() -> mounter.mount(unsafe))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS));
  }
}
