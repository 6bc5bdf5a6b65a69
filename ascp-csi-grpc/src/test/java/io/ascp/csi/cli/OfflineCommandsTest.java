// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code validate} and {@code mount} commands on the quick-start class and demo store. */
class OfflineCommandsTest {
  private static final String SPC = "../examples/quickstart/secretproviderclass.yaml";
  private static final String STORE = "../examples/quickstart/demo-store.yaml";
  private static final String DEMO_PASSWORD = "demo-password-not-real";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    return ProviderCommand.execute(
        List.of(args),
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        options -> {
          throw new AssertionError("the daemon must not start");
        },
        env);
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void validateListsTheFilesAndTheirModes() {
    assertThat(run("validate", SPC)).as("stderr: %s", err).isZero();
    assertThat(out.toString())
        .startsWith(
            "SecretProviderClass quickstart is valid: 7 objects, 9 files, region us-east-1\n")
        .contains("0400  secretsmanager  db-password  <-  prod/app/db [password]")
        .contains("0644  ssmparameter    _demo_app_log-level  <-  /demo/app/log-level");
  }

  @Test
  void validateReportsTheReferencesMessage(@TempDir Path dir) throws Exception {
    Path spc =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
            kind: SecretProviderClass
            metadata: {name: bad}
            spec:
              parameters:
                objects: |
                  - objectName: x
                    objectType: SecretsManager
            """);
    assertThat(run("validate", "--region", "eu-west-1", spc.toString())).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("invalid: Invalid objectType: SecretsManager\n");
  }

  @Test
  void theRegionComesFromTheFlagTheClassThenTheEnvironment(@TempDir Path dir) throws Exception {
    Path spc =
        Files.writeString(
            dir.resolve("noregion.yaml"),
            """
            kind: SecretProviderClass
            metadata: {name: n}
            spec:
              parameters:
                objects: |
                  - objectName: demo/greeting
                    objectType: secretsmanager
            """);
    assertThat(run("validate", spc.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("No region").contains("pass --region");
    assertThat(run(Map.of("AWS_REGION", "ap-south-1"), "validate", spc.toString())).isZero();
    assertThat(out.toString()).contains("region ap-south-1");
    assertThat(run("validate", "--region=eu-west-1", SPC)).isZero();
    assertThat(out.toString()).contains("region eu-west-1");
  }

  @Test
  void mountPrintsVersionsWithoutContentsAndWritesTheLayout(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("out");
    assertThat(run("mount", "--store", STORE, "--target", target.toString(), SPC))
        .as("stderr: %s", err)
        .isZero();
    assertThat(out.toString())
        .contains("SecretProviderClass quickstart: 9 files from the store")
        .contains("00000000-0000-4000-8000-000000000001  api-key-previous")
        .contains("Wrote 9 files to " + target)
        .doesNotContain(DEMO_PASSWORD)
        .doesNotContain("demo-user");
    assertThat(Files.readString(target.resolve("db-password"))).isEqualTo(DEMO_PASSWORD);
    assertThat(Files.isSymbolicLink(target.resolve("..data"))).isTrue();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target.resolve("db-password"))))
        .isEqualTo("r--------");
  }

  @Test
  void mountWithoutTargetWritesNothing() {
    assertThat(run("mount", "--store", STORE, SPC)).isZero();
    assertThat(out.toString()).doesNotContain("Wrote");
  }

  @Test
  void aFailedMountExitsOneWithTheCodeAndMessage(@TempDir Path dir) throws Exception {
    Path spc =
        Files.writeString(
            dir.resolve("missing.yaml"),
            """
            kind: SecretProviderClass
            metadata: {name: m}
            spec:
              parameters:
                region: us-east-1
                objects: |
                  - objectName: demo/absent
                    objectType: secretsmanager
            """);
    assertThat(run("mount", "--store", STORE, spc.toString())).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: NOT_FOUND: us-east-1: Failed fetching secret demo/absent:");
  }

  @Test
  void aBadStoreFileIsReported() {
    assertThat(run("mount", "--store", "no-such-store.yaml", SPC)).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: INVALID_PARAMETERS: Cannot read the in-memory store seed");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("mount")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: 'SPC_FILE'");
  }
}
