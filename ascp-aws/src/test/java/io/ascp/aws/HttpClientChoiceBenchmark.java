// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import io.ascp.testkit.junit.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The measurement behind docs/performance.md "HTTP client choice": GetSecretValue through each
 * candidate sync HTTP client, sequentially and in batches of 20 objects fetched by 8 or 32 threads,
 * counting the TCP connections each client opens (through a loopback proxy) and the CPU time of
 * this JVM. Two backends: moto_server (plain HTTP; its development server closes the connection
 * after every response, so no client can reuse one) and a loopback HTTPS stub with keep-alive and a
 * 10 ms service time, closer to the real endpoint, where connection reuse and TLS handshakes show.
 *
 * <p>Run: {@code ./mvnw -q -pl ascp-aws -am install -DskipTests && ./mvnw -q -pl ascp-aws
 * test-compile exec:java -Dexec.mainClass=io.ascp.aws.HttpClientChoiceBenchmark
 * -Dexec.classpathScope=test}. Not a test: it prints figures and asserts nothing.
 */
public final class HttpClientChoiceBenchmark {
  private static final int SECRETS = 20;
  private static final int SEQUENTIAL_CALLS = 400;
  private static final int BATCHES = 60;
  private static final int ROUNDS = 2;

  private HttpClientChoiceBenchmark() {}

  /** Runs the measurement and prints a Markdown table. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(
        "cores: "
            + Runtime.getRuntime().availableProcessors()
            + ", JDK "
            + Runtime.version()
            + ", http.maxConnections="
            + System.getProperty("http.maxConnections", "(unset: 5)"));
    Path dir = Files.createTempDirectory("ascp-bench");
    TestTls tls = TestTls.create(dir);
    TrustManager[] trust = HttpClients.trustManagers(tls.pem());
    out.println(
        "| backend | client | threads | sequential p50 ms | batch of 20 p50 ms | batch p90 ms |"
            + " calls/s | TCP connections opened | JVM CPU ms per call |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    try (MotoServer moto = MotoServer.start()) {
      seed(moto.endpoint());
      for (int round = 0; round < ROUNDS; round++) {
        for (String kind : List.of("url-connection", "apache4")) {
          for (int threads : new int[] {8, 32}) {
            out.println(measure("moto (HTTP)", kind, threads, moto.endpoint(), "http", trust));
          }
        }
      }
    }
    try (TlsStub stub = new TlsStub(tls)) {
      for (int round = 0; round < ROUNDS; round++) {
        for (String kind : List.of("url-connection", "apache4")) {
          for (int threads : new int[] {8, 32}) {
            out.println(measure("TLS stub, 10 ms", kind, threads, stub.endpoint(), "https", trust));
          }
        }
      }
    }
  }

  @SuppressWarnings("deprecation") // ApacheHttpClient is a candidate under measurement.
  private static SdkHttpClient client(String kind, int maxConnections, TrustManager[] trust) {
    return switch (kind) {
      case "url-connection" ->
          UrlConnectionHttpClient.builder()
              .connectionTimeout(Duration.ofSeconds(2))
              .socketTimeout(Duration.ofSeconds(30))
              .tlsTrustManagersProvider(() -> trust)
              .build();
      case "apache4" ->
          ApacheHttpClient.builder()
              .maxConnections(maxConnections)
              .connectionTimeout(Duration.ofSeconds(2))
              .socketTimeout(Duration.ofSeconds(30))
              .tlsTrustManagersProvider(() -> trust)
              .build();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static SecretsManagerClient sm(SdkHttpClient http, URI endpoint) {
    return SecretsManagerClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(http)
        .build();
  }

  private static void seed(URI endpoint) {
    try (SdkHttpClient http = client("url-connection", 1, new TrustManager[0]);
        SecretsManagerClient sm = sm(http, endpoint)) {
      String value = "x".repeat(1024);
      for (int i = 0; i < SECRETS; i++) {
        int n = i;
        sm.createSecret(b -> b.name("bench-" + n).secretString(value));
      }
    }
  }

  private static String measure(
      String backend, String kind, int threads, URI target, String scheme, TrustManager[] trust)
      throws Exception {
    try (CountingProxy proxy = new CountingProxy(target.getPort());
        SdkHttpClient http = client(kind, Math.max(50, threads), trust);
        SecretsManagerClient sm = sm(http, proxy.endpoint(scheme))) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        Supplier<Long> oneCall =
            () -> {
              long t0 = System.nanoTime();
              sm.getSecretValue(b -> b.secretId("bench-" + (int) (t0 % SECRETS)));
              return System.nanoTime() - t0;
            };
        for (int i = 0; i < 50; i++) {
          long unused = oneCall.get();
        }
        for (int i = 0; i < 10; i++) {
          batch(sm, pool);
        }
        proxy.connections.set(0);
        long cpu0 = processCpuNanos();
        long[] sequential = new long[SEQUENTIAL_CALLS];
        for (int i = 0; i < SEQUENTIAL_CALLS; i++) {
          sequential[i] = oneCall.get();
        }
        long[] batches = new long[BATCHES];
        long wall0 = System.nanoTime();
        for (int i = 0; i < BATCHES; i++) {
          batches[i] = batch(sm, pool);
        }
        long wall = System.nanoTime() - wall0;
        long cpu = processCpuNanos() - cpu0;
        int calls = SEQUENTIAL_CALLS + BATCHES * SECRETS;
        return String.format(
            Locale.ROOT,
            "| %s | %s | %d | %.2f | %.1f | %.1f | %.0f | %d | %.2f |",
            backend,
            kind,
            threads,
            percentile(sequential, 50) / 1e6,
            percentile(batches, 50) / 1e6,
            percentile(batches, 90) / 1e6,
            BATCHES * SECRETS / (wall / 1e9),
            proxy.connections.get(),
            cpu / 1e6 / calls);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static long batch(SecretsManagerClient sm, ExecutorService pool) throws Exception {
    long t0 = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < SECRETS; i++) {
      int n = i;
      futures.add(pool.submit(() -> sm.getSecretValue(b -> b.secretId("bench-" + n))));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    return System.nanoTime() - t0;
  }

  private static long percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * A loopback HTTPS server that answers every request like GetSecretValue after a 10 ms service
   * time, keeping connections alive.
   */
  private static final class TlsStub implements AutoCloseable {
    private static final byte[] BODY =
        ("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-AbCdEf\","
                + "\"Name\":\"bench\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],"
                + "\"CreatedDate\":1.7E9,\"SecretString\":\""
                + "x".repeat(1024)
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    private final HttpsServer server;
    private final ExecutorService dispatch = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService delay = Executors.newScheduledThreadPool(4);

    TlsStub(TestTls tls) throws IOException {
      // Without it, Nagle's algorithm and delayed ACKs add 40 ms to responses written in parts.
      System.setProperty("sun.net.httpserver.nodelay", "true");
      server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
      server.setHttpsConfigurator(tls.configurator());
      server.setExecutor(dispatch);
      server.createContext(
          "/",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            ScheduledFuture<?> unused =
                delay.schedule(() -> respond(exchange), 10, TimeUnit.MILLISECONDS);
          });
      server.start();
    }

