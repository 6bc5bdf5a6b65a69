// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One API call {@link FakeAws} served, for API-call budgets, identity and overlap proofs. Times are
 * readings of the store's ticker (nanoseconds, only differences matter); a call overlaps another
 * when each started before the other ended.
 *
 * @param sequence the order in which calls started, from 0
 * @param region the region called
 * @param operation the operation
 * @param principal who called: an emulator-issued role ARN, an access key id, or the principal of
 *     the store's {@code SecretSource}
 * @param accessKeyId the SigV4 access key id (HTTP emulator only)
 * @param userAgent the request's {@code User-Agent} header, e.g. the AWS SDK's, which ends with
 *     {@code app/<id>} when the client sets an app id (HTTP emulator only; empty when the request
 *     carried none)
 * @param objects the secret ids or parameter names requested, as the caller wrote them (never
 *     values)
 * @param startNanos the ticker reading when the call arrived
 * @param endNanos the ticker reading when its response was released
 * @param errorCode the AWS error code answered, {@code ConnectionFailure} for a dropped connection,
 *     or empty on success
 */
public record RecordedCall(
    long sequence,
    String region,
    AwsOperation operation,
    String principal,
    Optional<String> accessKeyId,
    Optional<String> userAgent,
    List<String> objects,
    long startNanos,
    long endNanos,
    Optional<String> errorCode) {

  /** Checks the components and copies the list. */
  public RecordedCall {
    requireNonNull(region, "region");
    requireNonNull(operation, "operation");
    requireNonNull(principal, "principal");
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(userAgent, "userAgent");
    objects = List.copyOf(objects);
    requireNonNull(errorCode, "errorCode");
    if (endNanos < startNanos) {
      throw new IllegalArgumentException("a call cannot end before it starts");
    }
  }

  /** The service called. */
  public AwsService service() {
    return operation.service();
  }

  /** Whether the call succeeded. */
  public boolean succeeded() {
    return errorCode.isEmpty();
  }

  /**
   * Whether this call and {@code other} were in flight at the same time. A call of zero duration
   * (no latency under a {@link FakeTicker}) overlaps nothing.
   */
  public boolean overlaps(RecordedCall other) {
    return startNanos < endNanos
        && other.startNanos < other.endNanos
        && startNanos < other.endNanos
        && other.startNanos < endNanos;
  }

  /**
   * The largest number of {@code calls} in flight at the same time: 0 for none, 1 when no two
   * {@linkplain #overlaps overlap}.
   */
  public static int maxConcurrency(Collection<RecordedCall> calls) {
    int max = calls.isEmpty() ? 0 : 1;
    for (RecordedCall c : calls) {
      int count = 0;
      for (RecordedCall d : calls) {
        if (d.startNanos <= c.startNanos && c.startNanos < d.endNanos) {
          count++;
        }
      }
      max = Math.max(max, count);
    }
    return max;
  }
}
