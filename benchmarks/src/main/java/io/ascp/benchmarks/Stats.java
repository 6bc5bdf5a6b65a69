// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latency samples in nanoseconds and their order statistics (nearest rank on the sorted array; no
 * histogram bucketing).
 */
final class Stats {
  private long[] samples = new long[1024];
  private int size;

  /** Adds one sample; thread-safe. */
  synchronized void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  synchronized int count() {
    return size;
  }

  /** The sorted samples. */
  synchronized long[] sorted() {
    long[] copy = Arrays.copyOf(samples, size);
    Arrays.sort(copy);
    return copy;
  }

  /** The {@code q} quantile (0 to 1) in milliseconds, by nearest rank; NaN without samples. */
  static double quantileMillis(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    int index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
    return sorted[index] / 1e6;
  }

  static double maxMillis(long[] sorted) {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
  }

  /** The median of a few values (e.g. repeated runs). */
  static double median(double... values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    int n = copy.length;
    return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
  }

  static String ms(double millis) {
    return String.format(Locale.ROOT, "%.1f", millis);
  }

  static String ms2(double millis) {
    return String.format(Locale.ROOT, "%.2f", millis);
  }

  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
