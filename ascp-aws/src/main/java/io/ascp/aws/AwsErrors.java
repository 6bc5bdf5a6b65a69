// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The classification of AWS SDK failures into {@link ErrorCode}s and their safe description.
 *
 * <p>Rules, first match wins: an {@link AscpException} keeps its code; a service error is
 * classified by its AWS error code (tables below), then by throttling detection and HTTP status
 * (403 access denied, 404 not found, 429 throttled, 5xx and 408 unavailable, any other 4xx invalid
 * parameters); a client-side error is unavailable when the cause chain holds an I/O error or a
 * timeout, and internal otherwise.
 *
 * <p>The description of a service error has the AWS error code, the service's message, the HTTP
 * status and the request id, e.g. {@code ResourceNotFoundException: Secrets Manager can't find the
 * specified secret. (Service: SecretsManager, Status Code: 400, Request ID: 8f3c…)}. AWS error
 * messages name resources and principals, never secret values.
 */
final class AwsErrors {
  private static final Map<String, ErrorCode> BY_AWS_CODE =
      Map.ofEntries(
          // Not found.
          Map.entry("ResourceNotFoundException", ErrorCode.NOT_FOUND),
          Map.entry("ParameterNotFound", ErrorCode.NOT_FOUND),
          Map.entry("ParameterVersionNotFound", ErrorCode.NOT_FOUND),
          // Access denied (IAM, resource policy, KMS key policy seen by the service).
          Map.entry("AccessDeniedException", ErrorCode.ACCESS_DENIED),
          Map.entry("AccessDenied", ErrorCode.ACCESS_DENIED),
          Map.entry("KMSAccessDeniedException", ErrorCode.ACCESS_DENIED),
          // The credentials themselves were rejected.
          Map.entry("UnrecognizedClientException", ErrorCode.CREDENTIALS),
          Map.entry("InvalidClientTokenId", ErrorCode.CREDENTIALS),
          Map.entry("ExpiredToken", ErrorCode.CREDENTIALS),
          Map.entry("ExpiredTokenException", ErrorCode.CREDENTIALS),
          Map.entry("InvalidIdentityToken", ErrorCode.CREDENTIALS),
          Map.entry("IDPRejectedClaim", ErrorCode.CREDENTIALS),
          Map.entry("InvalidSignatureException", ErrorCode.CREDENTIALS),
          Map.entry("SignatureDoesNotMatch", ErrorCode.CREDENTIALS),
          Map.entry("IncompleteSignature", ErrorCode.CREDENTIALS),
          Map.entry("MissingAuthenticationToken", ErrorCode.CREDENTIALS),
          // Throttling, whatever status it came with.
          Map.entry("ThrottlingException", ErrorCode.THROTTLED),
          Map.entry("Throttling", ErrorCode.THROTTLED),
          Map.entry("TooManyRequestsException", ErrorCode.THROTTLED),
          Map.entry("RequestLimitExceeded", ErrorCode.THROTTLED),
          Map.entry("ThrottledException", ErrorCode.THROTTLED),
          Map.entry("RequestThrottled", ErrorCode.THROTTLED),
          Map.entry("RequestThrottledException", ErrorCode.THROTTLED),
          Map.entry("PriorRequestNotComplete", ErrorCode.THROTTLED),
          // KMS could not decrypt the value.
          Map.entry("DecryptionFailure", ErrorCode.DECRYPTION_FAILED),
          Map.entry("InvalidKeyId", ErrorCode.DECRYPTION_FAILED),
          Map.entry("KMSDisabledException", ErrorCode.DECRYPTION_FAILED),
          Map.entry("KMSInvalidStateException", ErrorCode.DECRYPTION_FAILED),
          Map.entry("KMSNotFoundException", ErrorCode.DECRYPTION_FAILED),
          Map.entry("KMSInvalidKeyUsageException", ErrorCode.DECRYPTION_FAILED),
          Map.entry("KMSOptInRequired", ErrorCode.DECRYPTION_FAILED),
          // The request as sent can never succeed.
          Map.entry("InvalidParameterException", ErrorCode.INVALID_PARAMETERS),
          Map.entry("InvalidRequestException", ErrorCode.INVALID_PARAMETERS),
          Map.entry("ValidationException", ErrorCode.INVALID_PARAMETERS),
          Map.entry("InvalidParameters", ErrorCode.INVALID_PARAMETERS),
          Map.entry("MalformedPolicyDocument", ErrorCode.INVALID_PARAMETERS),
          Map.entry("PackedPolicyTooLarge", ErrorCode.INVALID_PARAMETERS),
          // The server failed or could not be reached.
          Map.entry("InternalServiceError", ErrorCode.BACKEND_UNAVAILABLE),
          Map.entry("InternalServerError", ErrorCode.BACKEND_UNAVAILABLE),
          Map.entry("InternalFailure", ErrorCode.BACKEND_UNAVAILABLE),
          Map.entry("ServiceUnavailable", ErrorCode.BACKEND_UNAVAILABLE),
          Map.entry("ServiceUnavailableException", ErrorCode.BACKEND_UNAVAILABLE),
          Map.entry("RequestTimeout", ErrorCode.BACKEND_UNAVAILABLE),
          Map.entry("RequestTimeoutException", ErrorCode.BACKEND_UNAVAILABLE),
          Map.entry("IDPCommunicationError", ErrorCode.BACKEND_UNAVAILABLE),
          Map.entry("RegionDisabledException", ErrorCode.BACKEND_UNAVAILABLE));

