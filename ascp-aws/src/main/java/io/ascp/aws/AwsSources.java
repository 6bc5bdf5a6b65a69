// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpListener;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.SecretSource;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The AWS backends of ascp-java: a Secrets Manager and a Parameter Store {@link SecretSource} over
 * the AWS SDK for Java v2, with the credentials of each caller (IRSA, EKS Pod Identity or the
 * default chain).
 *
 * <pre>{@code
 * try (AwsSources aws =
 *     AwsSources.builder()
 *         .config(AwsSourcesConfig.builder().eksAddonVersion("v1.2.3-eksbuild.1").build())
 *         .build()) {
 *   SecretSource secrets = aws.secretsManager();
 *   results =
 *       secrets.fetch(
 *           new FetchBatch(
 *               ObjectType.SECRETS_MANAGER,
 *               "us-east-1",
 *               CallerIdentity.defaultChain(),
 *               List.of(ObjectRequest.of("MySecret"))));
 * }
 * }</pre>
 *
 * <p>Thread-safe; build one per process and share it. SDK clients are built once per service and
 * region and reused for every caller: each call carries its caller's credentials as a request-level
 * override, which keeps one connection pool for the whole process instead of one per identity.
 *
 * <p><b>Observability.</b> A {@linkplain Builder#listener(AscpListener) listener} hears one {@link
 * AscpListener.BackendCall} per AWS API call (Secrets Manager, SSM, STS; the SDK's retries are part
 * of the call they retry) and per request to the Pod Identity agent, and one {@link
 * AscpListener.CredentialsLookup} per credentials lookup of a batch (a cache hit or an exchange).
 *
 * <p><b>Ownership.</b> An {@code AwsSources} owns what it creates — the SDK clients, the HTTP
 * client, the fetch executor (unless {@linkplain Builder#executor given}) and the default
 * credentials provider (unless {@linkplain Builder#credentialsProvider given}) — and closes them in
 * {@link #close()}. It never closes what it was given. The sources fail with {@link
 * IllegalStateException} after close.
 */
public final class AwsSources implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AwsSources.class);

  private final AwsSourcesConfig config;
  private final AwsClients clients;
  private final CredentialCache credentialCache;
  private final SecretsManagerSource secretsManager;
  private final ParameterStoreSource parameterStore;
  private final List<AutoCloseable> owned;
  private volatile boolean closed;

  private AwsSources(Builder b) {
    this.config = b.config;
    // Validate everything that can fail before creating anything that needs closing.
    List<URI> agentUrls = agentUrls(config, b.environment);
    ListenerGuard events = new ListenerGuard(b.listener);
    PodIdentityAgent agent =
        new PodIdentityAgent(agentUrls, config.podIdentityTimeout(), config.appId(), events);
    List<AutoCloseable> toClose = new ArrayList<>();
    SdkHttpClient http = b.httpClient != null ? b.httpClient : HttpClients.create(config);
    this.clients = new AwsClients(config, http, b.httpClient == null, events);
    toClose.add(clients);
    Executor executor;
    if (b.executor != null) {
      executor = b.executor;
    } else {
      ExecutorService created = newFetchExecutor(config.fetchParallelism());
      executor = created;
      toClose.add(created::shutdown);
    }
    AwsCredentialsProvider defaultProvider;
    if (b.credentialsProvider != null) {
      defaultProvider = b.credentialsProvider;
    } else {
      DefaultCredentialsProvider created = DefaultCredentialsProvider.builder().build();
      defaultProvider = created;
      toClose.add(created);
    }
    this.owned = List.copyOf(toClose);
    this.credentialCache =
        new CredentialCache(
            b.clock, config.credentialsRefreshMargin(), config.credentialsCacheSize());
    CallerCredentials credentials =
        new CallerCredentials(clients, agent, defaultProvider, credentialCache, b.clock, events);
    SourceSupport support =
        new SourceSupport(clients, credentials, executor, config.fetchParallelism(), () -> closed);
    this.secretsManager = new SecretsManagerSource(support, config.batchGetSecretValue());
    this.parameterStore = new ParameterStoreSource(support);
    log.debug(
        "AWS sources ready: app id {}, fetch parallelism {}, Pod Identity agent {}",
        config.appId(),
        config.fetchParallelism(),
        agentUrls);
  }

  /** A builder with the {@linkplain AwsSourcesConfig#defaults() default configuration}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The Secrets Manager source; it implements {@link SecretSource#describe}. */
  public SecretSource secretsManager() {
    return secretsManager;
  }

  /** The Parameter Store source. */
  public SecretSource parameterStore() {
    return parameterStore;
  }

  /** The source of objects of {@code type}. */
  public SecretSource source(ObjectType type) {
    return switch (requireNonNull(type, "type")) {
      case SECRETS_MANAGER -> secretsManager;
      case SSM_PARAMETER -> parameterStore;
    };
  }

  /** The configuration these sources were built with. */
  public AwsSourcesConfig config() {
    return config;
  }

  /** Forgets every cached temporary credential, e.g. after an IAM change. */
  public void clearCredentialsCache() {
    credentialCache.clear();
  }

  /** Closes what this instance created, in reverse order of creation; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    credentialCache.clear();
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        log.warn("Closing an AWS resource failed", e);
      }
    }
  }

  static List<URI> agentUrls(AwsSourcesConfig config, Function<String, Optional<String>> env) {
    if (!config.podIdentityAgentUrls().isEmpty()) {
      return config.podIdentityAgentUrls();
    }
    Optional<String> override =
        env.apply(AwsSourcesConfig.POD_IDENTITY_AGENT_URL_ENV)
            .map(String::strip)
            .filter(s -> !s.isEmpty());
    if (override.isPresent()) {
      try {
        return AwsSourcesConfig.builder()
            .podIdentityAgentUrls(List.of(URI.create(override.get())))
            .build()
            .podIdentityAgentUrls();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            AwsSourcesConfig.POD_IDENTITY_AGENT_URL_ENV
                + " is not a valid http URL: "
                + e.getMessage(),
            e);
      }
    }
    return List.of(
        AwsSourcesConfig.POD_IDENTITY_AGENT_IPV4_URL, AwsSourcesConfig.POD_IDENTITY_AGENT_IPV6_URL);
  }

  private static ExecutorService newFetchExecutor(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "ascp-aws-fetch-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** A builder of {@link AwsSources}. */
  public static final class Builder {
    private AwsSourcesConfig config = AwsSourcesConfig.defaults();
    private @Nullable Executor executor;
    private @Nullable AwsCredentialsProvider credentialsProvider;
    private @Nullable SdkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Function<String, Optional<String>> environment =
        name -> Optional.ofNullable(System.getenv(name));
    private AscpListener listener = AscpListener.NOOP;

    private Builder() {}

    /**
     * Sets the listener of backend calls and credentials lookups (default {@link
     * AscpListener#NOOP}). A listener that throws never breaks a fetch.
     */
    public Builder listener(AscpListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /** Sets the configuration. */
    public Builder config(AwsSourcesConfig config) {
      this.config = requireNonNull(config, "config");
      return this;
    }

    /**
     * Sets the executor on which the objects of a batch are fetched concurrently (default: a pool
     * of {@code fetchParallelism} daemon threads owned by the built instance). A given executor is
     * never shut down by {@link AwsSources}. The calling thread always takes part, so a saturated
     * or rejecting executor slows a batch down but never stalls it.
     */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets the credentials of {@link io.ascp.api.AuthMode#DEFAULT_CHAIN} callers (default: the
     * SDK's default credentials provider chain, owned by the built instance). A given provider is
     * never closed by {@link AwsSources}.
     */
    public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
      this.credentialsProvider = requireNonNull(credentialsProvider, "credentialsProvider");
      return this;
    }

    /** Sets the HTTP client of every AWS call (tests); given, so never closed. */
    Builder httpClient(SdkHttpClient httpClient) {
      this.httpClient = requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Sets the wall clock that tells whether service-account tokens and cached temporary
     * credentials have expired (default: the system clock in UTC); a fake one in tests and
     * simulations, as {@code SecretMounter.Builder.clock} takes.
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the environment lookup (tests). */
    Builder environment(Function<String, Optional<String>> environment) {
      this.environment = requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Builds the sources. Reads the CA bundle, if configured; nothing connects to AWS until the
     * first fetch.
     *
     * @throws IllegalArgumentException when the CA bundle cannot be read or {@code
     *     ASCP_POD_IDENTITY_AGENT_URL} is not an http URL
     */
    public AwsSources build() {
      return new AwsSources(this);
    }
  }
}
