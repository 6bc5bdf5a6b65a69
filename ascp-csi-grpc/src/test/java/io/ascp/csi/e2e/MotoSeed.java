// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/**
 * Seeds moto_server with plain AWS JSON 1.1 calls (moto reads the region from the credential scope
 * of the {@code Authorization} header and does not check signatures), so that the daemon's tests
 * need no AWS SDK of their own.
 */
final class MotoSeed {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final String region;

  MotoSeed(URI endpoint, String region) {
    this.endpoint = endpoint;
    this.region = region;
  }

  /** Creates a string secret; returns its version id. */
  String createSecret(String name, String value) {
    return versionId(
        call(
            "secretsmanager",
            "secretsmanager.CreateSecret",
            "{\"Name\":" + json(name) + ",\"SecretString\":" + json(value) + "}"));
  }

  /** Creates a binary secret; returns its version id. */
  String createBinarySecret(String name, byte[] value) {
    String b64 = Base64.getEncoder().encodeToString(value);
    return versionId(
        call(
            "secretsmanager",
            "secretsmanager.CreateSecret",
            "{\"Name\":" + json(name) + ",\"SecretBinary\":" + json(b64) + "}"));
  }

  /** Puts a new current value of a secret; returns its version id. */
  String putSecretValue(String name, String value) {
    return versionId(
        call(
            "secretsmanager",
            "secretsmanager.PutSecretValue",
            "{\"SecretId\":" + json(name) + ",\"SecretString\":" + json(value) + "}"));
  }

  /** Puts a String parameter (overwriting it). */
  void putParameter(String name, String value) {
    call(
        "ssm",
        "AmazonSSM.PutParameter",
        "{\"Name\":"
            + json(name)
            + ",\"Value\":"
            + json(value)
            + ",\"Type\":\"String\",\"Overwrite\":true}");
  }

  private String call(String service, String target, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", target)
            .header("X-Amz-Date", "20260101T000000Z")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20260101/"
                    + region
                    + "/"
                    + service
                    + "/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target,"
                    + " Signature=0000")
            .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            target + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(target + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(target + " interrupted", e);
    }
  }

  private static String versionId(String response) {
    int at = response.indexOf("\"VersionId\"");
    if (at < 0) {
      throw new IllegalStateException("no VersionId in the response");
    }
    int start = response.indexOf('"', response.indexOf(':', at) + 1) + 1;
    return response.substring(start, response.indexOf('"', start));
  }

  private static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
