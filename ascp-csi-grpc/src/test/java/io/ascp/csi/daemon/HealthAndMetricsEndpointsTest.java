// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.csi.v1alpha1.MountRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gRPC health service on the real provider socket, and the HTTP listener's {@code /healthz}
 * (which calls that service over the socket), {@code /readyz} and {@code /metrics}, while the
 * daemon serves and while it drains.
 */
class HealthAndMetricsEndpointsTest {
  @TempDir Path dir;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final Doubles.FakeKube kube = new Doubles.FakeKube();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private Daemon start() throws IOException {
    kube.roles.put("shop/web", "arn:aws:iam::123456789012:role/web");
    Daemon daemon =
        Daemon.start(
            DaemonConfig.builder()
                .providerVolume(dir.toString())
                .driverWritesSecrets(true)
                .httpAddress("127.0.0.1:0")
                .build(),
            new Wiring(
                new Doubles.FakeParser(), new Doubles.FakeMounter(), new Doubles.FakeWriter()),
            kube,
            Optional.of("eu-west-1"));
    toClose.add(daemon);
    return daemon;
  }

  private UdsClient client(Daemon daemon) {
    UdsClient client = new UdsClient(daemon.socketPath());
    toClose.add(client);
    return client;
  }

  private static ServingStatus check(UdsClient client, String service) {
    return HealthGrpc.newBlockingStub(client.channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  private HttpResponse<String> send(Daemon daemon, String method, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + daemon.httpAddress().orElseThrow().getPort() + path);
    return http.send(
        HttpRequest.newBuilder(uri)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int status(Daemon daemon, String path) throws Exception {
    return send(daemon, "GET", path).statusCode();
  }

  private static MountRequest mountRequest() {
    Map<String, String> attributes = new TreeMap<>(Doubles.podAttributes());
    attributes.put("region", "eu-west-1");
    StringBuilder json = new StringBuilder("{");
    attributes.forEach(
        (k, v) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v.replace("\"", "\\\"").replace("\n", "\\n"))
                .append('"'));
    return MountRequest.newBuilder()
        .setAttributes(json.append('}').toString())
        .setSecrets("null")
        .setTargetPath("/tmp")
        .setPermission("420")
        .build();
  }

  @Test
  void theHealthServiceAnswersOnTheSocketServingThenNotServingWhileDraining() throws Exception {
    Daemon daemon = start();
    UdsClient client = client(daemon);

    assertThat(check(client, "")).isEqualTo(ServingStatus.SERVING);
    assertThat(check(client, "v1alpha1.CSIDriverProvider")).isEqualTo(ServingStatus.SERVING);
    assertThatThrownBy(() -> check(client, "no.such.Service"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));

    daemon.beginDrain();

    // The health service stays reachable (the drain gate is the provider service's only) and
    // tells the truth; the provider service refuses.
    assertThat(check(client, "")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(check(client, "v1alpha1.CSIDriverProvider")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThatThrownBy(() -> client.blocking().mount(mountRequest()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void healthzAndReadyzWhileServingAndWhileDraining() throws Exception {
    Daemon daemon = start();

    assertThat(status(daemon, "/healthz")).isEqualTo(200);
    assertThat(send(daemon, "GET", "/healthz").body()).isEqualTo("ok\n");
    assertThat(send(daemon, "HEAD", "/healthz").statusCode()).isEqualTo(200);
    assertThat(status(daemon, "/readyz")).isEqualTo(200);
    assertThat(send(daemon, "POST", "/healthz").statusCode()).isEqualTo(405);

    daemon.beginDrain();

    assertThat(status(daemon, "/healthz")).isEqualTo(503);
    assertThat(send(daemon, "GET", "/healthz").body()).isEqualTo("unavailable\n");
    assertThat(status(daemon, "/readyz")).isEqualTo(503);
  }

  @Test
  void healthzReallyGoesThroughTheSocket() throws Exception {
    Daemon daemon = start();
    // Without its socket file the server still runs, but nobody can reach it: not healthy.
    Files.delete(Path.of(daemon.socketPath()));

    assertThat(status(daemon, "/healthz")).isEqualTo(503);
    assertThat(status(daemon, "/readyz")).isEqualTo(200);
  }

  @Test
  void metricsServesThePrometheusTextOfTheMountsSoFar() throws Exception {
    Daemon daemon = start();
    UdsClient client = client(daemon);
    client.blocking().mount(mountRequest());
    client.blocking().mount(mountRequest());
    assertThatThrownBy(
            () -> client.blocking().mount(mountRequest().toBuilder().setPermission("").build()))
        .isInstanceOf(StatusRuntimeException.class);

    HttpResponse<String> metrics = send(daemon, "GET", "/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body())
        .contains("\nascp_mounts_total{error_code=\"none\",outcome=\"success\"} 2.0\n")
        .contains(
            "\nascp_mounts_total{error_code=\"INVALID_PARAMETERS\",outcome=\"failure\"} 1.0\n")
        .contains("\nascp_mount_duration_seconds_count{outcome=\"success\"} 2\n")
        .contains("\nascp_mounted_files_total 4.0\n")
        .contains("\nascp_build_info{")
        .contains("\njvm_memory_used_bytes{");
    assertThat(daemon.scrapeMetrics()).contains("ascp_mounts_total");
    assertThat(send(daemon, "HEAD", "/metrics").statusCode()).isEqualTo(200);
    assertThat(send(daemon, "POST", "/metrics").statusCode()).isEqualTo(405);
    assertThat(status(daemon, "/metricsz")).isEqualTo(404);
    assertThat(status(daemon, "/")).isEqualTo(404);
  }
}
