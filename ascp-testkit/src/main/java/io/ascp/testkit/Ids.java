// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import java.util.Random;
import java.util.UUID;

/**
 * The store's source of random identifiers (ARN suffixes, version ids, request ids, credentials),
 * seeded so that a test run is reproducible. Thread-safe.
 */
final class Ids {
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final long seed;
  private Random random;

  Ids(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** Starts the sequence again from the seed. */
  synchronized void reset() {
    random = new Random(seed);
  }

  /** The six characters AWS appends to a secret's name in its ARN. */
  synchronized String arnSuffix() {
    return chars(ALNUM, 6);
  }

  /** A random (version 4) UUID. */
  synchronized String uuid() {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  /** An access key id with the given four-letter prefix ({@code ASIA} for temporary keys). */
  synchronized String accessKeyId(String prefix) {
    return prefix + chars(UPPER_ALNUM, 16);
  }

  /** A secret access key. */
  synchronized String secretAccessKey() {
    return chars(ALNUM + "+/", 40);
  }

  /** A session token. */
  synchronized String sessionToken() {
    return "FwoGZXIvYXdzE" + chars(ALNUM, 120);
  }

  private String chars(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
