// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import io.ascp.api.CallerIdentity;
import io.ascp.api.spi.SecretSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory AWS account with Secrets Manager and Parameter Store semantics, per region: the
 * testkit's store. Seed and inspect it through {@link #secretsManager(String)} and {@link
 * #parameterStore(String)}, read it through {@link #secretSource()} (the {@code SecretSource} SPI,
 * for fast tests) or through {@link AwsEmulator} (HTTP, for the real AWS SDK), inject faults with
 * {@link #inject(AwsFault)}, restrict identities with {@link #iam()}, and inspect every API call
 * with {@link #calls()}.
 *
 * <pre>{@code
 * FakeAws aws = FakeAws.create();
 * aws.secretsManager("us-east-1").createSecret("app/db", "pw-1");
 * aws.parameterStore("us-east-1").putParameter("/app/url", "https://example.test");
 * SecretSource source = aws.secretSource();
 * }</pre>
 *
 * <p>Seeding and inspection through the Java API are not API calls: they bypass faults, access
 * rules and recording. Calls through the {@code SecretSource} or the emulator go through all three.
 *
 * <p>Time comes from a {@link FakeTicker} when one is given to the {@linkplain Builder#ticker
 * builder} (timestamps, credential expiry, deletion windows, virtual latency), otherwise from the
 * system clock. Identifiers (ARN suffixes, generated version ids, credentials) come from a seeded
 * random source, so a test run is reproducible.
 *
 * <p>Thread-safe. A {@code FakeAws} owns no threads or sockets and needs no closing.
 */
public final class FakeAws {
  /** The account id used unless the builder sets another. */
  public static final String DEFAULT_ACCOUNT_ID = "123456789012";

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

  private final Object lock = new Object();
  private final String accountId;
  private final @Nullable FakeTicker ticker;
  private final Clock clock;
  private final Ids ids;
  private final FakeIam iam;
  private final Map<String, SecretsManagerState> secrets = new TreeMap<>();
  private final Map<String, ParameterStoreState> parameters = new TreeMap<>();
  private final List<ActiveFault> faults = new ArrayList<>();
  private final Set<String> downRegions = new TreeSet<>();
  private final List<RecordedCall> calls = new ArrayList<>();
  private long sequence;
  private int inFlight;

  private static final class ActiveFault {
    final AwsFault fault;
    int remaining;

    ActiveFault(AwsFault fault) {
      this.fault = fault;
      this.remaining = fault.times().orElse(Integer.MAX_VALUE);
    }
  }

  private FakeAws(Builder b) {
    this.accountId = b.accountId;
    this.ticker = b.ticker;
    this.clock = b.ticker != null ? b.ticker.clock() : Clock.systemUTC();
    this.ids = new Ids(b.seed);
    this.iam = new FakeIam(lock, accountId);
  }

  /** A store with the default account, the system clock and the default seed. */
  public static FakeAws create() {
    return builder().build();
  }

  /** A builder of a store. */
  public static Builder builder() {
    return new Builder();
  }

  /** The AWS account id in every ARN. */
  public String accountId() {
    return accountId;
  }

  /** The ticker that drives this store's time, if one was given. */
  public Optional<FakeTicker> ticker() {
    return Optional.ofNullable(ticker);
  }

  /** The Secrets Manager of {@code region}, for seeding and inspection. */
  public FakeSecretsManager secretsManager(String region) {
    checkRegion(region);
    return new FakeSecretsManager(this, region);
  }

  /** The Parameter Store of {@code region}, for seeding and inspection. */
  public FakeParameterStore parameterStore(String region) {
    checkRegion(region);
    return new FakeParameterStore(this, region);
  }

  /** The identities, access rules and issued credentials of this account. */
  public FakeIam iam() {
    return iam;
  }

  /**
   * Adds a fault. Faults are tried in the order they were injected; the first that matches a call
   * applies to it (and uses up one of its {@link AwsFault#times() times}).
   *
   * @return this, for chaining
   */
  public FakeAws inject(AwsFault fault) {
    requireNonNull(fault, "fault");
    synchronized (lock) {
      faults.add(new ActiveFault(fault));
    }
    return this;
  }

  /** Removes every injected fault and brings every region back up. */
  public void clearFaults() {
    synchronized (lock) {
      faults.clear();
      downRegions.clear();
    }
  }

  /**
   * Takes {@code region} down: every call to it fails as if the network dropped (the emulator
   * closes the connection without a response) until {@link #regionUp(String)}.
   */
  public void regionDown(String region) {
    checkRegion(region);
    synchronized (lock) {
      downRegions.add(region);
    }
  }

  /** Brings {@code region} back after {@link #regionDown(String)}. */
  public void regionUp(String region) {
    checkRegion(region);
    synchronized (lock) {
      downRegions.remove(region);
    }
  }

  /** Every completed API call, in the order the calls started. */
  public List<RecordedCall> calls() {
    synchronized (lock) {
      List<RecordedCall> copy = new ArrayList<>(calls);
      copy.sort(Comparator.comparingLong(RecordedCall::sequence));
      return List.copyOf(copy);
    }
  }

  /** The completed calls of {@code operation}, in the order they started. */
  public List<RecordedCall> calls(AwsOperation operation) {
    requireNonNull(operation, "operation");
    return calls().stream().filter(c -> c.operation() == operation).toList();
  }

  /** Forgets the recorded calls. */
  public void clearCalls() {
    synchronized (lock) {
      calls.clear();
    }
  }

  /** The number of calls that have arrived and not yet been answered (delayed by latency). */
  public int inFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  /**
   * Waits until at least {@code count} calls are in flight at once, so a test can prove that calls
   * overlap before it advances the {@link FakeTicker} that holds them.
   *
   * @throws IllegalStateException when that does not happen within {@code timeout}
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public void awaitInFlight(int count, Duration timeout) throws InterruptedException {
    requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (inFlight < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "expected " + count + " calls in flight, saw " + inFlight + " within " + timeout);
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  /**
   * A {@code SecretSource} over this store that acts as the principal {@link
   * #defaultPrincipal(CallerIdentity)} derives from each batch's identity. It reads secrets with
   * one {@code GetSecretValue} per object and parameters with {@code GetParameters} in chunks of 10
   * (with decryption), and describes secrets with {@code DescribeSecret}: every call is subject to
   * faults, access rules and recording. It owns nothing and needs no closing.
   */
  public SecretSource secretSource() {
    return new StoreSecretSource(this, FakeAws::defaultPrincipal);
  }

  /** A {@link #secretSource()} whose principal for each batch is {@code principalOf(identity)}. */
  public SecretSource secretSource(Function<CallerIdentity, String> principalOf) {
    return new StoreSecretSource(this, requireNonNull(principalOf, "principalOf"));
  }

  /**
   * The principal the store's {@code SecretSource} acts as by default: the identity's role ARN if
   * it has one, else {@code system:serviceaccount:<namespace>:<serviceAccount>} if it names a
   * service account, else {@code default}.
   */
  public static String defaultPrincipal(CallerIdentity identity) {
    if (identity.roleArn().isPresent()) {
      return identity.roleArn().get();
    }
    if (!identity.serviceAccount().isEmpty()) {
      return "system:serviceaccount:" + identity.namespace() + ":" + identity.serviceAccount();
    }
    return "default";
  }

  /**
   * Empties the store: secrets, parameters, faults, access rules, issued credentials and recorded
   * calls; identifiers start again from the seed. The ticker is left where it is.
   */
  public void reset() {
    synchronized (lock) {
      secrets.clear();
      parameters.clear();
      faults.clear();
      downRegions.clear();
      calls.clear();
      sequence = 0;
      ids.reset();
    }
    iam.clear();
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "FakeAws{accountId="
          + accountId
          + ", secretsRegions="
          + secrets.keySet()
          + ", parameterRegions="
          + parameters.keySet()
          + ", faults="
          + faults.size()
          + ", calls="
          + calls.size()
          + "}";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Package-private machinery shared by the views, the source and the emulator.

  /** Who is calling, from where. */
  record CallContext(
      String region,
      String principal,
      String displayName,
      Optional<String> accessKeyId,
      Optional<String> userAgent) {}

  /** What an operation's body may use while it runs under the store's lock. */
  record Invocation(Access access, Instant now, Function<String, Optional<AwsError>> objectFault) {}

  /** Raised (as the failure of a call's future) when a call's connection is dropped. */
  static final class ConnectionDropped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConnectionDropped(String region) {
      super("connection to " + region + " dropped", null, false, false);
    }
  }

  /**
   * Runs one API call: consults region outages and faults, checks access through the body, records
   * the call, and completes the returned future after the fault's latency (virtual under a {@link
   * FakeTicker}). The future fails with {@link AwsException} or {@link ConnectionDropped}.
   */
  // The stage returned by whenComplete only mirrors `result`, which carries every outcome.
  @SuppressWarnings("FutureReturnValueIgnored")
  <T> CompletableFuture<T> call(
      CallContext ctx, AwsOperation op, List<String> objects, Function<Invocation, T> body) {
    CompletableFuture<T> result = new CompletableFuture<>();
    synchronized (lock) {
      long seq = sequence++;
      long start = nanos();
      inFlight++;
      lock.notifyAll();
      Optional<AwsFault> fault = takeFault(ctx, op, objects, false);
      Duration latency = fault.map(AwsFault::latency).orElse(Duration.ZERO);
      Object outcome;
      if (downRegions.contains(ctx.region())) {
        outcome = new ConnectionDropped(ctx.region());
      } else if (fault.isPresent() && fault.get().dropConnection()) {
        outcome = new ConnectionDropped(ctx.region());
      } else if (fault.isPresent() && fault.get().error().isPresent()) {
        outcome = new AwsException(fault.get().error().get());
      } else {
        Invocation inv =
            new Invocation(
                iam.accessFor(ctx.principal(), ctx.displayName()),
                clock.instant(),
                id -> takeFault(ctx, op, List.of(id), true).flatMap(AwsFault::error));
        try {
          outcome = new Success<>(body.apply(inv));
        } catch (AwsException e) {
          outcome = e;
        }
      }
      Object finalOutcome = outcome;
      // Registered under the lock, with a deadline relative to the call's start, so that a test
      // advancing the ticker as soon as it sees the call in flight always releases it, and the
      // call is recorded before advance() returns.
      delayUntil(start, latency)
          .whenComplete(
              (ignored, error) -> {
                complete(ctx, op, objects, seq, start, finalOutcome);
                if (finalOutcome instanceof Success<?> success) {
                  @SuppressWarnings("unchecked")
                  T value = (T) success.value();
                  result.complete(value);
                } else {
                  result.completeExceptionally((RuntimeException) finalOutcome);
                }
              });
    }
    return result;
  }

  private record Success<T>(T value) {}

  private void complete(
      CallContext ctx,
      AwsOperation op,
      List<String> objects,
      long seq,
      long start,
      Object outcome) {
    Optional<String> errorCode;
    if (outcome instanceof AwsException e) {
      errorCode = Optional.of(e.error().code());
    } else if (outcome instanceof ConnectionDropped) {
      errorCode = Optional.of("ConnectionFailure");
    } else {
      errorCode = Optional.empty();
    }
    synchronized (lock) {
      inFlight--;
      calls.add(
          new RecordedCall(
              seq,
              ctx.region(),
              op,
              ctx.principal(),
              ctx.accessKeyId(),
              ctx.userAgent(),
              objects,
              start,
              Math.max(start, nanos()),
              errorCode));
      lock.notifyAll();
    }
  }

  private Optional<AwsFault> takeFault(
      CallContext ctx, AwsOperation op, List<String> objects, boolean perObject) {
    Iterator<ActiveFault> it = faults.iterator();
    while (it.hasNext()) {
      ActiveFault f = it.next();
      if (!f.fault.matchesCall(ctx.region(), op, ctx.principal())) {
        continue;
      }
      boolean objectMatches;
      if (f.fault.object().isEmpty()) {
        objectMatches = !perObject;
      } else if (op == AwsOperation.BATCH_GET_SECRET_VALUE && !perObject) {
        objectMatches = false; // applied per entry, inside the batch
      } else {
        objectMatches = objects.contains(f.fault.object().get());
      }
      if (!objectMatches) {
        continue;
      }
      if (--f.remaining <= 0) {
        it.remove();
      }
      return Optional.of(f.fault);
    }
    return Optional.empty();
  }

  /** Runs {@code body} under the store's lock, as seeding and inspection do. */
  <T> T locked(Function<Instant, T> body) {
    synchronized (lock) {
      return body.apply(clock.instant());
    }
  }

  SecretsManagerState secretsState(String region) {
    return secrets.computeIfAbsent(region, r -> new SecretsManagerState(r, accountId, ids));
  }

  ParameterStoreState parameterState(String region) {
    return parameters.computeIfAbsent(region, r -> new ParameterStoreState(r, accountId));
  }

  Ids ids() {
    return ids;
  }

  Instant now() {
    return clock.instant();
  }

  long nanos() {
    return ticker != null ? ticker.read() : System.nanoTime();
  }

  private CompletableFuture<Void> delayUntil(long start, Duration latency) {
    if (latency.isZero()) {
      return CompletableFuture.completedFuture(null);
    }
    if (ticker != null) {
      return ticker.at(start + latency.toNanos());
    }
    long left = start + latency.toNanos() - System.nanoTime();
    return CompletableFuture.runAsync(
        () -> {}, CompletableFuture.delayedExecutor(Math.max(0, left), TimeUnit.NANOSECONDS));
  }

  static String checkRegion(String region) {
    requireNonNull(region, "region");
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("not an AWS region name: " + region);
    }
    return region;
  }

  /** A builder of {@link FakeAws}. */
  public static final class Builder {
    private String accountId = DEFAULT_ACCOUNT_ID;
    private @Nullable FakeTicker ticker;
    private long seed;

    private Builder() {}

    /** Sets the twelve-digit account id used in ARNs. */
    public Builder accountId(String accountId) {
      requireNonNull(accountId, "accountId");
      if (!accountId.matches("[0-9]{12}")) {
        throw new IllegalArgumentException("an account id has twelve digits: " + accountId);
      }
      this.accountId = accountId;
      return this;
    }

    /** Drives the store's time (timestamps, expiry, latency) with {@code ticker}. */
    public Builder ticker(FakeTicker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /** Seeds the random identifiers (ARN suffixes, generated version ids, credentials). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Builds the store. */
    public FakeAws build() {
      return new FakeAws(this);
    }
  }
}
