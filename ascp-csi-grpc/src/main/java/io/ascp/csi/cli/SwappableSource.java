// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static java.util.Objects.requireNonNull;

import io.ascp.api.spi.DescribeRequest;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.SecretDescription;
import io.ascp.api.spi.SecretSource;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SecretSource} whose whole content is replaced atomically: every call reads from the
 * source set last. The in-memory backend of {@code mount --watch} (the seed file, re-read before
 * each refresh) and of {@code quickstart} (a rotated copy of the demo store) are swapped so. A
 * batch already running keeps the source it started with. Closes nothing.
 */
final class SwappableSource implements SecretSource {
  private volatile SecretSource current;

  SwappableSource(SecretSource initial) {
    this.current = requireNonNull(initial, "initial");
  }

  /** Replaces the content for every later call. */
  void set(SecretSource source) {
    current = requireNonNull(source, "source");
  }

  /** The source calls go to now. */
  SecretSource get() {
    return current;
  }

  @Override
  public List<FetchResult> fetch(FetchBatch batch) {
    return current.fetch(batch);
  }

  @Override
  public Optional<SecretDescription> describe(DescribeRequest request) {
    return current.describe(request);
  }

  /** Names the current source, whose own {@code toString()} never shows a value. */
  @Override
  public String toString() {
    return "SwappableSource{" + current + "}";
  }
}
