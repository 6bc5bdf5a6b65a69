// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ServiceAccountToken;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

class AwsErrorsTest {

  static AwsServiceException serviceError(String code, int status, String message) {
    return SecretsManagerException.builder()
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName("SecretsManager")
                .build())
        .statusCode(status)
        .requestId("req-123")
        .message(message)
        .build();
  }

  @ParameterizedTest(name = "{0} ({1}) -> {2}")
  @CsvSource({
    "ResourceNotFoundException, 400, NOT_FOUND",
    "ParameterNotFound, 400, NOT_FOUND",
    "ParameterVersionNotFound, 400, NOT_FOUND",
    "AccessDeniedException, 400, ACCESS_DENIED",
    "AccessDenied, 403, ACCESS_DENIED",
    "ThrottlingException, 400, THROTTLED",
    "Throttling, 400, THROTTLED",
    "TooManyRequestsException, 400, THROTTLED",
    "DecryptionFailure, 400, DECRYPTION_FAILED",
    "InvalidKeyId, 400, DECRYPTION_FAILED",
    "KMSDisabledException, 400, DECRYPTION_FAILED",
    "InvalidParameterException, 400, INVALID_PARAMETERS",
    "InvalidRequestException, 400, INVALID_PARAMETERS",
    "ValidationException, 400, INVALID_PARAMETERS",
    "InternalServiceError, 500, BACKEND_UNAVAILABLE",
    "InternalServerError, 500, BACKEND_UNAVAILABLE",
    "ServiceUnavailable, 503, BACKEND_UNAVAILABLE",
    "UnrecognizedClientException, 400, CREDENTIALS",
    "ExpiredTokenException, 400, CREDENTIALS",
    "InvalidIdentityToken, 400, CREDENTIALS",
    "InvalidSignatureException, 400, CREDENTIALS",
    // Unknown codes fall back to the HTTP status.
    "SomethingNew, 403, ACCESS_DENIED",
    "SomethingNew, 404, NOT_FOUND",
    "SomethingNew, 429, THROTTLED",
    "SomethingNew, 408, BACKEND_UNAVAILABLE",
    "SomethingNew, 502, BACKEND_UNAVAILABLE",
    "SomethingNew, 400, INVALID_PARAMETERS",
  })
  void classifiesServiceErrors(String code, int status, ErrorCode expected) {
    assertThat(AwsErrors.classify(serviceError(code, status, "m"))).isEqualTo(expected);
  }

  @Test
  void classifiesClientSideFailures() {
    assertThat(
            AwsErrors.classify(
                SdkClientException.create(
                    "Unable to execute HTTP request", new ConnectException("refused"))))
        .isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(
            AwsErrors.classify(
                SdkClientException.create("read", new SocketTimeoutException("Read timed out"))))
        .isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(AwsErrors.classify(ApiCallTimeoutException.create(1000)))
        .isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(AwsErrors.classify(ApiCallAttemptTimeoutException.create(1000)))
        .isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(AwsErrors.classify(new IOException("broken pipe")))
        .isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(AwsErrors.classify(SdkClientException.create("Unable to unmarshall response")))
        .isEqualTo(ErrorCode.INTERNAL);
    assertThat(AwsErrors.classify(new IllegalStateException("bug"))).isEqualTo(ErrorCode.INTERNAL);
    assertThat(AwsErrors.classify(new AscpException(ErrorCode.CREDENTIALS, "no token")))
        .isEqualTo(ErrorCode.CREDENTIALS);
  }

  @Test
  void describesServiceErrorsWithCodeMessageStatusAndRequestId() {
    assertThat(
            AwsErrors.describe(
                serviceError(
                    "ResourceNotFoundException",
                    400,
                    "Secrets Manager can't find the specified secret."),
                Redactor.NONE))
        .isEqualTo(
            "ResourceNotFoundException: Secrets Manager can't find the specified secret."
                + " (Service: SecretsManager, Status Code: 400, Request ID: req-123)");
  }

  @Test
  void describesClientErrorsByTheirCauseChainOnOneLine() {
    String d =
        AwsErrors.describe(
            SdkClientException.create(
                "Unable to execute HTTP request: refused", new ConnectException("refused\nline")),
            Redactor.NONE);
    assertThat(d).isEqualTo("Unable to execute HTTP request: refused: refused line");
  }

  @Test
  void redactsTheCallersTokensFromDescriptions() {
    String token = "eyJ-MARKER-TOKEN-0123456789";
    CallerIdentity identity =
        CallerIdentity.builder()
            .token(CallerIdentity.STS_AUDIENCE, ServiceAccountToken.of(token))
            .build();
    String d =
        AwsErrors.describe(
            serviceError("InvalidIdentityToken", 400, "bad token " + token), Redactor.of(identity));
    assertThat(d).doesNotContain(token).contains("bad token <redacted>");
  }
}
