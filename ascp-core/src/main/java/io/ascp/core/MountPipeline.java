// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import io.ascp.api.AscpException;
import io.ascp.api.AscpListener;
import io.ascp.api.ErrorCode;
import io.ascp.api.FailoverObject;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectType;
import io.ascp.api.ObjectVersion;
import io.ascp.api.SecretObject;
import io.ascp.api.spi.DescribeRequest;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretDescription;
import io.ascp.api.spi.SecretSource;
import io.ascp.api.spi.SecretValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mount pipeline: plan the files, fetch each object type as one batch per region (types
 * concurrently), fail over object by object, extract JSON keys, and assemble files and versions.
 *
 * <p>Failover follows the reference provider's classification: a fatal error (the object or version
 * does not exist, the request is invalid, the value cannot be decrypted, credentials are refused)
 * aborts the mount at once; any other failure (throttling, access denied, a server-side failure, an
 * extraction error) sends the object to the next region, with the {@code failoverObject} overrides.
 * Unlike the reference, a region that served an object is the only one asked for it, and both the
 * contents and the version come from that region.
 */
final class MountPipeline {
  private static final Logger log = LoggerFactory.getLogger(MountPipeline.class);

  private final Map<ObjectType, SecretSource> sources;
  private final Executor executor;
  private final RegionBreakers breakers;
  private final Ticker ticker;
  private final FilePlanner planner;
  private final ValueExtractor extractor;
  private final VersionValueCache versionCache;
  private final ValueCache valueCache;
  private final SingleFlight flights = new SingleFlight();
  private final Clock clock;
  private final ListenerGuard events;

  MountPipeline(
      Map<ObjectType, SecretSource> sources,
      Executor executor,
      RegionBreakers breakers,
      Ticker ticker,
      FilePlanner planner,
      ValueExtractor extractor,
      ListenerGuard events) {
    this(
        sources,
        executor,
        breakers,
        ticker,
        planner,
        extractor,
        events,
        ValueCachePolicy.disabled(),
        SystemClock.utc());
  }

  MountPipeline(
      Map<ObjectType, SecretSource> sources,
      Executor executor,
      RegionBreakers breakers,
      Ticker ticker,
      FilePlanner planner,
      ValueExtractor extractor,
      ListenerGuard events,
      ValueCachePolicy cachePolicy,
      Clock clock) {
    this.sources = new EnumMap<>(sources);
    this.executor = executor;
    this.breakers = breakers;
    this.ticker = ticker;
    this.planner = planner;
    this.extractor = extractor;
    this.versionCache = new VersionValueCache(ticker);
    this.valueCache = new ValueCache(cachePolicy, ticker);
    this.clock = clock;
    this.events = events;
  }

  /** The value cache (for tests and {@link SecretMounter#clearValueCache()}). */
  ValueCache valueCache() {
    return valueCache;
  }

  /** The coalescer of identical concurrent fetches (for tests). */
  SingleFlight flights() {
    return flights;
  }