  private AwsErrors() {}

  /** The code of any failure of an AWS call. */
  static ErrorCode classify(Throwable t) {
    if (t instanceof AscpException e) {
      return e.code();
    }
    if (t instanceof AwsServiceException e) {
      return classifyService(e, errorCode(e));
    }
    if (t instanceof SdkServiceException e) {
      return classifyService(e, null);
    }
    if (t instanceof ApiCallTimeoutException
        || t instanceof ApiCallAttemptTimeoutException
        || t instanceof AbortedException) {
      return ErrorCode.BACKEND_UNAVAILABLE;
    }
    if (t instanceof SdkClientException || t instanceof IOException) {
      return hasIoCause(t) ? ErrorCode.BACKEND_UNAVAILABLE : ErrorCode.INTERNAL;
    }
    return ErrorCode.INTERNAL;
  }

  private static ErrorCode classifyService(SdkServiceException e, @Nullable String awsCode) {
    if (awsCode != null) {
      ErrorCode byCode = BY_AWS_CODE.get(awsCode);
      if (byCode != null) {
        return byCode;
      }
    }
    if (e.isThrottlingException()) {
      return ErrorCode.THROTTLED;
    }
    int status = e.statusCode();
    if (status == 403) {
      return ErrorCode.ACCESS_DENIED;
    }
    if (status == 404) {
      return ErrorCode.NOT_FOUND;
    }
    if (status == 429) {
      return ErrorCode.THROTTLED;
    }
    if (status >= 500 || status == 408 || status <= 0) {
      return ErrorCode.BACKEND_UNAVAILABLE;
    }
    return ErrorCode.INVALID_PARAMETERS;
  }

  private static boolean hasIoCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException || c instanceof InterruptedIOException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private static @Nullable String errorCode(AwsServiceException e) {
    AwsErrorDetails d = e.awsErrorDetails();
    return d == null ? null : d.errorCode();
  }

  /**
   * A one-line description of {@code t} for a message: the AWS error code, message, status and
   * request id of a service error, the message chain of anything else. Occurrences of the given
   * secrets (tokens) are replaced by {@code <redacted>}.
   */
  static String describe(Throwable t, Redactor redactor) {
    String text;
    if (t instanceof AscpException e) {
      text = e.getMessage();
    } else if (t instanceof AwsServiceException e) {
      text = describeService(e);
    } else if (t instanceof SdkServiceException e) {
      text =
          firstNonEmpty(e.getMessage(), e.getClass().getSimpleName())
              + " (Status Code: "
              + e.statusCode()
              + ", Request ID: "
              + nullToEmpty(e.requestId())
              + ")";
    } else {
      text = describeChain(t);
    }
    return redactor.redact(singleLine(text));
  }

  private static String describeService(AwsServiceException e) {
    AwsErrorDetails d = e.awsErrorDetails();
    String code = d == null ? null : d.errorCode();
    String message = d == null ? null : d.errorMessage();
    String service = d == null ? null : d.serviceName();
    StringBuilder b = new StringBuilder();
    if (code != null && !code.isEmpty()) {
      b.append(code).append(": ");
    }
    b.append(firstNonEmpty(message, e.getClass().getSimpleName()));
    b.append(" (");
    if (service != null && !service.isEmpty()) {
      b.append("Service: ").append(service).append(", ");
    }
    b.append("Status Code: ").append(e.statusCode());
    b.append(", Request ID: ").append(nullToEmpty(e.requestId())).append(')');
    return b.toString();
  }

  /** The messages of the cause chain, without repeats, joined by {@code ": "}. */
  private static String describeChain(Throwable t) {
    StringBuilder b = new StringBuilder();
    String last = "";
    int depth = 0;
    for (Throwable c = t; c != null && depth < 5; c = c.getCause(), depth++) {
      String m = c.getMessage();
      if (m == null || m.isEmpty()) {
        m = c instanceof ConnectException ? "connection failed" : c.getClass().getSimpleName();
      }
      if (!last.contains(m)) {
        if (b.length() > 0) {
          b.append(": ");
        }
        b.append(m);
        last = m;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return b.toString();
  }

  private static String singleLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString().strip();
  }

  private static String firstNonEmpty(@Nullable String a, String b) {
    return a == null || a.isEmpty() ? b : a;
  }

  private static String nullToEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
