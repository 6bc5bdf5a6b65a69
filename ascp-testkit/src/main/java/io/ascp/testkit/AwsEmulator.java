// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP server on the loopback interface that speaks to the real AWS SDK as AWS does, over a
 * {@link FakeAws}: Secrets Manager and SSM over AWS JSON 1.1 ({@code POST /} with {@code
 * X-Amz-Target}), STS {@code AssumeRoleWithWebIdentity} over the AWS query protocol, and the EKS
 * Pod Identity agent's {@code GET /v1/credentials}. Point an SDK client at {@link #endpoint()}:
 *
 * <pre>{@code
 * try (AwsEmulator emulator = AwsEmulator.start();
 *     SecretsManagerClient client =
 *         SecretsManagerClient.builder()
 *             .endpointOverride(emulator.endpoint())
 *             .region(Region.US_EAST_1)
 *             .credentialsProvider(
 *                 StaticCredentialsProvider.create(
 *                     AwsBasicCredentials.create("AKIDTEST", "secret")))
 *             .httpClientBuilder(UrlConnectionHttpClient.builder())
 *             .build()) {
 *   emulator.aws().secretsManager("us-east-1").createSecret("app/db", "pw-1");
 *   assertThat(client.getSecretValue(b -> b.secretId("app/db")).secretString()).isEqualTo("pw-1");
 * }
 * }</pre>
 *
 * <p>The region of each call is the one in the request's SigV4 credential scope, and the caller is
 * its access key id (or the role behind a key the emulator issued through STS or the agent); see
 * {@link FakeIam}. Signatures are not verified. Errors have AWS's wire shapes, so the SDK raises
 * the same exception classes as against AWS. Every call goes through the store's faults, access
 * rules and recording; {@link RecordedCall} adds the access key and the {@code User-Agent}.
 *
 * <p>The emulator owns its server socket and threads: {@link #close()} releases them. It does not
 * own the {@link FakeAws} it serves.
 */
public final class AwsEmulator implements AutoCloseable {
  /** The region of unsigned calls (STS, the agent) unless the builder sets another. */
  public static final String DEFAULT_REGION = "us-east-1";

  private final FakeAws aws;
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI endpoint;
  private final String defaultRegion;

  private AwsEmulator(Builder b, FakeAws aws) {
    this.aws = aws;
    this.defaultRegion = b.defaultRegion;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try {
      this.server = HttpServer.create(new InetSocketAddress(loopback, b.port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the AWS emulator to port " + b.port, e);
    }
    this.executor = Executors.newCachedThreadPool(new DaemonThreads());
    server.setExecutor(executor);
    server.createContext("/", new EmulatorHandler(aws, b.defaultRegion, b.podIdentityLifetime));
    server.start();
    String host = loopback.getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    this.endpoint = URI.create("http://" + host + ":" + server.getAddress().getPort());
  }

  /** Starts an emulator over a new {@link FakeAws#create()} store, on a free loopback port. */
  public static AwsEmulator start() {
    return builder().start();
  }

  /** Starts an emulator over {@code aws}, on a free loopback port. */
  public static AwsEmulator start(FakeAws aws) {
    return builder().fakeAws(aws).start();
  }

  /** A builder of an emulator. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The endpoint to give the SDK ({@code endpointOverride}), e.g. {@code http://127.0.0.1:40123}.
   */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * The Pod Identity agent's credentials URL, e.g. {@code http://127.0.0.1:40123/v1/credentials}.
   */
  public URI podIdentityAgentUri() {
    return endpoint.resolve(EmulatorHandler.POD_IDENTITY_PATH);
  }

  /** The port the emulator listens on. */
  public int port() {
    return endpoint.getPort();
  }

  /** The store this emulator serves. */
  public FakeAws aws() {
    return aws;
  }

  /** The region of calls that carry no SigV4 credential scope (STS, the agent). */
  public String defaultRegion() {
    return defaultRegion;
  }

  /** Stops the server and its threads. Responses still held by latency are dropped. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "AwsEmulator{endpoint=" + endpoint + "}";
  }

  /** A builder of {@link AwsEmulator}. */
  public static final class Builder {
    private @Nullable FakeAws aws;
    private int port;
    private String defaultRegion = DEFAULT_REGION;
    private Duration podIdentityLifetime = Duration.ofHours(6);

    private Builder() {}

    /** Serves {@code aws} instead of a new store. */
    public Builder fakeAws(FakeAws aws) {
      this.aws = requireNonNull(aws, "aws");
      return this;
    }

    /** Listens on {@code port} (0, the default, picks a free port). */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      this.port = port;
      return this;
    }

    /** Sets the region of calls that carry no SigV4 credential scope (STS, the agent). */
    public Builder defaultRegion(String region) {
      this.defaultRegion = FakeAws.checkRegion(region);
      return this;
    }

    /** Sets how long Pod Identity credentials last (6 hours by default, as EKS issues them). */
    public Builder podIdentityCredentialsLifetime(Duration lifetime) {
      requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
      }
      this.podIdentityLifetime = lifetime;
      return this;
    }

    /** Starts the emulator. */
    public AwsEmulator start() {
      return new AwsEmulator(this, aws != null ? aws : FakeAws.create());
    }
  }

  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "ascp-testkit-emulator-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