  MountResult mount(MountRequest request) {
    MountParameters parameters = request.parameters();
    List<SecretObject> objects = parameters.objects();
    if (objects.isEmpty()) {
      throw new AscpException(
          ErrorCode.INVALID_PARAMETERS,
          "No objects to mount: the SecretProviderClass parameter \"objects\" is empty or"
              + " missing; list at least one object");
    }
    List<FileSlot> plan = planner.plan(parameters, request.defaultFileMode());

    // Group by type in enum order, objects in SecretProviderClass order: deterministic.
    Map<ObjectType, List<Integer>> byType = new EnumMap<>(ObjectType.class);
    for (int i = 0; i < objects.size(); i++) {
      byType.computeIfAbsent(objects.get(i).objectType(), t -> new ArrayList<>()).add(i);
    }
    Map<String, String> mounted = new java.util.HashMap<>();
    for (ObjectVersion v : request.currentVersions()) {
      mounted.put(v.id(), v.version());
    }
    if (!mounted.isEmpty()) {
      versionCache.enable();
    }
    @Nullable String[] mainPaths = new String[objects.size()];
    for (FileSlot file : plan) {
      if (file.jmesIndex() < 0) {
        mainPaths[file.objectIndex()] = file.path();
      }
    }
    Served[] served = new Served[objects.size()];
    boolean mayShare = TokenCheck.mayShare(request.identity(), clock);
    List<TypeFetch> fetches = new ArrayList<>();
    byType.forEach(
        (type, indices) ->
            fetches.add(
                new TypeFetch(type, indices, request, served, mounted, mainPaths, mayShare)));

    Failure failure = runAll(fetches);
    if (failure != null) {
      throw failure.error();
    }

    List<MountedFile> files = new ArrayList<>(plan.size());
    List<ObjectVersion> versions = new ArrayList<>(plan.size());
    for (FileSlot file : plan) {
      Served s = served[file.objectIndex()];
      if (s == null) {
        throw new AscpException(
            ErrorCode.INTERNAL, "No value was fetched for file " + file.path() + " (a bug)");
      }
      byte[] contents =
          file.jmesIndex() < 0 ? s.value().contents() : s.extracted().get(file.jmesIndex());
      files.add(new MountedFile(file.path(), file.mode(), contents));
      versions.add(new ObjectVersion(file.path(), s.value().version()));
    }
    versions.sort(null);
    return new MountResult(files, versions);
  }

  /**
   * Runs every type's fetch, the first on the calling thread and the others on the executor, and
   * returns the failure of the lowest object index, if any (deterministic across runs).
   */
  private @Nullable Failure runAll(List<TypeFetch> fetches) {
    List<FutureTask<@Nullable Failure>> tasks = new ArrayList<>();
    for (int i = 1; i < fetches.size(); i++) {
      FutureTask<@Nullable Failure> task = new FutureTask<>(fetches.get(i)::run);
      tasks.add(task);
      executor.execute(task);
    }
    Failure first = fetches.get(0).run();
    for (FutureTask<@Nullable Failure> task : tasks) {
      Failure f;
      try {
        f = task.get();
      } catch (InterruptedException e) {
        tasks.forEach(t -> t.cancel(true));
        Thread.currentThread().interrupt();
        throw new AscpException(ErrorCode.INTERNAL, "The mount was interrupted", e);
      } catch (ExecutionException | CancellationException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        f =
            cause instanceof AscpException ae
                ? new Failure(Integer.MAX_VALUE, ae)
                : new Failure(
                    Integer.MAX_VALUE,
                    new AscpException(
                        ErrorCode.INTERNAL,
                        "Fetching failed unexpectedly: " + cause.getClass().getName(),
                        cause));
      }
      if (f != null && (first == null || f.objectIndex() < first.objectIndex())) {
        first = f;
      }
    }
    return first;
  }

  /** Whether a failure ends the mount at once instead of trying the next region. */
  static boolean isFatal(ErrorCode code) {
    return switch (code) {
      case INVALID_PARAMETERS, NOT_FOUND, DECRYPTION_FAILED, CREDENTIALS, INTERNAL -> true;
      case ACCESS_DENIED,
          THROTTLED,
          BACKEND_UNAVAILABLE,
          EXTRACTION_FAILED,
          KUBERNETES_LOOKUP,
          WRITE_FAILED ->
          false;
    };
  }

  private static final String AWSCURRENT = "AWSCURRENT";

  /** Whether a mounted version was reused, or why checking it failed. */
  private record Reuse(boolean served, @Nullable AscpException failure) {
    static final Reuse NO = new Reuse(false, null);
    static final Reuse YES = new Reuse(true, null);
  }

  /** What the fetch of one object produced: the value and its extracted JMESPath values. */
  private record Served(String region, SecretValue value, List<byte[]> extracted) {}

  /** The error that ends a mount, with the object it belongs to (for a deterministic choice). */
  private record Failure(int objectIndex, AscpException error) {}

