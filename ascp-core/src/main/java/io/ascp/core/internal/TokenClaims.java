// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ServiceAccountToken;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The defense-in-depth check that each service-account token was issued for the pod the request
 * names: the token's claims are decoded (never verified: STS and the Pod Identity agent verify the
 * signature) and compared with the pod attributes.
 *
 * <p>Compared, each only when the claim is a string and the attribute is not empty: {@code sub}
 * ({@code system:serviceaccount:<namespace>:<name>}) with the namespace and the service account,
 * {@code kubernetes.io.namespace}, {@code kubernetes.io.serviceaccount.name}, {@code
 * kubernetes.io.pod.name} and {@code kubernetes.io.pod.uid} with the namespace, the service
 * account, the pod name and the pod uid. A token that is not a JWS in compact form with a JSON
 * object as payload is not checked: no token that STS or the agent accepts has another form, so
 * skipping it cannot let a real token through.
 *
 * <p>A mismatch is a {@link ErrorCode#CREDENTIALS} error naming the audience (only the two known
 * ones; another is "a token"), the claim and the attribute, never a token, a claim's value or an
 * attribute's value.
 */
public final class TokenClaims {
  private static final String SUBJECT_PREFIX = "system:serviceaccount:";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private TokenClaims() {}

  /**
   * Checks every token against the pod attributes.
   *
   * @param tokens the tokens by audience
   * @param namespace {@code csi.storage.k8s.io/pod.namespace}, or empty
   * @param serviceAccount {@code csi.storage.k8s.io/serviceAccount.name}, or empty
   * @param podName {@code csi.storage.k8s.io/pod.name}, or empty
   * @param podUid {@code csi.storage.k8s.io/pod.uid}, or empty
   * @throws AscpException {@link ErrorCode#CREDENTIALS} at the first token whose claims name
   *     another pod (audiences in sorted order)
   */
  public static void check(
      Map<String, ServiceAccountToken> tokens,
      String namespace,
      String serviceAccount,
      String podName,
      String podUid) {
    for (Map.Entry<String, ServiceAccountToken> entry : new TreeMap<>(tokens).entrySet()) {
      Optional<String> mismatch =
          mismatch(entry.getValue().token(), namespace, serviceAccount, podName, podUid);
      if (mismatch.isPresent()) {
        String audience = entry.getKey();
        String which =
            audience.equals(CallerIdentity.STS_AUDIENCE)
                    || audience.equals(CallerIdentity.POD_IDENTITY_AUDIENCE)
                ? "the service-account token for audience \"" + audience + "\""
                : "a service-account token";
        throw new AscpException(
            ErrorCode.CREDENTIALS,
            "Service account token mismatch: "
                + which
                + " was not issued for this pod: "
                + mismatch.get());
      }
    }
  }

  /**
   * The first claim of {@code token} that names another pod, described without values; empty when
   * every compared claim matches or the token is not a decodable JWT.
   */
  static Optional<String> mismatch(
      String token, String namespace, String serviceAccount, String podName, String podUid) {
    Optional<JsonNode> decoded = payload(token);
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    JsonNode claims = decoded.get();
    JsonNode subject = claims.get("sub");
    if (subject != null && subject.isTextual() && subject.textValue().startsWith(SUBJECT_PREFIX)) {
      String rest = subject.textValue().substring(SUBJECT_PREFIX.length());
      int colon = rest.indexOf(':');
      if (colon >= 0) {
        if (differs(rest.substring(0, colon), namespace)) {
          return describe("sub (its namespace)", "csi.storage.k8s.io/pod.namespace");
        }
        if (differs(rest.substring(colon + 1), serviceAccount)) {
          return describe("sub (its service account)", "csi.storage.k8s.io/serviceAccount.name");
        }
      }
    }
    JsonNode kubernetes = claims.path("kubernetes.io");
    if (differs(kubernetes.path("namespace"), namespace)) {
      return describe("kubernetes.io.namespace", "csi.storage.k8s.io/pod.namespace");
    }
    if (differs(kubernetes.path("serviceaccount").path("name"), serviceAccount)) {
      return describe(
          "kubernetes.io.serviceaccount.name", "csi.storage.k8s.io/serviceAccount.name");
    }
    if (differs(kubernetes.path("pod").path("name"), podName)) {
      return describe("kubernetes.io.pod.name", "csi.storage.k8s.io/pod.name");
    }
    if (differs(kubernetes.path("pod").path("uid"), podUid)) {
      return describe("kubernetes.io.pod.uid", "csi.storage.k8s.io/pod.uid");
    }
    return Optional.empty();
  }

  private static Optional<String> describe(String claim, String attribute) {
    return Optional.of("its claim " + claim + " does not match the attribute " + attribute);
  }

  private static boolean differs(JsonNode claim, String attribute) {
    return claim.isTextual() && differs(claim.textValue(), attribute);
  }

  private static boolean differs(String claim, String attribute) {
    return !attribute.isEmpty() && !claim.equals(attribute);
  }

  /**
   * The payload of a JWS in compact form ({@code header.payload.signature}), if it is one; decoded,
   * never verified.
   */
  public static Optional<JsonNode> payload(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      return Optional.empty();
    }
    byte[] json;
    try {
      json = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    try {
      JsonNode node = MAPPER.readTree(json);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
