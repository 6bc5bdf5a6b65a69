// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.ServiceAccountToken;
import io.ascp.core.ParameterParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The check that a service-account token's claims name the request's pod. */
class TokenClaimsTest {
  private static final String MARKER = "TOKENMARKERz9x";

  /** A JWT-shaped token with these claims (a JSON object text) and the marker as signature. */
  static String jwt(String claimsJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8))
        + "."
        + MARKER;
  }

  /** The claims of a bound token kubelet requests for pod shop/web-0 (uid-1), account web. */
  static String kubeletClaims(String namespace, String account, String pod, String uid) {
    return "{\"aud\":[\"sts.amazonaws.com\"],\"exp\":1900000000,"
        + "\"kubernetes.io\":{\"namespace\":\""
        + namespace
        + "\",\"pod\":{\"name\":\""
        + pod
        + "\",\"uid\":\""
        + uid
        + "\"},\"serviceaccount\":{\"name\":\""
        + account
        + "\",\"uid\":\"sa-uid\"}},"
        + "\"sub\":\"system:serviceaccount:"
        + namespace
        + ":"
        + account
        + "\"}";
  }

  private static void check(String token) {
    ParameterParser.checkServiceAccountTokenClaims(
        Map.of("sts.amazonaws.com", new ServiceAccountToken(token, Optional.empty())),
        "shop",
        "web",
        "web-0",
        "uid-1");
  }

  private static void assertMismatch(String token, String detail) {
    assertThatThrownBy(() -> check(token))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS))
        .hasMessage(
            "Service account token mismatch: the service-account token for audience"
                + " \"sts.amazonaws.com\" was not issued for this pod: its claim "
                + detail)
        .message()
        .doesNotContain(MARKER)
        .doesNotContain(token);
  }

  @Test
  void aSubjectWithAnEmptyNamespaceOrAccountIsAMismatch() {
    assertMismatch(
        jwt("{\"sub\":\"system:serviceaccount::web\"}"),
        "sub (its namespace) does not match the attribute csi.storage.k8s.io/pod.namespace");
    assertMismatch(
        jwt("{\"sub\":\"system:serviceaccount:shop:\"}"),
        "sub (its service account) does not match the attribute"
            + " csi.storage.k8s.io/serviceAccount.name");
  }

  @Test
  void theTokenOfThePodPasses() {
    assertThatCode(() -> check(jwt(kubeletClaims("shop", "web", "web-0", "uid-1"))))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource({
    "other, web, web-0, uid-1, sub (its namespace) does not match the attribute"
        + " csi.storage.k8s.io/pod.namespace",
    "shop, other, web-0, uid-1, sub (its service account) does not match the attribute"
        + " csi.storage.k8s.io/serviceAccount.name",
    "shop, web, web-1, uid-1, kubernetes.io.pod.name does not match the attribute"
        + " csi.storage.k8s.io/pod.name",
    "shop, web, web-0, uid-2, kubernetes.io.pod.uid does not match the attribute"
        + " csi.storage.k8s.io/pod.uid",
  })
  void eachClaimIsCompared(String namespace, String account, String pod, String uid, String d) {
    assertMismatch(jwt(kubeletClaims(namespace, account, pod, uid)), d);
  }

  @Test
  void theKubernetesClaimsAreComparedWithoutASubject() {
    assertMismatch(
        jwt("{\"kubernetes.io\":{\"namespace\":\"other\"}}"),
        "kubernetes.io.namespace does not match the attribute csi.storage.k8s.io/pod.namespace");
    assertMismatch(
        jwt("{\"kubernetes.io\":{\"serviceaccount\":{\"name\":\"other\"}}}"),
        "kubernetes.io.serviceaccount.name does not match the attribute"
            + " csi.storage.k8s.io/serviceAccount.name");
  }

  @Test
  void theSubjectAloneIsEnough() {
    // The testkit's FakeTokens carry sub only.
    assertThatCode(() -> check(jwt("{\"sub\":\"system:serviceaccount:shop:web\"}")))
        .doesNotThrowAnyException();
    assertMismatch(
        jwt("{\"sub\":\"system:serviceaccount:shop:admin\"}"),
        "sub (its service account) does not match the attribute"
            + " csi.storage.k8s.io/serviceAccount.name");
  }

  @Test
  void emptyAttributesAreNotCompared() {
    assertThatCode(
            () ->
                ParameterParser.checkServiceAccountTokenClaims(
                    Map.of(
                        "sts.amazonaws.com",
                        new ServiceAccountToken(
                            jwt(kubeletClaims("shop", "web", "web-0", "uid-1")), Optional.empty())),
                    "",
                    "",
                    "",
                    ""))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"sub\":\"user:alice\"}",
        "{\"sub\":\"system:serviceaccount:no-colon\"}",
        "{\"sub\":42,\"kubernetes.io\":{\"namespace\":7,\"pod\":\"x\"}}",
        "{}",
        "[1,2]",
        "\"text\"",
        "not json",
        "{\"kubernetes.io\":"
      })
  void claimsThatCannotBeComparedAreSkipped(String payload) {
    assertThatCode(() -> check(jwt(payload))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "opaque-test-token",
        "",
        "a.b",
        "a.b.c.d",
        ".e30.",
        "e30.!!!.sig",
        "e30.e30",
        "x.e30.y.z.w"
      })
  void tokensThatAreNotJwtsAreNotChecked(String token) {
    assertThatCode(() -> check(token)).doesNotThrowAnyException();
  }

  @Test
  void paddedPayloadsAreDecodedToo() {
    String claims = "{\"sub\":\"system:serviceaccount:shop:admin\" }"; // 43 bytes: "==" padding
    String padded =
        "e30." + Base64.getUrlEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    assertThat(padded).endsWith("=");
    assertMismatch(
        padded + "." + MARKER,
        "sub (its service account) does not match the attribute"
            + " csi.storage.k8s.io/serviceAccount.name");
  }

  @Test
  void anUnknownAudienceIsNotNamed() {
    String other = "AUDIENCE-" + MARKER;
    assertThatThrownBy(
            () ->
                ParameterParser.checkServiceAccountTokenClaims(
                    Map.of(
                        other,
                        new ServiceAccountToken(
                            jwt(kubeletClaims("shop", "web", "web-0", "uid-2")), Optional.empty())),
                    "shop",
                    "web",
                    "web-0",
                    "uid-1"))
        .hasMessageStartingWith(
            "Service account token mismatch: a service-account token was not issued for this pod")
        .message()
        .doesNotContain(MARKER);
  }

  @Test
  void everyTokenIsCheckedInAudienceOrder() {
    String good = jwt(kubeletClaims("shop", "web", "web-0", "uid-1"));
    String bad = jwt(kubeletClaims("shop", "web", "web-0", "uid-2"));
    assertThatThrownBy(
            () ->
                ParameterParser.checkServiceAccountTokenClaims(
                    Map.of(
                        "sts.amazonaws.com", new ServiceAccountToken(good, Optional.empty()),
                        "pods.eks.amazonaws.com", new ServiceAccountToken(bad, Optional.empty())),
                    "shop",
                    "web",
                    "web-0",
                    "uid-1"))
        .hasMessageContaining("for audience \"pods.eks.amazonaws.com\"");
  }

  @Test
  void mismatchNamesTheFirstDifferingClaimWithoutValues() {
    Optional<String> m =
        TokenClaims.mismatch(
            jwt(kubeletClaims("SECRETNS", "web", "web-0", "uid-1")), "shop", "web", "web-0", "");
    assertThat(m).hasValueSatisfying(s -> assertThat(s).doesNotContain("SECRETNS", "shop"));
  }
}