  /** An object that may be served from the value cache: its index and what it asks for. */
  private record CacheCandidate(int index, ObjectRequest request) {}

  /** One region's non-fatal failure of one object; {@code skipped} when its breaker was open. */
  private record RegionFailure(String region, AscpException error, boolean skipped) {}

  /** Fetches the objects of one type, region by region. */
  private final class TypeFetch {
    private final ObjectType type;
    private final List<Integer> indices;
    private final MountRequest request;
    private final Served[] served;
    private final Map<String, String> mounted;
    private final @Nullable String[] mainPaths;
    private final boolean mayShare;
    private final IdentityKey identityKey;

    TypeFetch(
        ObjectType type,
        List<Integer> indices,
        MountRequest request,
        Served[] served,
        Map<String, String> mounted,
        @Nullable String[] mainPaths,
        boolean mayShare) {
      this.type = type;
      this.indices = indices;
      this.request = request;
      this.served = served;
      this.mounted = mounted;
      this.mainPaths = mainPaths;
      this.mayShare = mayShare;
      this.identityKey = IdentityKey.of(request.identity());
    }

    @Nullable Failure run() {
      List<SecretObject> objects = request.parameters().objects();
      SecretSource source = sources.get(type);
      if (source == null) {
        int first = indices.get(0);
        return new Failure(
            first,
            new AscpException(
                ErrorCode.INVALID_PARAMETERS,
                "No source is configured for objectType "
                    + type
                    + " (object "
                    + objects.get(first).objectName()
                    + ")"));
      }
      List<String> regions = request.parameters().regions();
      Map<Integer, List<RegionFailure>> failures = new java.util.HashMap<>();
      List<Integer> pending = indices;
      for (int r = 0; r < regions.size() && !pending.isEmpty(); r++) {
        String region = regions.get(r);
        boolean last = r == regions.size() - 1;
        RegionBreakers.Permit permit = breakers.acquire(region);
        if (permit == RegionBreakers.Permit.DENIED && !last) {
          AscpException skipped =
              new AscpException(
                  ErrorCode.BACKEND_UNAVAILABLE,
                  "skipped: the region failed repeatedly on the server side (circuit open);"
                      + " it is probed again after "
                      + breakers.openDuration().toSeconds()
                      + "s");
          log.warn(
              "{}: skipping the region for {} {} objects: circuit open",
              region,
              pending.size(),
              type);
          int skippedObjects = pending.size();
          events.emit(
              l -> l.regionSkipped(new AscpListener.RegionSkipped(type, region, skippedObjects)));
          for (int i : pending) {
            failures
                .computeIfAbsent(i, k -> new ArrayList<>())
                .add(new RegionFailure(region, skipped, true));
          }
          continue;
        }
        List<Integer> toFetch = new ArrayList<>(pending.size());
        List<ObjectRequest> requests = new ArrayList<>(pending.size());
        List<Integer> hits = new ArrayList<>();
        List<FetchResult> hitResults = new ArrayList<>();
        List<Integer> stillPending = new ArrayList<>();
        List<CacheCandidate> candidates = new ArrayList<>();
        for (int i : pending) {
          ObjectRequest objectRequest = requestFor(objects.get(i), r);
          Reuse reuse = tryReuse(source, region, i, objectRequest);
          if (reuse.failure() != null) {
            AscpException error = reuse.failure();
            if (isFatal(error.code())) {
              return new Failure(i, error);
            }
            failures
                .computeIfAbsent(i, key -> new ArrayList<>())
                .add(new RegionFailure(region, error, false));
            stillPending.add(i);
          } else if (!reuse.served()) {
            candidates.add(new CacheCandidate(i, objectRequest));
          }
        }
        List<Optional<SecretValue>> cached = lookUp(source, region, candidates);
        for (int c = 0; c < candidates.size(); c++) {
          CacheCandidate candidate = candidates.get(c);
          Optional<SecretValue> hit = cached.get(c);
          if (hit.isPresent()) {
            hits.add(candidate.index());
            hitResults.add(FetchResult.found(candidate.request(), hit.get()));
          } else {
            toFetch.add(candidate.index());
            requests.add(candidate.request());
          }
        }
        if (permit == RegionBreakers.Permit.ALLOWED && requests.isEmpty()) {
          // No call was made (versions reused, values cached): give the permission back.
          breakers.release(region);
        }
        List<FetchResult> results = new ArrayList<>(hitResults);
        List<Integer> answered = new ArrayList<>(hits);
        List<ObjectRequest> asked = new ArrayList<>();
        for (FetchResult hit : hitResults) {
          asked.add(hit.request());
        }
        if (!requests.isEmpty()) {
          long start = ticker.read();
          List<FetchResult> fetched = call(source, region, requests);
          if (permit == RegionBreakers.Permit.ALLOWED) {
            breakers.record(region, allServerSideFailures(fetched), ticker.read() - start);
          }
          results.addAll(fetched);
          answered.addAll(toFetch);
          asked.addAll(requests);
        }
        for (int k = 0; k < answered.size(); k++) {
          int i = answered.get(k);
          SecretObject object = objects.get(i);
          FetchResult result = results.get(k);
          AscpException error;
          if (result instanceof FetchResult.Found found) {
            try {
              List<byte[]> extracted = extractor.extract(object, found.value().contents());
              served[i] = new Served(region, found.value(), extracted);
              if (type == ObjectType.SECRETS_MANAGER && k >= hits.size()) {
                versionCache.put(request.identity(), region, asked.get(k).name(), found.value());
              }
              continue;
            } catch (AscpException e) {
              error = e;
            }
          } else {
            error = ((FetchResult.Failed) result).error();
          }
          if (isFatal(error.code())) {
            return new Failure(i, error);
          }
          log.warn(
              "{}: non-fatal failure for {} {} ({}): {}",
              region,
              type,
              object.objectName(),
              error.code(),
              error.getMessage());
          failures
              .computeIfAbsent(i, key -> new ArrayList<>())
              .add(new RegionFailure(region, error, false));
          stillPending.add(i);
        }
        stillPending.sort(null);
        pending = stillPending;
      }
      if (pending.isEmpty()) {
        return null;
      }
      int first = pending.get(0);
      return new Failure(
          first, allRegionsFailed(objects.get(first), failures.getOrDefault(first, List.of())));
    }

