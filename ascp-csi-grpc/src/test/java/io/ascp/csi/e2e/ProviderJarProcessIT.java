// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static io.ascp.csi.e2e.Fixtures.DB_JSON;
import static io.ascp.csi.e2e.Fixtures.NAMESPACE;
import static io.ascp.csi.e2e.Fixtures.NODE_REGION;
import static io.ascp.csi.e2e.Fixtures.POD_IDENTITY_ROLE;
import static io.ascp.csi.e2e.Fixtures.ROLE;
import static io.ascp.csi.e2e.Fixtures.SECRET_MARKER;
import static io.ascp.csi.e2e.Fixtures.parameterName;
import static io.ascp.csi.e2e.Fixtures.parameterValue;
import static io.ascp.csi.e2e.Fixtures.volume;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountError;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.SecretInput;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as a separate process, configured only through its environment as a DaemonSet is:
 * {@code KUBECONFIG} (the Kubernetes API on loopback), {@code AWS_ENDPOINT_URL} (the emulator),
 * {@code ASCP_POD_IDENTITY_AGENT_URL} (the emulator's agent), no {@code AWS_REGION}. It logs at
 * {@code --log-level=trace}, every library included, and not one line of its output may hold a
 * secret value or a token.
 */
class ProviderJarProcessIT {
  private static final Path JAR = Path.of("target", "ascp-provider.jar");

  @Order(1)
  @RegisterExtension
  static final KubeApi KUBE = new KubeApi();

  @Order(2)
  @RegisterExtension
  static final AwsEmulatorExtension AWS =
      AwsEmulatorExtension.builder().resetBetweenTests(false).build();

  private static @Nullable Process process;
  private static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
  private static final BlockingQueue<String> LINES = new LinkedBlockingQueue<>();
  private static @Nullable Path socketDir;
  private static @Nullable Path configDir;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    Fixtures.seedKubernetes(KUBE);
    var aws = AWS.aws();
    aws.secretsManager(NODE_REGION).createSecret("shop/db", DB_JSON);
    aws.secretsManager(NODE_REGION).createSecret("shop/tls", SecretInput.binary(Fixtures.BINARY));
    for (int n = 1; n <= 11; n++) {
      aws.parameterStore(NODE_REGION).putParameter(parameterName(n), parameterValue(n));
    }
    aws.iam()
        .allow(ROLE, AwsService.SECRETS_MANAGER, "shop/*")
        .allow(ROLE, AwsService.SSM, "/shop/*")
        .allowWebIdentity(ROLE, "system:serviceaccount:shop:web")
        .allow(POD_IDENTITY_ROLE, AwsService.SECRETS_MANAGER, "shop/*")
        .allow(POD_IDENTITY_ROLE, AwsService.SSM, "/shop/*")
        .associatePodIdentity(NAMESPACE, "pi", POD_IDENTITY_ROLE);

    socketDir = Files.createTempDirectory(Path.of("/tmp"), "ascp-jar");
    configDir = Files.createTempDirectory("ascp-jar-config");
    Path kubeconfig = KUBE.writeKubeconfig(configDir);

    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            JAR.toString(),
            "--provider-volume=" + socketDir,
            "--http-address=127.0.0.1:0",
            "--log-level=trace");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(k -> k.startsWith("AWS_") || k.startsWith("KUBE") || k.startsWith("ASCP_"));
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_CONFIG_FILE", configDir.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", configDir.resolve("no-aws-credentials").toString());
    env.put("AWS_ENDPOINT_URL", AWS.endpoint().toString());
    env.put("ASCP_POD_IDENTITY_AGENT_URL", AWS.emulator().podIdentityAgentUri().toString());
    env.put("KUBECONFIG", kubeconfig.toString());
    Process p = builder.start();
    process = p;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  OUTPUT.add(line);
                  LINES.add(line);
                }
              } catch (IOException e) {
                LINES.add("<output closed>");
              }
            },
            "provider-jar-output");
    reader.setDaemon(true);
    reader.start();
    awaitLine("Listening for connections on address: " + socketDir.resolve("aws.sock"));
    String http = awaitLine("HTTP listener for health and metrics on 127.0.0.1:");
    httpPort =
        Integer.parseInt(
            http.substring(http.indexOf("127.0.0.1:") + "127.0.0.1:".length()).strip());
  }

  private static int httpPort;

  private static String awaitLine(String text) throws InterruptedException {
    while (true) {
      String line = LINES.poll(60, TimeUnit.SECONDS);
      assertThat(line).as("a line containing '%s'; output so far: %s", text, OUTPUT).isNotNull();
      if (line.contains(text)) {
        return line;
      }
    }
  }

  private static java.net.http.HttpResponse<String> get(String path) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(java.time.Duration.ofSeconds(10))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @AfterAll
  static void stopAndCheckTheOutput() throws Exception {
    Process p = process;
    if (p != null && p.isAlive()) {
      // After every test's mounts: the jar's metrics name no object, pod or value.
      String metrics = get("/metrics").body();
      assertThat(metrics)
          .contains("ascp_mounts_total{error_code=\"none\",outcome=\"success\"}")
          .doesNotContain(SECRET_MARKER)
          .doesNotContain(Tokens.MARKER)
          .doesNotContain("shop/")
          .doesNotContain("web-0")
          .doesNotContain(NAMESPACE + "\"");
    }
    if (p != null) {
      p.toHandle().destroy(); // SIGTERM
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited; output: %s", OUTPUT).isTrue();
      assertThat(p.exitValue()).isZero();
    }
    if (socketDir != null) {
      assertThat(Files.exists(socketDir.resolve("aws.sock"), LinkOption.NOFOLLOW_LINKS)).isFalse();
      Files.deleteIfExists(socketDir);
    }
    if (configDir != null) {
      Files.deleteIfExists(configDir.resolve("kubeconfig"));
      Files.deleteIfExists(configDir);
    }
    // Kept for a failure's diagnosis (it holds no secret when the test passes).
    Files.write(Path.of("target", "provider-jar-process.log"), OUTPUT, UTF_8);
    // Trace level: the daemon, gRPC, Netty, fabric8, the AWS SDK and its HTTP client all log.
    assertThat(OUTPUT).hasSizeGreaterThan(50);
    assertThat(OUTPUT)
        .noneMatch(line -> line.contains(Tokens.MARKER))
        .noneMatch(line -> line.contains(SECRET_MARKER))
        // Nor any credential: temporary AWS credentials, a session token in signed headers, the
        // daemon's own Kubernetes token.
        .noneMatch(line -> line.contains("SecretAccessKey"))
        .noneMatch(
            line -> line.toLowerCase(java.util.Locale.ROOT).contains("x-amz-security-token:"))
        .noneMatch(line -> line.contains("kube-api-token"));
  }

  private CsiDriverSimulator driver() {
    Path socketDirectory = socketDir;
    if (socketDirectory == null) {
      throw new IllegalStateException("the provider did not start");
    }
    return CsiDriverSimulator.connect(socketDirectory.resolve("aws.sock"));
  }

  @Test
  void healthReadinessAndMetricsOverHttp() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    java.net.http.HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    // The fat jar renders the text format without the protobuf exposition module.
    assertThat(metrics.body())
        .contains("# TYPE ascp_mounts_total counter", "\njvm_threads_live_threads ");
  }

  @Test
  void irsaWithTheRoleAndTheRegionReadThroughKubeconfig() throws Exception {
    Path target = Files.createDirectory(dir.resolve("t"));
    try (CsiDriverSimulator driver = driver()) {
      MountOutcome outcome = driver.mount(volume(target).build());
      assertThat(outcome.error()).isEmpty();
    }
    assertThat(MountedFiles.readString(target, "db-user")).isEqualTo("admin");
    assertThat(MountedFiles.readString(target, "_shop_p11")).isEqualTo(parameterValue(11));
    assertThat(AWS.aws().calls(AwsOperation.GET_SECRET_VALUE))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.region()).isEqualTo(NODE_REGION))
        .allSatisfy(c -> assertThat(c.principal()).isEqualTo(ROLE));
  }

  @Test
  void podIdentityWithTheAgentFromTheEnvironment() throws Exception {
    Path target = Files.createDirectory(dir.resolve("t"));
    try (CsiDriverSimulator driver = driver()) {
      MountOutcome outcome =
          driver.mount(
              volume(target)
                  .pod(NAMESPACE, "pi-0", "7d1c2b4a-0000-4000-8000-000000000pi0")
                  .serviceAccount("pi")
                  .withoutTokens()
                  .token(
                      CallerIdentity.POD_IDENTITY_AUDIENCE,
                      Tokens.token(NAMESPACE, "pi", CallerIdentity.POD_IDENTITY_AUDIENCE))
                  .parameter("usePodIdentity", "true")
                  .build());
      assertThat(outcome.error()).isEmpty();
    }
    assertThat(MountedFiles.readString(target, "db-password")).isEqualTo(Fixtures.PASSWORD);
    assertThat(AWS.aws().calls(AwsOperation.POD_IDENTITY_CREDENTIALS)).isNotEmpty();
  }

  @Test
  void failuresCarryNoValueAndNoToken() throws Exception {
    List<MountError> errors = new ArrayList<>();
    try (CsiDriverSimulator driver = driver()) {
      for (String objects :
          List.of(
              "- objectName: shop/absent\n  objectType: secretsmanager\n",
              """
              - objectName: shop/db
                objectType: secretsmanager
                jmesPath:
                  - path: password.missing
                    objectAlias: x
              """,
              "- objectName: other/db\n  objectType: secretsmanager\n")) {
        Path target = Files.createTempDirectory(dir, "t");
        MountOutcome outcome = driver.mount(volume(target).parameter("objects", objects).build());
        errors.add(outcome.error().orElseThrow(() -> new AssertionError(objects)));
      }
    }
    assertThat(errors)
        .extracting(e -> e.grpcCode().orElse(""))
        .containsExactly("NOT_FOUND", "FAILED_PRECONDITION", "PERMISSION_DENIED");
    assertThat(errors)
        .allSatisfy(
            e ->
                assertThat(e.message())
                    .doesNotContain(SECRET_MARKER)
                    .doesNotContain(Tokens.MARKER)
                    .doesNotContain("pw-"));
  }
}
