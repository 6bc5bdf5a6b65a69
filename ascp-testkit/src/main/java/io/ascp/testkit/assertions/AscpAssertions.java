// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.assertions;

import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.RecordedCall;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of the testkit's AssertJ assertions: mount results, mounted files and the calls
 * recorded by a {@link FakeAws}. Import it statically next to AssertJ's own {@code assertThat}; the
 * compiler picks the overload by the argument's type.
 *
 * <pre>{@code
 * assertThat(result).hasExactlyFiles("db-username", "db-password");
 * assertThat(result).hasFile("db-password").withMode(0400).withContent("pw-2");
 * assertThat(aws).calls().hasCount(AwsOperation.GET_SECRET_VALUE, 1).allSucceeded();
 * }</pre>
 *
 * <p>As with AssertJ, {@code assertThat(null)} is allowed and fails on the first check. Failure
 * messages never show file contents (see {@link MountedFileAssert}).
 */
public final class AscpAssertions {
  private AscpAssertions() {}

  /** Assertions on a mount's files and versions. */
  public static MountResultAssert assertThat(@Nullable MountResult actual) {
    return new MountResultAssert(actual);
  }

  /** Assertions on one mounted file. */
  public static MountedFileAssert assertThat(@Nullable MountedFile actual) {
    return new MountedFileAssert(actual);
  }

  /** Assertions on a store; {@code .calls()} asserts on its recorded calls. */
  public static FakeAwsAssert assertThat(@Nullable FakeAws actual) {
    return new FakeAwsAssert(actual);
  }

  /**
   * Assertions on some recorded calls, e.g. {@code aws.calls(AwsOperation.GET_PARAMETERS)} (copied;
   * kept in their iteration order).
   */
  public static RecordedCallsAssert assertThatCalls(@Nullable Collection<RecordedCall> calls) {
    return new RecordedCallsAssert(calls == null ? null : List.copyOf(calls));
  }
}
