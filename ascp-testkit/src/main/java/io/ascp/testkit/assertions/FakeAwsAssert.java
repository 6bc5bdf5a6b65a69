// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.assertions;

import static java.util.Objects.requireNonNull;

import io.ascp.testkit.FakeAws;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a {@link FakeAws}: the entry to its {@linkplain #calls() recorded calls}. Obtain
 * one from {@link AscpAssertions#assertThat(FakeAws)}.
 */
public final class FakeAwsAssert extends AbstractAssert<FakeAwsAssert, FakeAws> {

  FakeAwsAssert(@Nullable FakeAws actual) {
    super(actual, FakeAwsAssert.class);
  }

  /**
   * Assertions on the calls the store has completed so far (a snapshot of {@link FakeAws#calls()}).
   */
  public RecordedCallsAssert calls() {
    isNotNull();
    RecordedCallsAssert calls = new RecordedCallsAssert(requireNonNull(actual).calls());
    calls.info.description(info.description());
    return calls;
  }

  /** Checks that no call is still in flight (held by latency, or not yet answered). */
  public FakeAwsAssert hasNoCallsInFlight() {
    isNotNull();
    int inFlight = requireNonNull(actual).inFlight();
    if (inFlight != 0) {
      failWithMessage("%s", "Expecting no call in flight but there are " + inFlight);
    }
    return this;
  }
}
