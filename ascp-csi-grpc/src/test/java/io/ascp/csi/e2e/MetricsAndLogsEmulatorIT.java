// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.core.Ticker;
import io.ascp.csi.daemon.Daemon;
import io.ascp.csi.daemon.DaemonConfig;
import io.ascp.csi.kube.KubernetesAccess;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.PodVolume;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted run of real mounts through the daemon's production wiring (the AWS SDK against the
 * testkit's emulator, fabric8 against a Kubernetes API on loopback), then {@code GET /metrics} over
 * the real HTTP listener: exact counts for every family, and not one of the names planted in the
 * run — object, pod, namespace, service account, node, class, secret value, token — in the scrape.
 * The Mount summary lines carry the pod and the class but never a value or a token.
 */
class MetricsAndLogsEmulatorIT {
  /** In every name of the run; never in a metric. */
  static final String NAME_MARKER = "namemarkerq3";

  static final String NAMESPACE = "ns-" + NAME_MARKER;
  static final String POD = "pod-" + NAME_MARKER;
  static final String POD_UID = "uid-" + NAME_MARKER;
  static final String SERVICE_ACCOUNT = "sa-" + NAME_MARKER;
  static final String NODE = "node-" + NAME_MARKER;
  static final String CLASS = "class-" + NAME_MARKER;
  static final String SECRET = "obj-" + NAME_MARKER + "/db";
  static final String PARAMETER = "/obj-" + NAME_MARKER + "/url";
  static final String ROLE = "arn:aws:iam::123456789012:role/role-" + NAME_MARKER;
  static final String REGION = "eu-west-1";
  static final String VALUE_MARKER = "VALUEMARKERw8";

  @Order(0)
  @RegisterExtension
  static final LogCapture LOGS = new LogCapture();

  @Order(1)
  @RegisterExtension
  static final KubeApi KUBE = new KubeApi();

  @Order(2)
  @RegisterExtension
  static final AwsEmulatorExtension AWS =
      AwsEmulatorExtension.builder().resetBetweenTests(false).build();

  private static @Nullable Daemon daemon;
  private static @Nullable Path socketDir;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    KUBE.node(NODE, REGION)
        .pod(NAMESPACE, POD, POD_UID, NODE)
        .serviceAccount(NAMESPACE, SERVICE_ACCOUNT, ROLE);
    var aws = AWS.aws();
    aws.secretsManager(REGION).createSecret(SECRET, "db-" + VALUE_MARKER);
    aws.parameterStore(REGION).putParameter(PARAMETER, "url-" + VALUE_MARKER);
    aws.iam()
        .allow(ROLE, AwsService.SECRETS_MANAGER, "obj-" + NAME_MARKER + "/*")
        .allow(ROLE, AwsService.SSM, "/obj-" + NAME_MARKER + "/*")
        .allowWebIdentity(ROLE, "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT);
    Path sockets = Files.createTempDirectory(Path.of("/tmp"), "ascp-met");
    socketDir = sockets;
    daemon =
        Daemon.start(
            DaemonConfig.builder()
                .providerVolume(sockets.toString())
                .httpAddress("127.0.0.1:0")
                .build(),
            Map.of(
                "AWS_ENDPOINT_URL", AWS.endpoint().toString(),
                "ASCP_POD_IDENTITY_AGENT_URL", AWS.emulator().podIdentityAgentUri().toString()),
            KubernetesAccess.forApiServer(KUBE.url(), -1, 0, Ticker.system()));
  }

  @AfterAll
  static void stop() throws Exception {
    Daemon d = daemon;
    if (d != null) {
      d.shutdown();
    }
    if (socketDir != null) {
      Files.deleteIfExists(socketDir);
    }
    assertThat(LOGS.lines())
        .noneMatch(line -> line.contains(VALUE_MARKER))
        .noneMatch(line -> line.contains(Tokens.MARKER));
  }

  private static Daemon daemon() {
    Daemon d = daemon;
    if (d == null) {
      throw new IllegalStateException("the daemon did not start");
    }
    return d;
  }

  private PodVolume volume(String name, String objects) throws Exception {
    return PodVolume.builder()
        .pod(NAMESPACE, POD, POD_UID)
        .serviceAccount(SERVICE_ACCOUNT)
        .secretProviderClass(CLASS, Map.of("objects", objects))
        .token(
            CallerIdentity.STS_AUDIENCE,
            Tokens.token(NAMESPACE, SERVICE_ACCOUNT, CallerIdentity.STS_AUDIENCE))
        .targetPath(Files.createDirectory(dir.resolve(name)))
        .build();
  }

  private static String scrape() throws Exception {
    int port = daemon().httpAddress().orElseThrow().getPort();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static List<String> samples(String text, String prefix) {
    return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).toList();
  }

