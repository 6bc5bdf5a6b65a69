// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ascp.csi.v1alpha1.MountRequest;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS for the image's runtime tests, on loopback only: {@code moto_server} (Secrets Manager, SSM)
 * on a free port and a fake EKS Pod Identity agent that hands out static credentials. Without moto
 * the tests that need it are skipped with a message, except under {@code CI=true}.
 */
final class FakeAws implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process moto;
  private final int motoPort;
  private final HttpServer agent;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private FakeAws(Process moto, int motoPort, HttpServer agent) {
    this.moto = moto;
    this.motoPort = motoPort;
    this.agent = agent;
  }

  /** Starts moto and the agent, or skips the test when moto is absent (fails under CI). */
  static FakeAws start() throws IOException {
    Optional<FakeAws> aws = tryStart();
    assumeTrue(aws.isPresent(), "moto_server is not on PATH: the image's mount test is skipped");
    return aws.orElseThrow();
  }

  /** Starts moto and the agent, or nothing when moto is absent (an error under CI). */
  static Optional<FakeAws> tryStart() throws IOException {
    boolean onPath =
        Pattern.compile(Pattern.quote(File.pathSeparator))
            .splitAsStream(System.getenv().getOrDefault("PATH", ""))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "moto_server")));
    if (!onPath && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("moto_server is not on PATH (CI=true requires it)");
    }
    if (!onPath) {
      return Optional.empty();
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ProcessBuilder motoBuilder =
        new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    // The test JVM's AWS settings (endpoint overrides to a discard port) would break moto itself.
    motoBuilder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    motoBuilder.environment().put("AWS_ACCESS_KEY_ID", "test");
    motoBuilder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
    motoBuilder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    Process moto = motoBuilder.start();
    HttpServer agent =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] credentials =
        JSON.writeValueAsBytes(
            Map.of(
                "AccessKeyId", "AKIAIOSFODNN7EXAMPLE",
                "SecretAccessKey", "test",
                "Token", "test",
                "AccountId", "123456789012",
                "Expiration", "2099-01-01T00:00:00Z"));
    agent.createContext(
        "/v1/credentials",
        exchange -> {
          try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, credentials.length);
            out.write(credentials);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    agent.start();
    FakeAws aws = new FakeAws(moto, port, agent);
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(aws.endpoint() + "/moto-api/")).GET().build();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () ->
                aws.http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return Optional.of(aws);
  }

  String endpoint() {
    return "http://127.0.0.1:" + motoPort;
  }

  String agentUrl() {
    return "http://127.0.0.1:" + agent.getAddress().getPort() + "/v1/credentials";
  }

  void createSecret(String name, String value) throws IOException, InterruptedException {
    call(
        "secretsmanager",
        "secretsmanager.CreateSecret",
        Map.of("Name", name, "SecretString", value));
  }

  void putParameter(String name, String value) throws IOException, InterruptedException {
    call(
        "ssm",
        "AmazonSSM.PutParameter",
        Map.of("Name", name, "Value", value, "Type", "SecureString"));
  }

  private void call(String service, String target, Map<String, String> body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint() + "/"))
            .header("X-Amz-Target", target)
            .header("Content-Type", "application/x-amz-json-1.1")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/"
                    + service
                    + "/aws4_request, SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(target + " failed: " + response.statusCode() + " " + response.body());
    }
  }

  /** A Mount request as the CSI driver sends it, for Pod Identity in us-east-1. */
  static MountRequest mountRequest(String objects, String podUid, String targetPath)
      throws IOException {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("objects", objects);
    attributes.put("region", "us-east-1");
    attributes.put("usePodIdentity", "true");
    attributes.put("secretProviderClass", "spc");
    attributes.put("csi.storage.k8s.io/pod.name", "app");
    attributes.put("csi.storage.k8s.io/pod.namespace", "default");
    attributes.put("csi.storage.k8s.io/pod.uid", podUid);
    attributes.put("csi.storage.k8s.io/serviceAccount.name", "app");
    attributes.put("csi.storage.k8s.io/ephemeral", "true");
    attributes.put(
        "csi.storage.k8s.io/serviceAccount.tokens",
        JSON.writeValueAsString(
            Map.of(
                "pods.eks.amazonaws.com",
                Map.of(
                    "token",
                    "eyJhbGciOiJub25lIn0.e30.",
                    "expirationTimestamp",
                    "2099-01-01T00:00:00Z"))));
    return MountRequest.newBuilder()
        .setAttributes(JSON.writeValueAsString(attributes))
        .setSecrets("null")
        .setTargetPath(targetPath)
        .setPermission("420")
        .build();
  }

  static String utf8(com.google.protobuf.ByteString bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    agent.stop(0);
    moto.destroy();
    try {
      moto.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