    /**
     * For a driver that sent the mounted versions: whether the mounted version of a Secrets Manager
     * object is still the one requested (pinned id, or the requested stage still on it), and if so
     * serves it from the identity-scoped cache. Mirrors the reference's Describe-then-Get logic,
     * without ever reading the mounted files back.
     */
    private Reuse tryReuse(SecretSource source, String region, int i, ObjectRequest req) {
      String path = mainPaths[i];
      String stored = path == null ? null : mounted.get(path);
      if (type != ObjectType.SECRETS_MANAGER || stored == null) {
        return Reuse.NO;
      }
      SecretObject object = request.parameters().objects().get(i);
      boolean current;
      if (req.version().isPresent()) {
        current = req.version().get().equals(stored);
      } else {
        Optional<SecretDescription> description;
        try {
          description =
              source.describe(new DescribeRequest(region, request.identity(), req.name()));
        } catch (AscpException e) {
          // Sources name the object: "<region>: Failed to describe secret <name>: <cause>".
          return new Reuse(false, e);
        }
        current =
            description.isPresent()
                && description
                    .get()
                    .stagesOf(stored)
                    .contains(req.versionLabel().orElse(AWSCURRENT));
      }
      if (!current) {
        events.emit(l -> l.versionReuse(new AscpListener.VersionReuse(region, false)));
        return Reuse.NO;
      }
      Optional<SecretValue> cached =
          versionCache.get(request.identity(), region, req.name(), stored);
      if (cached.isEmpty()) {
        events.emit(l -> l.versionReuse(new AscpListener.VersionReuse(region, false)));
        return Reuse.NO;
      }
      try {
        served[i] =
            new Served(region, cached.get(), extractor.extract(object, cached.get().contents()));
        events.emit(l -> l.versionReuse(new AscpListener.VersionReuse(region, true)));
        return Reuse.YES;
      } catch (AscpException e) {
        return new Reuse(false, e);
      }
    }

