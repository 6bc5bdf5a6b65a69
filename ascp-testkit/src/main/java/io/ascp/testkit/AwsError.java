// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

/**
 * An error as an AWS service returns it: the error code (the JSON {@code __type} or the query
 * protocol's {@code Code}), the HTTP status and the message. The HTTP emulator sends it in AWS's
 * wire shape, so the AWS SDK raises the same exception class it raises against AWS; the store's
 * {@code SecretSource} maps the code to an {@link io.ascp.api.ErrorCode}.
 *
 * @param code the AWS error code, e.g. {@code ResourceNotFoundException}
 * @param httpStatus the HTTP status, 400 to 599
 * @param message the service's message
 */
public record AwsError(String code, int httpStatus, String message) {

  /** Checks the components. */
  public AwsError {
    requireNonNull(code, "code");
    requireNonNull(message, "message");
    if (code.isEmpty()) {
      throw new IllegalArgumentException("code must not be empty");
    }
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus must be 4xx or 5xx: " + httpStatus);
    }
  }

  /** An error with the given code, status and message. */
  public static AwsError of(String code, int httpStatus, String message) {
    return new AwsError(code, httpStatus, message);
  }

  /** {@code ThrottlingException} (HTTP 400, "Rate exceeded"), as any AWS JSON service throttles. */
  public static AwsError throttling() {
    return new AwsError("ThrottlingException", 400, "Rate exceeded");
  }

  /**
   * {@code AccessDeniedException} (HTTP 400) for {@code principal} calling {@code operation} on
   * {@code resource}, worded as IAM words it.
   */
  public static AwsError accessDenied(String principal, AwsOperation operation, String resource) {
    requireNonNull(principal, "principal");
    requireNonNull(operation, "operation");
    requireNonNull(resource, "resource");
    return new AwsError(
        "AccessDeniedException",
        400,
        "User: "
            + principal
            + " is not authorized to perform: "
            + operation.iamAction()
            + " on resource: "
            + resource
            + " because no identity-based policy allows the "
            + operation.iamAction()
            + " action");
  }

  /** Secrets Manager's {@code ResourceNotFoundException} for a missing secret. */
  public static AwsError secretNotFound() {
    return new AwsError(
        "ResourceNotFoundException", 400, "Secrets Manager can't find the specified secret.");
  }

  /** Secrets Manager's {@code InternalServiceError} (HTTP 500). */
  public static AwsError internalServiceError() {
    return new AwsError("InternalServiceError", 500, "An error occurred on the server side.");
  }

  /** Parameter Store's {@code InternalServerError} (HTTP 500). */
  public static AwsError internalServerError() {
    return new AwsError("InternalServerError", 500, "An error occurred on the server side.");
  }

  /** {@code ServiceUnavailable} (HTTP 503), as a regional outage may answer. */
  public static AwsError serviceUnavailable() {
    return new AwsError("ServiceUnavailable", 503, "Service Unavailable");
  }

  /** Secrets Manager's {@code DecryptionFailure}: the KMS key cannot decrypt the secret. */
  public static AwsError decryptionFailure() {
    return new AwsError(
        "DecryptionFailure",
        400,
        "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
  }

  /** Parameter Store's {@code InvalidKeyId}: the KMS key of a SecureString is unusable. */
  public static AwsError invalidKeyId() {
    return new AwsError("InvalidKeyId", 400, "The query key ID isn't valid.");
  }

  /** Whether the error is the caller's fault (HTTP 4xx), as AWS SDKs classify it. */
  public boolean isClientFault() {
    return httpStatus < 500;
  }
}
