// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.assertions;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a failure message may say about bytes that may be secret: their length and a short SHA-256
 * fingerprint, never the bytes.
 */
final class Fingerprint {
  /*
   * Eight hex digits (32 bits) tell two values apart in a failure message. They are no protection
   * for a low-entropy value against someone who guesses candidates and compares fingerprints:
   * these assertions are meant for test values, and a real secret should not be asserted on.
   */
  private static final int HEX_DIGITS = 8;

  private Fingerprint() {}

  /** {@code "<n> bytes, sha256:<8 hex digits>"}. */
  static String of(byte[] bytes) {
    return size(bytes.length) + ", sha256:" + sha256Prefix(bytes);
  }

  /** {@code "1 byte"} or {@code "<n> bytes"}. */
  static String size(int length) {
    return length == 1 ? "1 byte" : length + " bytes";
  }

  /** The offset of the first byte where {@code a} and {@code b} differ; -1 if they are equal. */
  static int firstDifference(byte[] a, byte[] b) {
    return Arrays.mismatch(a, b);
  }

  private static String sha256Prefix(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