    private static void respond(HttpExchange exchange) {
      try (exchange) {
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "stub");
        exchange.sendResponseHeaders(200, BODY.length);
        exchange.getResponseBody().write(BODY);
      } catch (IOException e) {
        // The client went away.
      }
    }

    URI endpoint() {
      return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
      dispatch.shutdownNow();
      delay.shutdownNow();
    }
  }

  /** A loopback TCP proxy that counts the connections it accepts. */
  private static final class CountingProxy implements AutoCloseable {
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;
    private final int target;
    private final ExecutorService pumps =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r);
              t.setDaemon(true);
              return t;
            });
    private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

    CountingProxy(int target) throws IOException {
      this.target = target;
      this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      pumps.execute(this::accept);
    }

    URI endpoint(String scheme) {
      return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          connections.incrementAndGet();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
          client.setTcpNoDelay(true);
          upstream.setTcpNoDelay(true);
          sockets.add(client);
          sockets.add(upstream);
          pumps.execute(() -> pump(client, upstream));
          pumps.execute(() -> pump(upstream, client));
        } catch (IOException e) {
          return;
        }
      }
    }

    private static void pump(Socket from, Socket to) {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream();
          OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // Connection closed.
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException e) {
          // Closing.
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : sockets) {
        s.close();
      }
      pumps.shutdownNow();
    }
  }
}