    /**
     * The cached value of each candidate, if the value cache has one this request may be served
     * (DESIGN §6.8: only with an unexpired token). Secrets Manager entries due for revalidation are
     * confirmed with {@code DescribeSecret}, concurrently; an entry whose version no longer carries
     * the requested stage is dropped, and so is the hit when the check fails.
     */
    private List<Optional<SecretValue>> lookUp(
        SecretSource source, String region, List<CacheCandidate> candidates) {
      List<Optional<SecretValue>> values = new ArrayList<>(candidates.size());
      if (!valueCache.enabled() || !mayShare) {
        candidates.forEach(c -> values.add(Optional.empty()));
        return values;
      }
      List<FutureTask<Optional<SecretValue>>> checks = new ArrayList<>();
      List<Integer> checked = new ArrayList<>();
      long now = ticker.read();
      for (CacheCandidate candidate : candidates) {
        ValueCache.Key key = ValueCache.Key.of(identityKey, region, type, candidate.request());
        Optional<ValueCache.Entry> entry = valueCache.get(key);
        if (entry.isPresent() && needsRevalidation(key, entry.get(), now)) {
          ValueCache.Entry e = entry.get();
          FutureTask<Optional<SecretValue>> check =
              new FutureTask<>(() -> revalidate(source, region, key, e));
          checks.add(check);
          checked.add(values.size());
          values.add(Optional.empty());
          if (checks.size() > 1) {
            try {
              executor.execute(check);
            } catch (java.util.concurrent.RejectedExecutionException rejected) {
              // This thread runs it below.
            }
          }
        } else {
          values.add(entry.flatMap(ValueCache.Entry::value));
        }
      }
      // This thread takes part: a task still queued runs here, so a busy executor cannot stall.
      for (int c = 0; c < checks.size(); c++) {
        FutureTask<Optional<SecretValue>> check = checks.get(c);
        check.run();
        Optional<SecretValue> value;
        try {
          value = check.get();
        } catch (InterruptedException e) {
          checks.forEach(t -> t.cancel(true));
          Thread.currentThread().interrupt();
          throw new AscpException(ErrorCode.INTERNAL, "The mount was interrupted", e);
        } catch (ExecutionException | CancellationException e) {
          value = Optional.empty();
        }
        values.set(checked.get(c), value);
      }
      return values;
    }

    private boolean needsRevalidation(ValueCache.Key key, ValueCache.Entry entry, long now) {
      Optional<java.time.Duration> after = valueCache.policy().revalidateAfter();
      return type == ObjectType.SECRETS_MANAGER
          && !key.pinned()
          && after.isPresent()
          && now - entry.confirmedAt() >= after.get().toNanos();
    }

    /** The cached value if its version still carries the requested stage, else empty. */
    private Optional<SecretValue> revalidate(
        SecretSource source, String region, ValueCache.Key key, ValueCache.Entry entry) {
      Optional<SecretDescription> description;
      try {
        description = source.describe(new DescribeRequest(region, request.identity(), key.name()));
      } catch (AscpException e) {
        log.debug(
            "{}: revalidating {} failed ({}); reading the value", region, key.name(), e.code());
        return Optional.empty();
      }
      boolean current =
          description.isPresent()
              && description
                  .get()
                  .stagesOf(entry.version())
                  .contains(key.label().orElse(AWSCURRENT));
      if (!current) {
        valueCache.invalidate(key, entry);
        return Optional.empty();
      }
      entry.confirmed(ticker.read());
      return entry.value();
    }

