// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

/**
 * An AWS error raised by the store: thrown by the seeding and inspection methods of {@link
 * FakeSecretsManager} and {@link FakeParameterStore} when AWS would have refused the same request
 * (a missing secret, a value over the size limit, an existing parameter without overwrite…). The
 * {@link #error()} carries AWS's error code, HTTP status and message.
 */
public final class AwsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // never serialized
  private final AwsError error;

  AwsException(AwsError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  AwsException(String code, int status, String message) {
    this(AwsError.of(code, status, message));
  }

  /** The AWS error: code, HTTP status and message. */
  public AwsError error() {
    return error;
  }

  static AwsException validation(String message) {
    return new AwsException("ValidationException", 400, message);
  }

  static AwsException invalidParameter(String message) {
    return new AwsException("InvalidParameterException", 400, message);
  }

  static AwsException invalidRequest(String message) {
    return new AwsException("InvalidRequestException", 400, message);
  }
}