  @Test
  void aScriptedRunGivesExactCountsAndNoNameInAnyLabel() throws Exception {
    String both =
        "- objectName: "
            + SECRET
            + "\n  objectType: secretsmanager\n  objectAlias: db\n"
            + "- objectName: "
            + PARAMETER
            + "\n  objectType: ssmparameter\n  objectAlias: url\n";
    String missing = "- objectName: obj-" + NAME_MARKER + "/absent\n  objectType: secretsmanager\n";
    try (CsiDriverSimulator driver = CsiDriverSimulator.connect(Path.of(daemon().socketPath()))) {
      MountOutcome first = driver.mount(volume("a", both));
      MountOutcome second = driver.mount(volume("b", both));
      MountOutcome third = driver.mount(volume("c", missing));
      assertThat(first.error()).isEmpty();
      assertThat(second.error()).isEmpty();
      assertThat(third.error()).isPresent();
    }

    String metrics = scrape();

    assertThat(metrics).doesNotContainIgnoringCase(NAME_MARKER);
    assertThat(metrics).doesNotContain(VALUE_MARKER).doesNotContain(Tokens.MARKER);
    assertThat(samples(metrics, "ascp_mounts_total"))
        .containsExactly(
            "ascp_mounts_total{error_code=\"NOT_FOUND\",outcome=\"failure\"} 1.0",
            "ascp_mounts_total{error_code=\"none\",outcome=\"success\"} 2.0");
    assertThat(samples(metrics, "ascp_mount_duration_seconds_count"))
        .containsExactly(
            "ascp_mount_duration_seconds_count{outcome=\"failure\"} 1",
            "ascp_mount_duration_seconds_count{outcome=\"success\"} 2");
    assertThat(samples(metrics, "ascp_mounted_objects_total"))
        .containsExactly("ascp_mounted_objects_total 4.0");
    assertThat(samples(metrics, "ascp_backend_calls_total"))
        .containsExactly(
            "ascp_backend_calls_total{error_code=\"NOT_FOUND\",operation=\"GetSecretValue\","
                + "outcome=\"failure\",region=\"eu-west-1\",service=\"secretsmanager\"} 1.0",
            "ascp_backend_calls_total{error_code=\"none\",operation=\"AssumeRoleWithWebIdentity\","
                + "outcome=\"success\",region=\"eu-west-1\",service=\"sts\"} 3.0",
            "ascp_backend_calls_total{error_code=\"none\",operation=\"GetParameters\","
                + "outcome=\"success\",region=\"eu-west-1\",service=\"ssm\"} 2.0",
            "ascp_backend_calls_total{error_code=\"none\",operation=\"GetSecretValue\","
                + "outcome=\"success\",region=\"eu-west-1\",service=\"secretsmanager\"} 2.0");
    // Each mount brings a new token (as kubelet does), which is exchanged once; the second batch of
    // a mount (the other object type) is served from the cache.
    assertThat(samples(metrics, "ascp_credentials_lookups_total"))
        .containsExactly(
            "ascp_credentials_lookups_total{auth_mode=\"irsa\",error_code=\"none\","
                + "outcome=\"success\",region=\"eu-west-1\",source=\"cache\"} 2.0",
            "ascp_credentials_lookups_total{auth_mode=\"irsa\",error_code=\"none\","
                + "outcome=\"success\",region=\"eu-west-1\",source=\"exchange\"} 3.0");
    // The pod's region is cached by uid and the role for 30 s: one GET of each kind.
    assertThat(samples(metrics, "ascp_kubernetes_lookups_total"))
        .containsExactly(
            "ascp_kubernetes_lookups_total{cache=\"hit\",kind=\"Pod\",outcome=\"found\"} 2.0",
            "ascp_kubernetes_lookups_total{cache=\"hit\",kind=\"ServiceAccount\","
                + "outcome=\"found\"} 2.0",
            "ascp_kubernetes_lookups_total{cache=\"miss\",kind=\"Node\",outcome=\"found\"} 1.0",
            "ascp_kubernetes_lookups_total{cache=\"miss\",kind=\"Pod\",outcome=\"found\"} 1.0",
            "ascp_kubernetes_lookups_total{cache=\"miss\",kind=\"ServiceAccount\","
                + "outcome=\"found\"} 1.0");
    assertThat(samples(metrics, "ascp_region_skips_total")).isEmpty();

    // One summary line per Mount, with the pod and the class, never a value or a token.
    List<String> summaries =
        LOGS.lines().stream().filter(l -> l.contains("io.ascp.csi.daemon.MountLog")).toList();
    assertThat(summaries).hasSize(3);
    assertThat(summaries.get(0))
        .startsWith(
            "INFO io.ascp.csi.daemon.MountLog Mount succeeded: pod "
                + NAMESPACE
                + "/"
                + POD
                + ", class "
                + CLASS
                + ", 2 objects, 2 files in ");
    assertThat(summaries.get(2))
        .startsWith(
            "INFO io.ascp.csi.daemon.MountLog Mount failed: pod "
                + NAMESPACE
                + "/"
                + POD
                + ", class "
                + CLASS
                + ", 1 objects in ")
        .endsWith(" ms: NOT_FOUND (grpc NOT_FOUND)");
  }
}