    private List<FetchResult> call(
        SecretSource source, String region, List<ObjectRequest> requests) {
      List<FetchResult> results;
      try {
        results =
            flights.fetch(
                source,
                new FetchBatch(type, region, request.identity(), requests),
                mayShare,
                (asked, found) ->
                    valueCache.put(
                        ValueCache.Key.of(identityKey, region, type, asked), found.value()));
      } catch (AscpException e) {
        return failAll(requests, e);
      } catch (RuntimeException e) {
        // A bug in the source; its message may quote anything, so only the type is reported.
        log.error("{}: the {} source failed unexpectedly", region, type, e);
        return failAll(
            requests,
            new AscpException(
                ErrorCode.INTERNAL,
                region
                    + ": the "
                    + type
                    + " source failed unexpectedly ("
                    + e.getClass().getName()
                    + ")"));
      }
      if (results.size() != requests.size()) {
        return failAll(
            requests,
            new AscpException(
                ErrorCode.INTERNAL,
                region
                    + ": the "
                    + type
                    + " source returned "
                    + results.size()
                    + " results for "
                    + requests.size()
                    + " objects"));
      }
      return results;
    }
  }

  private static List<FetchResult> failAll(List<ObjectRequest> requests, AscpException error) {
    List<FetchResult> results = new ArrayList<>(requests.size());
    for (ObjectRequest r : requests) {
      results.add(FetchResult.failed(r, error));
    }
    return results;
  }

  private static boolean allServerSideFailures(List<FetchResult> results) {
    for (FetchResult result : results) {
      if (!(result instanceof FetchResult.Failed failed)
          || failed.error().code() != ErrorCode.BACKEND_UNAVAILABLE) {
        return false;
      }
    }
    return true;
  }

  /** The request for an object in region {@code regionIndex}: 0 primary, 1 failover. */
  static ObjectRequest requestFor(SecretObject object, int regionIndex) {
    if (regionIndex == 0 || object.failoverObject().isEmpty()) {
      return new ObjectRequest(
          object.objectName(), object.objectVersion(), object.objectVersionLabel());
    }
    FailoverObject failover = object.failoverObject().get();
    return new ObjectRequest(
        failover.objectName().orElse(object.objectName()),
        failover.objectVersion().or(object::objectVersion),
        failover.objectVersionLabel().or(object::objectVersionLabel));
  }

  /**
   * The message when every region failed non-fatally: the reference's text (users grep it), then
   * each region's cause.
   */
  static AscpException allRegionsFailed(SecretObject object, List<RegionFailure> failures) {
    if (failures.isEmpty()) {
      throw new IllegalStateException("no region failure recorded for " + object.objectName());
    }
    StringBuilder message =
        new StringBuilder(
            object.objectType() == ObjectType.SECRETS_MANAGER
                ? "Failed to fetch secret from all regions. Verify secret exists and required"
                    + " permissions are granted for: "
                    + object.objectName()
                : "Failed to fetch parameters from all regions.");
    // The code of the first region that was really asked (a skipped region says nothing).
    ErrorCode code = failures.get(0).error().code();
    for (RegionFailure failure : failures) {
      String cause = failure.error().getMessage();
      String prefix = failure.region() + ": ";
      if (cause.startsWith(prefix)) {
        cause = cause.substring(prefix.length());
      }
      message.append("; ").append(prefix).append(cause);
    }
    for (RegionFailure failure : failures) {
      if (!failure.skipped()) {
        code = failure.error().code();
        break;
      }
    }
    return new AscpException(code, message.toString(), failures.get(failures.size() - 1).error());
  }

  /** Plans the files of a mount; fails with {@code INVALID_PARAMETERS} on an unsafe name. */
  @FunctionalInterface
  interface FilePlanner {
    List<FileSlot> plan(MountParameters parameters, int defaultFileMode);
  }

  /** Extracts an object's JMESPath values from its fetched value, one per entry, in order. */
  @FunctionalInterface
  interface ValueExtractor {
    List<byte[]> extract(SecretObject object, byte[] value);
  }
}
