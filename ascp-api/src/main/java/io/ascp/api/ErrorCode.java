// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

/**
 * The stable classification of every failure ascp-java reports. Codes are never renamed or reused
 * once released; adapters map them to their own status model (the gRPC adapter maps them to gRPC
 * status codes in one table).
 */
public enum ErrorCode {
  /** The request or the {@code SecretProviderClass} parameters are malformed or inconsistent. */
  INVALID_PARAMETERS,
  /** A secret, a parameter or one of its versions does not exist. */
  NOT_FOUND,
  /** The caller's identity may not read the object (IAM, resource policy or KMS key policy). */
  ACCESS_DENIED,
  /** Credentials could not be obtained for the caller (token exchange, Pod Identity agent). */
  CREDENTIALS,
  /** A Kubernetes API lookup needed by the mount failed (service account, pod or node). */
  KUBERNETES_LOOKUP,
  /** The backend refused the call because of its rate limits. */
  THROTTLED,
  /** The backend failed on its side or could not be reached (5xx, timeout, connection error). */
  BACKEND_UNAVAILABLE,
  /** The backend could not decrypt the value with its KMS key. */
  DECRYPTION_FAILED,
  /** A JSON key could not be extracted from a value with the configured JMESPath expression. */
  EXTRACTION_FAILED,
  /** The mounted files could not be written. */
  WRITE_FAILED,
  /** A bug or an unexpected condition inside ascp-java. */
  INTERNAL;

  /**
   * Whether a later attempt of the same call may succeed without any change by the user: true for
   * {@link #THROTTLED} and {@link #BACKEND_UNAVAILABLE}.
   */
  public boolean isRetryable() {
    return this == THROTTLED || this == BACKEND_UNAVAILABLE;
  }
}
