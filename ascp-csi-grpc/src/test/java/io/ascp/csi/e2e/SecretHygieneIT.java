// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static io.ascp.csi.e2e.Fixtures.DB_JSON;
import static io.ascp.csi.e2e.Fixtures.NAMESPACE;
import static io.ascp.csi.e2e.Fixtures.NODE_REGION;
import static io.ascp.csi.e2e.Fixtures.ROLE;
import static io.ascp.csi.e2e.Fixtures.SECRET_MARKER;
import static io.ascp.csi.e2e.Fixtures.parameterName;
import static io.ascp.csi.e2e.Fixtures.parameterValue;
import static io.ascp.csi.e2e.Fixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountError;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import io.ascp.csi.testing.ProviderDaemonExtension;
import io.ascp.testkit.AwsError;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.SecretInput;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secret hygiene end to end. The fat jar runs at {@code --log-level=trace} in both {@code
 * --log-format}s through a success, a rotation and one mount of every error class, with sentinel
 * values ({@link Fixtures#SECRET_MARKER}) and sentinel tokens ({@link Tokens#MARKER}); not one line
 * of its output (every logger, stack traces with their causes), its {@code /metrics}, nor any
 * status message holds a sentinel. The in-process daemons (ascp-java's loggers at TRACE) check the
 * same for the driver-writes response limit, and the socket's and files' modes as mode bits (the
 * tests run as root, so a denied access would prove nothing).
 */
class SecretHygieneIT {
  /** A Secrets Manager value at its maximum size, 64 KiB, with the sentinel. */
  private static final String BIG_VALUE =
      SECRET_MARKER + "x".repeat(64 * 1024 - SECRET_MARKER.length());

  @Order(0)
  @RegisterExtension
  static final LogCapture LOGS = new LogCapture();

  @Order(1)
  @RegisterExtension
  static final KubeApi KUBE = new KubeApi();

  @Order(2)
  @RegisterExtension
  static final AwsEmulatorExtension AWS = AwsEmulatorExtension.builder().build();

  @Order(3)
  @RegisterExtension
  static final ProviderDaemonExtension DRIVER_WRITES =
      ProviderDaemonExtension.builder()
          .awsEndpoint(AWS::endpoint)
          .kubernetesApi(KUBE::url)
          .driverWritesSecrets(true)
          .build();

  @Order(4)
  @RegisterExtension
  static final ProviderDaemonExtension PROVIDER_WRITES =
      ProviderDaemonExtension.builder().awsEndpoint(AWS::endpoint).kubernetesApi(KUBE::url).build();

  private static final List<String> MESSAGES = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void cluster() {
    Fixtures.seedKubernetes(KUBE);
  }

  @BeforeEach
  void seed() {
    var aws = AWS.aws();
    aws.secretsManager(NODE_REGION).createSecret("shop/db", DB_JSON);
    aws.secretsManager(NODE_REGION).createSecret("shop/tls", SecretInput.binary(Fixtures.BINARY));
    aws.secretsManager(NODE_REGION).createSecret("other/db", "other-" + SECRET_MARKER);
    for (int n = 1; n <= 11; n++) {
      aws.parameterStore(NODE_REGION).putParameter(parameterName(n), parameterValue(n));
    }
    for (int n = 0; n < 70; n++) {
      aws.secretsManager(NODE_REGION).createSecret("shop/big-%02d".formatted(n), BIG_VALUE);
    }
    aws.iam()
        .allow(ROLE, AwsService.SECRETS_MANAGER, "shop/*")
        .allow(ROLE, AwsService.SSM, "/shop/*")
        .allowWebIdentity(ROLE, "system:serviceaccount:shop:web");
  }

  @AfterAll
  static void noSentinelInTheInProcessLogsOrMessages() {
    assertThat(LOGS.lines()).isNotEmpty();
    assertThat(LOGS.lines())
        .noneMatch(l -> l.contains(SECRET_MARKER))
        .noneMatch(l -> l.contains(Tokens.MARKER))
        .noneMatch(l -> l.contains("xxxxxxxx"));
    assertThat(MESSAGES).isNotEmpty();
    assertThat(MESSAGES)
        .noneMatch(m -> m.contains(SECRET_MARKER))
        .noneMatch(m -> m.contains(Tokens.MARKER));
  }

  private static MountError failed(MountOutcome outcome, String what) {
    MountError e = outcome.error().orElseThrow(() -> new AssertionError(what + " succeeded"));
    synchronized (MESSAGES) {
      MESSAGES.add(e.message());
      MESSAGES.add(e.detail());
    }
    return e;
  }

  private static String objects(int from, int count) {
    StringBuilder yaml = new StringBuilder();
    for (int n = from; n < from + count; n++) {
      yaml.append("- objectName: shop/big-%02d\n  objectType: secretsmanager\n".formatted(n));
    }
    return yaml.toString();
  }

  // ---- The fat jar, every logger at TRACE, text and JSON ----

  /** A success, a rotation and one mount of each error class; returns the error codes seen. */
  private List<String> flows(CsiDriverSimulator driver) throws Exception {
    List<String> codes = new ArrayList<>();
    Path target = Files.createDirectory(dir.resolve("ok"));
    PodVolume ok = volume(target).build();
    assertThat(driver.mount(ok).error()).isEmpty();
    assertThat(MountedFiles.readString(target, "db-password")).contains(SECRET_MARKER);
    // Rotation.
    AWS.aws()
        .secretsManager(NODE_REGION)
        .putSecretValue("shop/db", DB_JSON.replace("-1\"", "-2\""));
    assertThat(driver.remount(volume(target).build()).error()).isEmpty();
    assertThat(MountedFiles.readString(target, "db-password")).endsWith("-2");

    Map<String, java.util.function.UnaryOperator<PodVolume.Builder>> bad =
        new java.util.LinkedHashMap<>();
    bad.put("invalid", b -> b.parameter("objects", "- objectName: shop/db\n  objectType: x\n"));
    bad.put(
        "not found",
        b -> b.parameter("objects", "- objectName: shop/absent\n  objectType: secretsmanager\n"));
    bad.put(
        "access denied",
        b -> b.parameter("objects", "- objectName: other/db\n  objectType: secretsmanager\n"));
    bad.put("no role", b -> b.serviceAccount("norole"));
    bad.put("kubernetes", b -> b.pod(NAMESPACE, "ghost-0", "uid-ghost"));
    bad.put(
        "extraction",
        b ->
            b.parameter(
                "objects",
                """
                - objectName: shop/tls
                  objectType: secretsmanager
                  jmesPath:
                    - path: password
                      objectAlias: x
                """));
    for (var entry : bad.entrySet()) {
      Path t = Files.createDirectory(dir.resolve("bad-" + codes.size()));
      codes.add(
          failed(driver.mount(entry.getValue().apply(volume(t)).build()), entry.getKey())
              .grpcCode()
              .orElse(""));
    }
    // Backend faults: throttling, a server error, a KMS failure, STS refusing the token.
    for (AwsFault fault :
        List.of(
            AwsFault.error(AwsError.throttling()).operation(AwsOperation.GET_SECRET_VALUE).build(),
            AwsFault.error(AwsError.internalServiceError())
                .operation(AwsOperation.GET_SECRET_VALUE)
                .build(),
            AwsFault.error(AwsError.decryptionFailure())
                .operation(AwsOperation.GET_SECRET_VALUE)
                .build(),
            AwsFault.error(AwsError.of("AccessDenied", 403, "Not authorized"))
                .operation(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)
                .build())) {
      AWS.aws().inject(fault);
      Path t = Files.createDirectory(dir.resolve("bad-" + codes.size()));
      codes.add(failed(driver.mount(volume(t).build()), fault.toString()).grpcCode().orElse(""));
      AWS.aws().clearFaults();
    }
    // A target path that is a file: refused before any write (Invalid mount path). A real write
    // failure (WRITE_FAILED, INTERNAL) needs a failing file system, which a test running as root
    // cannot make here; AtomicDirectoryWriterTest injects one.
    Path file = Files.writeString(dir.resolve("a-file"), "");
    codes.add(failed(driver.mount(volume(file).build()), "target").grpcCode().orElse(""));
    return codes;
  }

  @ParameterizedTest(name = "--log-format={0}")
  @ValueSource(strings = {"text", "json"})
  void theJarAtTraceLeaksNoSentinelInLogsMetricsOrMessages(String format) throws Exception {
    Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "ascp-hyg");
    JarProcess jar =
        JarProcess.start(
            List.of(
                "--provider-volume=" + socketDir,
                "--http-address=127.0.0.1:0",
                "--log-level=trace",
                "--log-format=" + format),
            Map.of(
                "AWS_ENDPOINT_URL",
                AWS.endpoint().toString(),
                "KUBECONFIG",
                KUBE.writeKubeconfig(dir).toString()),
            dir);
    try {
      jar.awaitLine("Listening for connections on address:");
      String http = jar.awaitLine("HTTP listener for health and metrics on 127.0.0.1:");
      String port =
          http.replaceAll(
              "(?s).*HTTP listener for health and metrics on 127\\.0\\.0\\.1:(\\d+).*", "$1");
      List<String> codes;
      try (CsiDriverSimulator driver = CsiDriverSimulator.connect(socketDir.resolve("aws.sock"))) {
        codes = flows(driver);
      }
      assertThat(codes)
          .containsExactly(
              "INVALID_ARGUMENT",
              "NOT_FOUND",
              "PERMISSION_DENIED",
              "UNAUTHENTICATED",
              "UNKNOWN",
              "FAILED_PRECONDITION",
              "RESOURCE_EXHAUSTED",
              "UNKNOWN",
              "FAILED_PRECONDITION",
              "UNAUTHENTICATED",
              "INVALID_ARGUMENT");
      String metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics).contains("ascp_mounts_total").doesNotContain(SECRET_MARKER);
      assertThat(metrics).doesNotContain(Tokens.MARKER);
      jar.terminate();
      assertThat(jar.awaitExit()).isZero();
      List<String> output = jar.output();
      System.out.printf(
          "HYGIENE: --log-format=%s: %d lines of output at trace, %d bytes of /metrics%n",
          format, output.size(), metrics.length());
      assertThat(output).hasSizeGreaterThan(200);
      if (format.equals("json")) {
        assertThat(output).filteredOn(l -> l.startsWith("{")).hasSizeGreaterThan(200);
      }
      // Stack traces with their causes are part of the output (the SDK's retries log them).
      assertThat(output)
          .noneMatch(l -> l.contains(SECRET_MARKER))
          .noneMatch(l -> l.contains(Tokens.MARKER))
          .noneMatch(l -> l.contains("SecretAccessKey"))
          .noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("x-amz-security-token:"));
    } finally {
      jar.close();
      Files.deleteIfExists(socketDir.resolve("aws.sock"));
      Files.deleteIfExists(socketDir);
    }
  }

  // ---- Response size (driver-writes mode) ----

  @Test
  void driverWritesRefusesAResponseOverTheDriversFourMebibytesWithAClearMessage() throws Exception {
    Path target = Files.createDirectory(dir.resolve("big"));
    MountOutcome outcome =
        DRIVER_WRITES
            .simulator()
            .mount(volume(target).parameter("objects", objects(0, 70)).build());
    MountError error = failed(outcome, "70 x 64 KiB");
    assertThat(error.grpcCode()).contains("INVALID_ARGUMENT");
    assertThat(error.detail())
        .startsWith("the Mount response would be ")
        .contains("(70 files)", "4194304 bytes (4 MiB)", "--max-call-recv-msg-size")
        .doesNotContain("shop/big");
    try (Stream<Path> entries = Files.list(target)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void driverWritesReturnsFiftyMaximumSizeSecretsWithinTheLimit() throws Exception {
    Path target = Files.createDirectory(dir.resolve("fifty"));
    MountOutcome outcome =
        DRIVER_WRITES
            .simulator()
            .mount(volume(target).parameter("objects", objects(0, 50)).build());
    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.responseFiles()).hasSize(50);
    assertThat(outcome.responseBytes())
        .isGreaterThan(50 * 64 * 1024)
        .isLessThanOrEqualTo(CsiDriverSimulator.MAX_RESPONSE_BYTES);
    System.out.printf("RESPONSE: 50 x 64 KiB = %d bytes on the wire%n", outcome.responseBytes());
  }

  @Test
  void providerWritesHasNoResponseLimit() throws Exception {
    Path target = Files.createDirectory(dir.resolve("many"));
    MountOutcome outcome =
        PROVIDER_WRITES
            .simulator()
            .mount(volume(target).parameter("objects", objects(0, 70)).build());
    assertThat(outcome.error()).isEmpty();
    assertThat(MountedFiles.read(target)).hasSize(70);
    assertThat(outcome.responseBytes()).isLessThan(64 * 1024);
  }

  // ---- Modes as mode bits ----

  @Test
  void theSocketAndTheFilesHaveExactlyTheirModeBits() throws Exception {
    assertThat(mode(PROVIDER_WRITES.socketPath())).isEqualTo(0600);
    assertThat(mode(DRIVER_WRITES.socketPath())).isEqualTo(0600);
    Path target = Files.createDirectory(dir.resolve("modes"));
    assertThat(PROVIDER_WRITES.simulator().mount(volume(target).build()).error()).isEmpty();
    Path data = target.resolve(Files.readSymbolicLink(target.resolve("..data")));
    assertThat(mode(data)).isEqualTo(0755);
    for (String name : Fixtures.FILES) {
      assertThat(mode(data.resolve(name)))
          .as(name)
          .isEqualTo(name.equals("db-password") ? 0600 : 0644);
      assertThat(Files.isSymbolicLink(target.resolve(name))).isTrue();
    }
    try (Stream<Path> entries = Files.list(target)) {
      assertThat(entries)
          .as("only the data directory, ..data and the file links")
          .hasSize(Fixtures.FILES.size() + 2);
    }
  }

  private static int mode(Path p) throws Exception {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }
}
