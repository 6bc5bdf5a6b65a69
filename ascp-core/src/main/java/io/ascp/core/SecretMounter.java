// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.AscpListener;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.JmesPathEntry;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.ObjectType;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import io.ascp.api.spi.SecretSource;
import io.ascp.core.internal.FileLayout;
import io.ascp.core.internal.PlannedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Mounts the objects of a {@code SecretProviderClass}: fetches them from the configured {@link
 * SecretSource}s with failover between regions, extracts JSON keys, and returns the files and their
 * versions. The CSI provider daemon, the command line and library users all mount through this
 * class.
 *
 * <pre>{@code
 * try (SecretMounter mounter = SecretMounter.builder().source(source).build()) {
 *   MountResult result = mounter.mount(MountRequest.of(parameters, CallerIdentity.defaultChain()));
 * }
 * }</pre>
 *
 * <p>Objects of one type are fetched as one batch per region; the batches of different types run
 * concurrently. An object that fails non-fatally in the primary region is fetched from the failover
 * region (with its {@code failoverObject} overrides); the contents and the reported version come
 * from the region that served them. A fatal failure (not found, invalid request, decryption
 * failure, refused credentials) ends the mount at once. Per-region circuit breakers ({@link
 * RegionBreakerPolicy}) skip a region that keeps failing on the server side while another region
 * remains to be tried.
 *
 * <p><b>Freshness.</b> By default every mount reads every value from its source, so a rotated value
 * shows on the next mount (the reference provider's behaviour). Identical fetches that overlap in
 * time (same identity, region, object and version selector) share one backend call; a mount that
 * joins a call in flight gets that call's answer. An opt-in {@linkplain
 * Builder#valueCache(ValueCachePolicy) value cache} serves values again for a TTL, scoped to the
 * caller's identity, trading freshness (a rotated value may show up to the TTL later) for fewer
 * backend calls. A request is served from another request's call or from the cache only when it
 * carries an unexpired service-account token for its auth mode. Instances are thread-safe.
 *
 * <p>Observability: a {@linkplain Builder#listener(AscpListener) listener} hears one {@link
 * AscpListener.MountFinished} per mount (also when parsing the parameters failed), one {@link
 * AscpListener.RegionSkipped} per batch sent past an open circuit breaker, and one {@link
 * AscpListener.VersionReuse} per mounted version checked for reuse; the sources report their own
 * backend calls.
 *
 * <p>Ownership: a mounter built without {@link Builder#executor(Executor)} creates its own executor
 * and shuts it down on {@link #close()}. It never closes the sources or an executor it is given.
 * The value cache belongs to the mounter: {@link #close()} drops it and zeroes the cached bytes.
 */
public final class SecretMounter implements AutoCloseable {
  // One writer, so that writes to one directory from several mounters are serialized too.
  private static final AtomicDirectoryWriter WRITER = AtomicDirectoryWriter.create();

  private final MountPipeline pipeline;
  private final @Nullable ExecutorService ownedExecutor;
  private final Optional<String> defaultRegion;
  private final Ticker ticker;
  private final ListenerGuard events;

  private SecretMounter(
      MountPipeline pipeline,
      @Nullable ExecutorService ownedExecutor,
      Optional<String> defaultRegion,
      Ticker ticker,
      ListenerGuard events) {
    this.pipeline = pipeline;
    this.ownedExecutor = ownedExecutor;
    this.defaultRegion = defaultRegion;
    this.ticker = ticker;
    this.events = events;
  }

  /** A builder of mounters. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Mounts the request's objects.
   *
   * @return the files, in {@code SecretProviderClass} order, and one version per file sorted by id
   * @throws AscpException with a safe message when the mount fails; nothing is partially returned
   */
  public MountResult mount(MountRequest request) {
    requireNonNull(request, "request");
    return observed(() -> request);
  }

  /**
   * Mounts {@code SecretProviderClass} parameters (the map of {@code spec.parameters}) as the
   * {@linkplain CallerIdentity#defaultChain() process itself}: parses them with the reference's
   * rules, in the {@code region} parameter or else this mounter's {@linkplain
   * Builder#defaultRegion(String) default region}.
   *
   * @throws AscpException {@code INVALID_PARAMETERS} if they are invalid or no region is known
   */
  public MountResult mount(Map<String, String> parameters) {
    requireNonNull(parameters, "parameters");
    return observed(
        () -> {
          String region = parameters.getOrDefault(AttributeKeys.REGION, "");
          if (region.isEmpty()) {
            region =
                defaultRegion.orElseThrow(
                    () ->
                        new AscpException(
                            ErrorCode.INVALID_PARAMETERS,
                            "No region: the parameters have no region and the mounter has no"
                                + " default region"));
          }
          return MountRequest.of(
              ParameterParser.parse(parameters, region), CallerIdentity.defaultChain());
        });
  }

  /**
   * Builds the request and mounts it, reporting one {@link AscpListener.MountFinished} whatever
   * happens.
   */
  private MountResult observed(Supplier<MountRequest> request) {
    long start = ticker.read();
    int objects = 0;
    try {
      MountRequest built = request.get();
      objects = built.parameters().objects().size();
      MountResult result = pipeline.mount(built);
      finished(start, Optional.empty(), objects, result.files().size());
      return result;
    } catch (AscpException e) {
      finished(start, Optional.of(e.code()), objects, 0);
      throw e;
    } catch (RuntimeException e) {
      finished(start, Optional.of(ErrorCode.INTERNAL), objects, 0);
      throw e;
    }
  }

  private void finished(long start, Optional<ErrorCode> error, int objects, int files) {
    if (events.enabled()) {
      Duration duration = Duration.ofNanos(Math.max(0, ticker.read() - start));
      events.emit(
          l -> l.mountFinished(new AscpListener.MountFinished(error, duration, objects, files)));
    }
  }

  /** Mounts the {@code spec.parameters} of a manifest; see {@link #mount(Map)}. */
  public MountResult mount(SecretProviderClassManifest manifest) {
    return mount(requireNonNull(manifest, "manifest").parameters());
  }

  /**
   * Writes the files of {@code result} into {@code directory} (created if missing) with the
   * kubelet's atomic layout ({@link AtomicDirectoryWriter}): readers see the old set or the new
   * one, never a mix.
   *
   * @throws AscpException {@code WRITE_FAILED} if the files cannot be written
   */
  public static void writeTo(MountResult result, Path directory) {
    requireNonNull(result, "result");
    requireNonNull(directory, "directory");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new AscpException(
          ErrorCode.WRITE_FAILED,
          "Cannot create the directory " + directory + ": " + e.getClass().getSimpleName(),
          e);
    }
    WRITER.write(directory, result.files());
  }

  /** Mounts {@code parameters} as the {@linkplain CallerIdentity#defaultChain() process itself}. */
  public MountResult mount(MountParameters parameters) {
    return mount(MountRequest.of(parameters, CallerIdentity.defaultChain()));
  }

  /**
   * The files a mount of {@code parameters} will produce, in order, without fetching anything:
   * names after alias and path translation, and modes after inheritance (object, then JMESPath
   * entry, then {@code defaultFileMode}) with bits above 0777 masked.
   *
   * @throws AscpException {@code INVALID_PARAMETERS} if a file name is unsafe or taken twice
   */
  public static List<FilePlan> plan(MountParameters parameters, int defaultFileMode) {
    requireNonNull(parameters, "parameters");
    return plan(parameters.objects(), parameters.pathTranslation(), defaultFileMode);
  }

  /**
   * The files a mount of {@code objects} will produce with {@code translation}, as {@link
   * #plan(MountParameters, int)}; for objects checked without a region ({@link
   * ParameterParser#parseObjects(Map, Optional)}).
   *
   * @throws AscpException {@code INVALID_PARAMETERS} if a file name is unsafe or taken twice
   */
  public static List<FilePlan> plan(
      List<SecretObject> objects, PathTranslation translation, int defaultFileMode) {
    requireNonNull(objects, "objects");
    requireNonNull(translation, "translation");
    List<FilePlan> plans = new ArrayList<>();
    for (PlannedFile file :
        FileLayout.plan(List.copyOf(objects), translation, defaultFileMode).files()) {
      plans.add(
          new FilePlan(
              file.path(),
              file.mode(),
              file.object().objectName(),
              file.object().objectType(),
              file.jmesPath().map(JmesPathEntry::path)));
    }
    return plans;
  }

  /**
   * Drops every value of the {@linkplain Builder#valueCache(ValueCachePolicy) value cache} and
   * zeroes their bytes, e.g. after a rotation that must show at once; a no-op without a cache.
   */
  public void clearValueCache() {
    pipeline.valueCache().clear();
  }

  /** The pipeline (for tests in this package). */
  MountPipeline pipeline() {
    return pipeline;
  }

  /**
   * Shuts down the executor this mounter created, if any, and drops the value cache; sources are
   * left alone.
   */
  @Override
  public void close() {
    pipeline.valueCache().clear();
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  /** A validating builder of {@link SecretMounter}. */
  public static final class Builder {
    private static final int DEFAULT_PARALLELISM = 8;

    private final Map<ObjectType, SecretSource> sources = new EnumMap<>(ObjectType.class);
    private @Nullable Executor executor;
    private int parallelism;
    private Ticker ticker = Ticker.system();
    private RegionBreakerPolicy breakerPolicy = RegionBreakerPolicy.defaults();
    private MountPipeline.@Nullable FilePlanner planner;
    private MountPipeline.@Nullable ValueExtractor extractor;
    private Optional<String> defaultRegion = Optional.empty();
    private AscpListener listener = AscpListener.NOOP;
    private ValueCachePolicy cachePolicy = ValueCachePolicy.disabled();
    private Clock clock = SystemClock.utc();

    private Builder() {}

    /**
     * Sets the value cache policy (default {@link ValueCachePolicy#disabled()}: every mount reads
     * fresh values). The cache is measured with this builder's {@linkplain #ticker(Ticker) ticker}.
     */
    public Builder valueCache(ValueCachePolicy policy) {
      this.cachePolicy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the wall clock that tells whether a service-account token has expired (default: the
     * system clock in UTC); a fake one in tests.
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the listener of this mounter's events (default {@link AscpListener#NOOP}): mounts,
     * circuit-breaker skips and version reuse. Pass the same listener to the sources (e.g. {@code
     * AwsSources.Builder.listener}) to hear their backend calls too. A listener that throws never
     * breaks a mount.
     */
    public Builder listener(AscpListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Reads objects of each type from {@code sources.apply(type)}, e.g. {@code
     * sources(awsSources::source)}.
     */
    public Builder sources(Function<ObjectType, SecretSource> sources) {
      requireNonNull(sources, "sources");
      for (ObjectType type : ObjectType.values()) {
        source(type, requireNonNull(sources.apply(type), "no source for " + type));
      }
      return this;
    }

    /**
     * Sets the region of {@link #mount(Map)} calls whose parameters have no {@code region} (the CSI
     * provider resolves it from {@code AWS_REGION} or the node instead).
     */
    public Builder defaultRegion(String region) {
      requireNonNull(region, "region");
      if (region.isEmpty()) {
        throw new IllegalArgumentException("region must not be empty");
      }
      this.defaultRegion = Optional.of(region);
      return this;
    }

    /** Reads objects of every type from {@code source}. */
    public Builder source(SecretSource source) {
      requireNonNull(source, "source");
      for (ObjectType type : ObjectType.values()) {
        sources.put(type, source);
      }
      return this;
    }

    /** Reads objects of {@code type} from {@code source}. */
    public Builder source(ObjectType type, SecretSource source) {
      sources.put(requireNonNull(type, "type"), requireNonNull(source, "source"));
      return this;
    }

    /**
     * Runs concurrent fetches on {@code executor}, which the mounter never shuts down. Conflicts
     * with {@link #parallelism(int)}.
     */
    public Builder executor(Executor executor) {
      requireNonNull(executor, "executor");
      if (parallelism != 0) {
        throw new IllegalStateException("executor conflicts with parallelism " + parallelism);
      }
      this.executor = executor;
      return this;
    }

    /**
     * Sets how many batches the mounter's own executor fetches at once (default 8). Conflicts with
     * {@link #executor(Executor)}.
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
      }
      if (executor != null) {
        throw new IllegalStateException("parallelism conflicts with the given executor");
      }
      this.parallelism = parallelism;
      return this;
    }

    /** Sets the time source of the circuit breakers and the value cache (a fake one in tests). */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets the per-region circuit-breaker policy (default {@link RegionBreakerPolicy#defaults()}).
     */
    public Builder regionBreakers(RegionBreakerPolicy policy) {
      this.breakerPolicy = requireNonNull(policy, "policy");
      return this;
    }

    Builder planner(MountPipeline.FilePlanner planner) {
      this.planner = planner;
      return this;
    }

    Builder extractor(MountPipeline.ValueExtractor extractor) {
      this.extractor = extractor;
      return this;
    }

    /** Builds the mounter; at least one source is required. */
    public SecretMounter build() {
      if (sources.isEmpty()) {
        throw new IllegalStateException("a mounter needs at least one source");
      }
      MountPipeline.FilePlanner filePlanner = planner != null ? planner : DefaultStages.planner();
      MountPipeline.ValueExtractor valueExtractor =
          extractor != null ? extractor : DefaultStages.extractor();
      ExecutorService owned = null;
      Executor exec = executor;
      if (exec == null) {
        owned =
            Executors.newFixedThreadPool(
                parallelism == 0 ? DEFAULT_PARALLELISM : parallelism, new DaemonThreads());
        exec = owned;
      }
      ListenerGuard events = new ListenerGuard(listener);
      return new SecretMounter(
          new MountPipeline(
              sources,
              exec,
              new RegionBreakers(breakerPolicy, ticker),
              ticker,
              filePlanner,
              valueExtractor,
              events,
              cachePolicy,
              clock),
          owned,
          defaultRegion,
          ticker,
          events);
    }
  }

  /** Names the mounter's threads and keeps them from holding the JVM open. */
  private static final class DaemonThreads implements ThreadFactory {
    private static final AtomicInteger POOL = new AtomicInteger();
    private final int pool = POOL.incrementAndGet();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "ascp-mount-" + pool + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
