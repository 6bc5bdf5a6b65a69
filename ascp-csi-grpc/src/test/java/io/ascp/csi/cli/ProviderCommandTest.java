// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.csi.daemon.DaemonConfig;
import io.ascp.csi.daemon.StatusCodeMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private @Nullable DaemonConfig launched;
  private @Nullable DaemonOptions launchedOptions;
  private Map<String, String> env = Map.of();

  private int run(String... args) {
    return ProviderCommand.execute(
        List.of(args),
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        options -> {
          launchedOptions = options;
          launched = options.toConfig(errors::add, warnings::add, env);
          return 0;
        });
  }

  private DaemonConfig config(String... args) {
    assertThat(run(args)).as("exit status; stderr: %s", err).isZero();
    return java.util.Objects.requireNonNull(launched);
  }

  @Test
  void noFlagsGiveTheReferenceDefaults() {
    DaemonConfig config = config();
    assertThat(config).isEqualTo(DaemonConfig.defaults());
    assertThat(config.providerVolume()).isEqualTo("/var/run/secrets-store-csi-providers");
    assertThat(config.socketPath()).isEqualTo("/var/run/secrets-store-csi-providers/aws.sock");
    assertThat(config.driverWritesSecrets()).isFalse();
    assertThat(config.qps()).isEqualTo(5);
    assertThat(config.burst()).isEqualTo(10);
    assertThat(config.eksAddonVersion()).isEmpty();
    assertThat(config.podIdentityHttpTimeout()).isEmpty();
    assertThat(config.httpAddress()).isEmpty();
    assertThat(config.socketMode()).isEqualTo(0600);
    assertThat(config.statusCodes()).isEqualTo(StatusCodeMode.MAPPED);
    assertThat(config.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(5));
    assertThat(errors).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--provider-volume=/x",
        "-provider-volume=/x",
        "--provider-volume /x",
        "-provider-volume /x",
        "serve --provider-volume=/x",
        "serve -provider-volume /x"
      })
  void valueFlagsInEveryGoSpelling(String line) {
    assertThat(config(line.split(" ")).providerVolume()).isEqualTo("/x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--driver-writes-secrets",
        "-driver-writes-secrets",
        "--driver-writes-secrets=true",
        "-driver-writes-secrets=true",
        "--driver-writes-secrets=1",
        "--driver-writes-secrets=t",
        "--driver-writes-secrets=T",
        "--driver-writes-secrets=TRUE",
        "--driver-writes-secrets=True",
        "serve --driver-writes-secrets"
      })
  void booleanTrueSpellings(String line) {
    assertThat(config(line.split(" ")).driverWritesSecrets()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--driver-writes-secrets=false",
        "-driver-writes-secrets=false",
        "--driver-writes-secrets=0",
        "--driver-writes-secrets=f",
        "--driver-writes-secrets=F",
        "--driver-writes-secrets=FALSE",
        "--driver-writes-secrets=False"
      })
  void booleanFalseSpellings(String line) {
    assertThat(config(line.split(" ")).driverWritesSecrets()).isFalse();
  }

  @Test
  void aBooleanFlagNeverTakesTheNextArgument() {
    // Go: "--driver-writes-secrets false" sets the flag and leaves "false" as an argument. We
    // refuse the stray argument instead of silently ignoring the rest of the line.
    assertThat(run("--driver-writes-secrets", "false")).isEqualTo(2);
    assertThat(launched).isNull();
  }

  @Test
  void theReferenceHelmArguments() {
    DaemonConfig config =
        config(
            "--provider-volume=/var/run/secrets-store-csi-providers",
            "--driver-writes-secrets=true",
            "--qps=20",
            "--burst=40",
            "--eks-addon-version=v1.2.3-eksbuild.1",
            "--pod-identity-http-timeout=2s");
    assertThat(config.driverWritesSecrets()).isTrue();
    assertThat(config.qps()).isEqualTo(20);
    assertThat(config.burst()).isEqualTo(40);
    assertThat(config.eksAddonVersion()).isEqualTo("v1.2.3-eksbuild.1");
    assertThat(config.podIdentityHttpTimeout()).contains(Duration.ofSeconds(2));
    assertThat(errors).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void integersInGoSyntax() {
    DaemonConfig config = config("-qps", "0x10", "--burst", "-1");
    assertThat(config.qps()).isEqualTo(16);
    assertThat(config.burst()).isEqualTo(-1);
  }

  @Test
  void ourFlags() {
    env = Map.of(DaemonOptions.AGENT_URL_ENV, "http://127.0.0.1:9/from-env");
    DaemonConfig config =
        config(
            "--http-address=:8989",
            "--socket-mode=0660",
            "--status-codes=unknown",
            "--shutdown-grace-period=1m30s",
            "--log-level=debug",
            "--log-format=json");
    assertThat(config.httpAddress()).isEqualTo(":8989");
    assertThat(config.socketMode()).isEqualTo(0660);
    assertThat(config.statusCodes()).isEqualTo(StatusCodeMode.UNKNOWN);
    assertThat(config.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.podIdentityAgentUrl()).contains("http://127.0.0.1:9/from-env");
    assertThat(java.util.Objects.requireNonNull(launchedOptions).logSettings())
        .isEqualTo(new LogSettings(LogSettings.Level.DEBUG, LogSettings.Format.JSON));
  }

  @Test
  void theAgentUrlFlagBeatsTheEnvironment() {
    env = Map.of(DaemonOptions.AGENT_URL_ENV, "http://127.0.0.1:9/from-env");
    assertThat(config("--pod-identity-agent-url=http://127.0.0.1:9/flag").podIdentityAgentUrl())
        .isEqualTo(Optional.of("http://127.0.0.1:9/flag"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--nope",
        "-v=2",
        "-logtostderr",
        "--qps=abc",
        "--qps",
        "--driver-writes-secrets=yes",
        "--socket-mode=0800",
        "--socket-mode=1777",
        "--status-codes=grpc",
        "--shutdown-grace-period=5",
        "--log-level=loud",
        "stray"
      })
  void badCommandLinesExitWithStatus2AndUsage(String arg) {
    assertThat(run(arg)).isEqualTo(2);
    assertThat(launched).isNull();
    assertThat(err.toString()).contains("Usage: ascp-provider");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-help", "-h", "--h"})
  void helpListsEveryDaemonFlag(String arg) {
    assertThat(run(arg)).isZero();
    assertThat(launched).isNull();
    String help = out.toString();
    for (String flag :
        List.of(
            "--provider-volume",
            "--driver-writes-secrets",
            "--qps",
            "--burst",
            "--eks-addon-version",
            "--pod-identity-http-timeout",
            "--pod-identity-agent-url",
            "--http-address",
            "--socket-mode",
            "--status-codes",
            "--shutdown-grace-period",
            "--log-level",
            "--log-format",
            "serve")) {
      assertThat(help).contains(flag);
    }
    assertThat(help).contains("/var/run/secrets-store-csi-providers");
  }

  @Test
  void versionFlag() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("ascp-java ");
  }

  @Test
  void podIdentityTimeoutWarningsAreTheReferences() {
    config("--pod-identity-http-timeout=abc");
    config("--pod-identity-http-timeout=-1s");
    config("--pod-identity-http-timeout=0");
    config("--pod-identity-http-timeout=1m");
    assertThat(errors)
        .containsExactly(
            "failed to parse podIdentityHttpTimeout value 'abc': time: invalid duration \"abc\","
                + " using default SDK value",
            "podIdentityHttpTimeout must be positive, got: -1s, using default SDK value",
            "podIdentityHttpTimeout must be positive, got: 0s, using default SDK value");
    assertThat(warnings)
        .containsExactly(
            "podIdentityHttpTimeout value 1m0s is unusually high, consider using a smaller value");
  }

  @Test
  void aStrayValueAfterTerminatorIsRefused() {
    assertThat(run("--", "--qps=1")).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--backend=memory:store.yaml",
        "-backend memory:store.yaml",
        "serve --backend memory:store.yaml",
        "serve -backend=memory:store.yaml"
      })
  void theBackendFlagOnServeAndAtTheTopLevel(String line) {
    assertThat(run(line.split(" "))).as("stderr: %s", err).isZero();
    assertThat(java.util.Objects.requireNonNull(launchedOptions).backend)
        .isEqualTo(new Backend(Optional.of(java.nio.file.Path.of("store.yaml"))));
  }

  @Test
  void theDefaultBackendIsAws() {
    config();
    assertThat(java.util.Objects.requireNonNull(launchedOptions).backend).isEqualTo(Backend.AWS);
    config("serve", "--backend=aws");
    assertThat(java.util.Objects.requireNonNull(launchedOptions).backend).isEqualTo(Backend.AWS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--backend=vault", "--backend=memory:", "--backend"})
  void aBadBackendIsAUsageError(String arg) {
    assertThat(run("serve", arg)).isEqualTo(2);
    assertThat(launched).isNull();
    assertThat(err.toString()).contains("Usage: ascp-provider serve");
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("--backend=<backend>")
        .contains("serve")
        .contains("validate")
        .contains("mount")
        .contains("quickstart");
    out.getBuffer().setLength(0);
    assertThat(run("mount", "--help")).isZero();
    assertThat(out.toString())
        .contains("--class=SPC_FILE")
        .contains("--target=DIR")
        .contains("--watch=INTERVAL")
        .contains("with up to 10% jitter");
  }
}
