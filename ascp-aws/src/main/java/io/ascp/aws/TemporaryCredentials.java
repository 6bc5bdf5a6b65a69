// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Temporary AWS credentials obtained for one caller (from STS or the Pod Identity agent). {@link
 * #toString()} shows only the access key id and the expiry.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token
 * @param expiration when the credentials expire, if the issuer said
 */
record TemporaryCredentials(
    String accessKeyId, String secretAccessKey, String sessionToken, Optional<Instant> expiration) {
  TemporaryCredentials {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(secretAccessKey, "secretAccessKey");
    requireNonNull(sessionToken, "sessionToken");
    requireNonNull(expiration, "expiration");
  }

  /** A provider of these credentials for one request. */
  StaticCredentialsProvider provider() {
    AwsSessionCredentials.Builder b =
        AwsSessionCredentials.builder()
            .accessKeyId(accessKeyId)
            .secretAccessKey(secretAccessKey)
            .sessionToken(sessionToken);
    expiration.ifPresent(b::expirationTime);
    return StaticCredentialsProvider.create(b.build());
  }

  @Override
  public String toString() {
    return "TemporaryCredentials{accessKeyId="
        + accessKeyId
        + ", expiration="
        + expiration.map(Instant::toString).orElse("none")
        + "}";
  }
}
