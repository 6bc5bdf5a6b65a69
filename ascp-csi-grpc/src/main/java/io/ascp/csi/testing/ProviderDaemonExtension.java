// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.util.Objects.requireNonNull;

import io.ascp.core.Ticker;
import io.ascp.csi.daemon.Daemon;
import io.ascp.csi.daemon.DaemonConfig;
import io.ascp.csi.daemon.StatusCodeMode;
import io.ascp.csi.kube.KubernetesAccess;
import io.ascp.csi.kube.KubernetesLookups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs an ascp-java provider daemon on a temporary Unix socket, with the
 * production wiring (ascp-core over the AWS SDK) pointed at the backend you choose, and hands each
 * test a {@link CsiDriverSimulator} connected to it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ProviderDaemonExtension PROVIDER =
 *     ProviderDaemonExtension.builder()
 *         .awsEndpoint(() -> EMULATOR.endpoint()) // an emulator or moto_server
 *         .kubernetesApi(() -> kubernetesApiUrl) // a loopback API server, e.g. fabric8's mock
 *         .build();
 *
 * @Test
 * void mounts(CsiDriverSimulator driver, @TempDir Path target) {
 *   MountOutcome outcome = driver.mount(volume(target));
 *   assertThat(outcome.error()).isEmpty();
 * }
 * }</pre>
 *
 * <p>On a static field the daemon runs for the test class (nested classes included); on an instance
 * field, for each test. The daemon reads no variable of the test JVM's environment: it sees only
 * {@code AWS_ENDPOINT_URL} (from {@link Builder#awsEndpoint}) and what {@link Builder#env} adds, so
 * that {@code AWS_REGION} is unset unless you set it. Suppliers are read when the daemon starts, so
 * they may return the address of a server another extension starts first.
 *
 * <p>A test may take a {@link CsiDriverSimulator} parameter (driver v1.6 with default settings,
 * closed after the test) or call {@link #simulator()}; {@link #newSimulator} makes others (for
 * example driver v1.5). With two instances of this extension in one class, use their methods, not
 * parameters. The extension owns the daemon, the temporary directory and the simulators it made.
 */
public final class ProviderDaemonExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final Supplier<Optional<URI>> awsEndpoint;
  private final Supplier<Optional<URI>> podIdentityAgentUrl;
  private final Supplier<Optional<URI>> kubernetesApi;
  private final Map<String, Supplier<String>> env;
  private final boolean driverWritesSecrets;
  private final boolean unknownStatusCodes;
  private final Duration shutdownGracePeriod;
  private final UnaryOperator<CsiDriverSimulator.Builder> simulatorSettings;

  private @Nullable Daemon daemon;
  private @Nullable Path directory;
  private @Nullable String startedBy;
  private final List<CsiDriverSimulator> simulators = new ArrayList<>();
  private @Nullable CsiDriverSimulator simulator;

  private ProviderDaemonExtension(Builder b) {
    this.awsEndpoint = b.awsEndpoint;
    this.podIdentityAgentUrl = b.podIdentityAgentUrl;
    this.kubernetesApi = b.kubernetesApi;
    this.env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.driverWritesSecrets = b.driverWritesSecrets;
    this.unknownStatusCodes = b.unknownStatusCodes;
    this.shutdownGracePeriod = b.shutdownGracePeriod;
    this.simulatorSettings = b.simulatorSettings;
  }

  /** A builder: no AWS endpoint, no Kubernetes API, the provider writes the files. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The running daemon's socket.
   *
   * @throws IllegalStateException outside a test of the class the extension is registered on
   */
  public Path socketPath() {
    return Path.of(running().socketPath());
  }

  /** The simulator of the current test (driver v1.6 with this extension's settings). */
  public synchronized CsiDriverSimulator simulator() {
    if (simulator == null) {
      simulator = newSimulator(b -> b);
    }
    return simulator;
  }

  /**
   * A new simulator connected to the daemon, with this extension's settings and then {@code
   * settings}; closed after the current test.
   */
  public synchronized CsiDriverSimulator newSimulator(
      UnaryOperator<CsiDriverSimulator.Builder> settings) {
    requireNonNull(settings, "settings");
    CsiDriverSimulator s =
        settings.apply(simulatorSettings.apply(CsiDriverSimulator.builder(socketPath()))).build();
    simulators.add(s);
    return s;
  }

  /** Whether the daemon is shutting down (drain). */
  public boolean isDraining() {
    return running().isDraining();
  }

  private Daemon running() {
    Daemon d = daemon;
    if (d == null) {
      throw new IllegalStateException("the provider daemon is not running (outside a test?)");
    }
    return d;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (daemon == null) {
      start();
      startedBy = context.getUniqueId();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(startedBy)) {
      stop();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (daemon == null) {
      start();
      startedBy = context.getUniqueId();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    closeSimulators();
    if (context.getUniqueId().equals(startedBy)) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == CsiDriverSimulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return simulator();
  }

  private void start() {
    Path dir;
    try {
      dir = shortTemporaryDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the provider's socket directory", e);
    }
    Map<String, String> daemonEnv = new LinkedHashMap<>();
    awsEndpoint.get().ifPresent(uri -> daemonEnv.put("AWS_ENDPOINT_URL", uri.toString()));
    env.forEach((name, value) -> daemonEnv.put(name, requireNonNull(value.get(), name)));
    DaemonConfig config =
        DaemonConfig.builder()
            .providerVolume(dir.toString())
            .driverWritesSecrets(driverWritesSecrets)
            .podIdentityAgentUrl(podIdentityAgentUrl.get().map(URI::toString))
            .statusCodes(unknownStatusCodes ? StatusCodeMode.UNKNOWN : StatusCodeMode.MAPPED)
            .shutdownGracePeriod(shutdownGracePeriod)
            .build();
    Optional<URI> api = kubernetesApi.get();
    KubernetesLookups kubernetes =
        api.isPresent()
            ? KubernetesAccess.forApiServer(api.get(), -1, 0, Ticker.system())
            : KubernetesAccess.create(Optional.empty(), -1, 0, Ticker.system());
    try {
      daemon = Daemon.start(config, daemonEnv, kubernetes);
      directory = dir;
    } catch (IOException e) {
      deleteQuietly(dir);
      throw new UncheckedIOException("the provider daemon did not start: " + e.getMessage(), e);
    }
  }

  private synchronized void closeSimulators() {
    for (CsiDriverSimulator s : simulators) {
      s.close();
    }
    simulators.clear();
    simulator = null;
  }

  private void stop() {
    closeSimulators();
    Daemon d = daemon;
    daemon = null;
    startedBy = null;
    if (d != null) {
      d.shutdown();
    }
    Path dir = directory;
    directory = null;
    if (dir != null) {
      deleteQuietly(dir);
    }
  }

  /** A directory short enough for a Unix socket path (107 bytes): under /tmp when possible. */
  private static Path shortTemporaryDirectory() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path root = tmp.toString().length() <= 40 ? tmp : Path.of("/tmp");
    return Files.createTempDirectory(root, "ascp-sim");
  }

  private static void deleteQuietly(Path dir) {
    try {
      DriverPayloadWriter.deleteTree(dir);
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  /** A builder of {@link ProviderDaemonExtension}. */
  public static final class Builder {
    private Supplier<Optional<URI>> awsEndpoint = Optional::empty;
    private Supplier<Optional<URI>> podIdentityAgentUrl = Optional::empty;
    private Supplier<Optional<URI>> kubernetesApi = Optional::empty;
    private final Map<String, Supplier<String>> env = new LinkedHashMap<>();
    private boolean driverWritesSecrets;
    private boolean unknownStatusCodes;
    private Duration shutdownGracePeriod = Duration.ofSeconds(1);
    private UnaryOperator<CsiDriverSimulator.Builder> simulatorSettings = b -> b;

    private Builder() {}

    /**
     * Sets the endpoint of Secrets Manager, Parameter Store and STS (the daemon's {@code
     * AWS_ENDPOINT_URL}): the testkit's {@code AwsEmulator.endpoint()} or moto_server's.
     */
    public Builder awsEndpoint(Supplier<URI> endpoint) {
      requireNonNull(endpoint, "endpoint");
      this.awsEndpoint = () -> Optional.of(requireNonNull(endpoint.get(), "endpoint"));
      return this;
    }

    /**
     * Sets the EKS Pod Identity agent URL ({@code --pod-identity-agent-url}), e.g. the testkit's
     * {@code AwsEmulator.podIdentityAgentUri()}.
     */
    public Builder podIdentityAgentUrl(Supplier<URI> url) {
      requireNonNull(url, "url");
      this.podIdentityAgentUrl = () -> Optional.of(requireNonNull(url.get(), "url"));
      return this;
    }

    /**
     * Sets the Kubernetes API server the daemon's lookups go to (no credentials), e.g. fabric8's
     * mock server on loopback. Without it the daemon has no Kubernetes configuration: mounts that
     * need the pod's region or an IRSA role fail with a {@code KUBERNETES_LOOKUP} error.
     */
    public Builder kubernetesApi(Supplier<URI> url) {
      requireNonNull(url, "url");
      this.kubernetesApi = () -> Optional.of(requireNonNull(url.get(), "url"));
      return this;
    }

    /** Adds a variable to the daemon's environment (e.g. {@code AWS_REGION}). */
    public Builder env(String name, String value) {
      requireNonNull(value, "value");
      env.put(requireNonNull(name, "name"), () -> value);
      return this;
    }

    /**
     * Adds a variable to the daemon's environment whose value is known when the daemon starts (e.g.
     * {@code ASCP_POD_IDENTITY_AGENT_URL} of an emulator started by another extension).
     */
    public Builder env(String name, Supplier<String> value) {
      env.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /** Sets {@code --driver-writes-secrets} (default false: the provider writes the files). */
    public Builder driverWritesSecrets(boolean driverWritesSecrets) {
      this.driverWritesSecrets = driverWritesSecrets;
      return this;
    }

    /** Sets {@code --status-codes=unknown} (every failure {@code UNKNOWN}, as the reference). */
    public Builder unknownStatusCodes(boolean unknown) {
      this.unknownStatusCodes = unknown;
      return this;
    }

    /** Sets how long running mounts may finish when the daemon stops (default 1 s). */
    public Builder shutdownGracePeriod(Duration gracePeriod) {
      requireNonNull(gracePeriod, "gracePeriod");
      if (gracePeriod.isNegative()) {
        throw new IllegalArgumentException("shutdownGracePeriod must not be negative");
      }
      this.shutdownGracePeriod = gracePeriod;
      return this;
    }

    /** Sets the settings of every simulator the extension makes. */
    public Builder simulator(UnaryOperator<CsiDriverSimulator.Builder> settings) {
      this.simulatorSettings = requireNonNull(settings, "settings");
      return this;
    }

    /** Builds the extension. */
    public ProviderDaemonExtension build() {
      return new ProviderDaemonExtension(this);
    }
  }
}
