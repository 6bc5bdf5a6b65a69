// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A fault injected into {@link FakeAws}: which calls it matches (region, operation, object,
 * principal; each optional) and what it does to them (an AWS error, added latency, a dropped
 * connection), for every matching call or only the next {@code times} of them.
 *
 * <p>Build one with {@link #error(AwsError)}, {@link #latency(Duration)} or {@link
 * #connectionFailure()}, narrow it, and {@link FakeAws#inject(AwsFault) inject} it:
 *
 * <pre>{@code
 * aws.inject(
 *     AwsFault.error(AwsError.throttling())
 *         .region("us-east-1")
 *         .operation(AwsOperation.GET_SECRET_VALUE)
 *         .times(2) // two failures, then success
 *         .build());
 * }</pre>
 *
 * <p>Latency is virtual when the store runs on a {@link FakeTicker} (the call completes when the
 * test advances the ticker) and real otherwise (the call completes later without blocking a thread
 * of the HTTP emulator). Tests assert overlap and counts, never durations.
 *
 * @param region the region matched, or any
 * @param operation the operation matched, or any
 * @param object the secret id or parameter name matched (as the caller wrote it), or any
 * @param principal the calling principal matched, or any
 * @param error the error returned, if any
 * @param latency the delay added before the response
 * @param dropConnection whether the connection is closed without a response (the SDK sees an I/O
 *     error; the store's source reports the backend unavailable)
 * @param times how many matching calls the fault applies to, or unlimited
 */
public record AwsFault(
    Optional<String> region,
    Optional<AwsOperation> operation,
    Optional<String> object,
    Optional<String> principal,
    Optional<AwsError> error,
    Duration latency,
    boolean dropConnection,
    OptionalInt times) {

  /** Checks the components. */
  public AwsFault {
    requireNonNull(region, "region");
    requireNonNull(operation, "operation");
    requireNonNull(object, "object");
    requireNonNull(principal, "principal");
    requireNonNull(error, "error");
    requireNonNull(latency, "latency");
    requireNonNull(times, "times");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    if (times.isPresent() && times.getAsInt() < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times.getAsInt());
    }
    if (error.isEmpty() && !dropConnection && latency.isZero()) {
      throw new IllegalArgumentException(
          "a fault needs an error, a latency or a dropped connection");
    }
    if (error.isPresent() && dropConnection) {
      throw new IllegalArgumentException(
          "a fault cannot both return an error and drop the connection");
    }
  }

  /** A fault that answers matching calls with {@code error}. */
  public static Builder error(AwsError error) {
    return new Builder().withError(requireNonNull(error, "error"));
  }

  /** A fault that delays matching calls by {@code latency}. */
  public static Builder latency(Duration latency) {
    return new Builder().withLatency(latency);
  }

  /** A fault that closes the connection of matching calls without a response. */
  public static Builder connectionFailure() {
    Builder b = new Builder();
    b.dropConnection = true;
    return b;
  }

  /** A builder initialised with this fault's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.region = region;
    b.operation = operation;
    b.object = object;
    b.principal = principal;
    b.error = error;
    b.latency = latency;
    b.dropConnection = dropConnection;
    b.times = times;
    return b;
  }

  /** Whether this fault applies to a call, ignoring {@link #object()}. */
  boolean matchesCall(String callRegion, AwsOperation callOperation, String callPrincipal) {
    return region.map(callRegion::equals).orElse(true)
        && operation.map(op -> op == callOperation).orElse(true)
        && principal.map(callPrincipal::equals).orElse(true);
  }

  /** A validating builder of {@link AwsFault}. */
  public static final class Builder {
    private Optional<String> region = Optional.empty();
    private Optional<AwsOperation> operation = Optional.empty();
    private Optional<String> object = Optional.empty();
    private Optional<String> principal = Optional.empty();
    private Optional<AwsError> error = Optional.empty();
    private Duration latency = Duration.ZERO;
    private boolean dropConnection;
    private OptionalInt times = OptionalInt.empty();

    private Builder() {}

    private Builder withError(AwsError error) {
      this.error = Optional.of(error);
      return this;
    }

    private Builder withLatency(Duration latency) {
      requireNonNull(latency, "latency");
      if (latency.isNegative() || latency.isZero()) {
        throw new IllegalArgumentException("latency must be positive: " + latency);
      }
      this.latency = latency;
      return this;
    }

    /** Matches only calls to {@code region}. */
    public Builder region(String region) {
      this.region = Optional.of(FakeAws.checkRegion(region));
      return this;
    }

    /** Matches only calls of {@code operation}. */
    public Builder operation(AwsOperation operation) {
      this.operation = Optional.of(requireNonNull(operation, "operation"));
      return this;
    }

    /**
     * Matches only calls on the object {@code nameOrArn}, exactly as the caller names it. In a
     * {@code BatchGetSecretValue} call the fault applies to that secret's entry only (it lands in
     * the response's {@code Errors}); in a {@code GetParameters} call it applies to the whole call.
     */
    public Builder object(String nameOrArn) {
      requireNonNull(nameOrArn, "nameOrArn");
      if (nameOrArn.isEmpty()) {
        throw new IllegalArgumentException("object must not be empty");
      }
      this.object = Optional.of(nameOrArn);
      return this;
    }

    /** Matches only calls made by {@code principal} (see {@link FakeIam}). */
    public Builder principal(String principal) {
      requireNonNull(principal, "principal");
      if (principal.isEmpty()) {
        throw new IllegalArgumentException("principal must not be empty");
      }
      this.principal = Optional.of(principal);
      return this;
    }

    /** Adds latency before the response (or the error). */
    public Builder withDelay(Duration latency) {
      return withLatency(latency);
    }

    /** Applies the fault to the next {@code times} matching calls only, then stops matching. */
    public Builder times(int times) {
      if (times < 1) {
        throw new IllegalArgumentException("times must be at least 1: " + times);
      }
      this.times = OptionalInt.of(times);
      return this;
    }

    /** Builds the fault. */
    public AwsFault build() {
      return new AwsFault(
          region, operation, object, principal, error, latency, dropConnection, times);
    }
  }
}
