// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.assertions;

import static java.util.Objects.requireNonNull;

import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.RecordedCall;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the API calls a {@link io.ascp.testkit.FakeAws} recorded: counts per operation,
 * errors, identities, {@code User-Agent}s and overlap. Obtain one from {@link
 * FakeAwsAssert#calls()} or {@link AscpAssertions#assertThatCalls(java.util.Collection)}; narrow it
 * with {@link #ofOperation}, {@link #inRegion} and {@link #byPrincipal}.
 *
 * <pre>{@code
 * assertThat(aws)
 *     .calls()
 *     .hasCount(AwsOperation.GET_SECRET_VALUE, 3)
 *     .hasErrorCount("ThrottlingException", 2);
 * assertThat(aws).calls().inRegion("us-west-2").hasSize(0);
 * }</pre>
 *
 * <p>The assertions work on a snapshot taken when this object was created. A failure lists the
 * calls (sequence, region, operation, object names, principal, outcome), which never hold values.
 *
 * <p>Overlap: two calls overlap when each started before the other ended ({@link
 * RecordedCall#overlaps}). A call of zero duration overlaps nothing, so to prove concurrency give
 * the calls latency (an {@link io.ascp.testkit.AwsFault#latency} fault, virtual under a {@link
 * io.ascp.testkit.FakeTicker}).
 */
public final class RecordedCallsAssert
    extends AbstractAssert<RecordedCallsAssert, List<RecordedCall>> {
  private static final int MAX_LISTED = 40;

  RecordedCallsAssert(@Nullable List<RecordedCall> actual) {
    super(actual, RecordedCallsAssert.class);
  }

  /** Checks that there are {@code count} calls in all. */
  public RecordedCallsAssert hasSize(int count) {
    List<RecordedCall> calls = calls();
    if (calls.size() != count) {
      fail("Expecting " + plural(count, "call") + " but there were " + calls.size(), calls);
    }
    return this;
  }

  /** Checks that there are {@code count} calls of {@code operation}. */
  public RecordedCallsAssert hasCount(AwsOperation operation, int count) {
    requireNonNull(operation, "operation");
    List<RecordedCall> calls = calls();
    long n = calls.stream().filter(c -> c.operation() == operation).count();
    if (n != count) {
      fail(
          "Expecting " + plural(count, operation.apiName() + " call") + " but there were " + n,
          calls);
    }
    return this;
  }

  /**
   * Checks that {@code count} calls were answered with the AWS error code {@code errorCode} (e.g.
   * {@code ThrottlingException}; {@code ConnectionFailure} for a dropped connection).
   */
  public RecordedCallsAssert hasErrorCount(String errorCode, int count) {
    requireNonNull(errorCode, "errorCode");
    List<RecordedCall> calls = calls();
    long n =
        calls.stream().filter(c -> c.errorCode().filter(errorCode::equals).isPresent()).count();
    if (n != count) {
      fail(
          "Expecting " + plural(count, "call") + " answered " + errorCode + " but there were " + n,
          calls);
    }
    return this;
  }

  /** Checks that every call succeeded. */
  public RecordedCallsAssert allSucceeded() {
    return allMatch(RecordedCall::succeeded, "Expecting every call to succeed");
  }

  /** Checks that every call was made as {@code principal} (a role ARN or an access key id). */
  public RecordedCallsAssert allMadeBy(String principal) {
    requireNonNull(principal, "principal");
    return allMatch(
        c -> c.principal().equals(principal),
        "Expecting every call to be made by \"" + principal + "\"");
  }

  /**
   * Checks that every call carried a {@code User-Agent} header containing {@code fragment}, e.g.
   * {@code "app/my-service-1.0"} for an SDK client configured with that app id. Only the {@link
   * io.ascp.testkit.AwsEmulator} records User-Agents; calls through the store's {@code
   * SecretSource} have none.
   */
  public RecordedCallsAssert allHaveUserAgentContaining(String fragment) {
    requireNonNull(fragment, "fragment");
    List<RecordedCall> calls = calls();
    for (RecordedCall c : calls) {
      if (!c.userAgent().filter(ua -> ua.contains(fragment)).isPresent()) {
        failWithMessage(
            "%s",
            "Expecting every call to have a User-Agent containing \""
                + fragment
                + "\" but call #"
                + c.sequence()
                + " ("
                + c.operation().apiName()
                + ") has "
                + c.userAgent().map(ua -> "\"" + ua + "\"").orElse("none"));
      }
    }
    return this;
  }

  /**
   * Checks that at least two calls were in flight at the same time.
   *
   * @see RecordedCall#overlaps(RecordedCall)
   */
  public RecordedCallsAssert overlapped() {
    List<RecordedCall> calls = calls();
    if (RecordedCall.maxConcurrency(calls) < 2) {
      fail("Expecting at least two calls to overlap but none did", calls);
    }
    return this;
  }

  /** Checks that no two calls were in flight at the same time. */
  public RecordedCallsAssert neverOverlapped() {
    List<RecordedCall> calls = calls();
    int max = RecordedCall.maxConcurrency(calls);
    if (max > 1) {
      fail("Expecting no two calls to overlap but up to " + max + " were in flight at once", calls);
    }
    return this;
  }

  /** Checks that at most {@code limit} calls were in flight at the same time. */
  public RecordedCallsAssert hasMaxConcurrencyAtMost(int limit) {
    List<RecordedCall> calls = calls();
    int max = RecordedCall.maxConcurrency(calls);
    if (max > limit) {
      fail(
          "Expecting at most " + plural(limit, "call") + " in flight at once but there were " + max,
          calls);
    }
    return this;
  }

  /** Assertions on the calls of {@code operation} only. */
  public RecordedCallsAssert ofOperation(AwsOperation operation) {
    requireNonNull(operation, "operation");
    return narrowed(c -> c.operation() == operation, operation.apiName());
  }

  /** Assertions on the calls to {@code region} only. */
  public RecordedCallsAssert inRegion(String region) {
    requireNonNull(region, "region");
    return narrowed(c -> c.region().equals(region), "region " + region);
  }

  /** Assertions on the calls made as {@code principal} only. */
  public RecordedCallsAssert byPrincipal(String principal) {
    requireNonNull(principal, "principal");
    return narrowed(c -> c.principal().equals(principal), "principal " + principal);
  }

  private RecordedCallsAssert narrowed(Predicate<RecordedCall> filter, String what) {
    List<RecordedCall> calls = calls();
    RecordedCallsAssert narrowed = new RecordedCallsAssert(calls.stream().filter(filter).toList());
    String outer = descriptionText();
    narrowed.as(outer.isEmpty() ? "calls of " + what : outer + ", calls of " + what);
    return narrowed;
  }

  private RecordedCallsAssert allMatch(Predicate<RecordedCall> test, String expectation) {
    List<RecordedCall> calls = calls();
    List<RecordedCall> failing = calls.stream().filter(test.negate()).toList();
    if (!failing.isEmpty()) {
      fail(expectation + " but " + plural(failing.size(), "call") + " did not", failing);
    }
    return this;
  }

  private void fail(String message, List<RecordedCall> listed) {
    StringBuilder b = new StringBuilder(message).append(listed.isEmpty() ? "" : ":");
    for (int i = 0; i < Math.min(listed.size(), MAX_LISTED); i++) {
      b.append("\n  ").append(describe(listed.get(i)));
    }
    if (listed.size() > MAX_LISTED) {
      b.append("\n  ... and ").append(listed.size() - MAX_LISTED).append(" more");
    }
    failWithMessage("%s", b.toString());
  }

  /** One line per call; object names and error codes are not values. */
  static String describe(RecordedCall c) {
    return "#"
        + c.sequence()
        + " "
        + c.region()
        + " "
        + c.operation().apiName()
        + " "
        + c.objects()
        + " by "
        + c.principal()
        + " -> "
        + c.errorCode().orElse("OK");
  }

  private List<RecordedCall> calls() {
    isNotNull();
    return requireNonNull(actual);
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
