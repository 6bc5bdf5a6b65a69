// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the daemon checks the tokens' claims against the pod (docs/security.md): after every check
 * the reference makes, before the objects and any fetch, in both authentication modes.
 */
class TokenClaimsCheckTest {
  private final Doubles.FakeParser parser = new Doubles.FakeParser();
  private final Doubles.FakeMounter mounter = new Doubles.FakeMounter();
  private final Doubles.FakeKube kube = new Doubles.FakeKube();
  private final Map<String, String> attributes = new TreeMap<>(Doubles.podAttributes());
  @TempDir Path target;

  TokenClaimsCheckTest() {
    kube.roles.put("shop/web", "arn:aws:iam::123456789012:role/web");
    kube.regions.put("shop/web-0", "us-east-1");
  }

  private void tokensOfPod(String uid) {
    String token = HostileInputTest.jwt(HostileInputTest.claims("shop", "web", "web-0", uid));
    attributes.put(
        "csi.storage.k8s.io/serviceAccount.tokens", HostileInputTest.tokensJson(token, token));
  }

  private void mount() {
    StringBuilder json = new StringBuilder("{");
    attributes.forEach(
        (k, v) ->
            json.append(json.length() > 1 ? "," : "")
                .append(HostileInputTest.jsonString(k))
                .append(':')
                .append(HostileInputTest.jsonString(v)));
    new MountHandler(
            false, new Wiring(parser, mounter, new Doubles.FakeWriter()), kube, Optional.empty())
        .mount(
            io.ascp.csi.v1alpha1.MountRequest.newBuilder()
                .setAttributes(json.append('}').toString())
                .setTargetPath(target.toString())
                .setPermission("420")
                .build(),
            MountHandler.Checkpoint.NONE);
  }

  @Test
  void theTokensOfThePodMount() {
    tokensOfPod("uid-1");
    mount();
    assertThat(mounter.requests).hasSize(1);
  }

  @Test
  void irsaRefusesATokenOfAnotherPodBeforeTheObjects() {
    tokensOfPod("uid-2");
    assertThatThrownBy(this::mount)
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS))
        .hasMessage(
            "Service account token mismatch: the service-account token for audience"
                + " \"pods.eks.amazonaws.com\" was not issued for this pod: its claim"
                + " kubernetes.io.pod.uid does not match the attribute csi.storage.k8s.io/pod.uid")
        .message()
        .doesNotContain(HostileInputTest.TOKEN_MARKER);
    assertThat(parser.calls).doesNotContain("parse");
    assertThat(mounter.requests).isEmpty();
  }

  @Test
  void podIdentityRefusesATokenOfAnotherPod() {
    tokensOfPod("uid-2");
    attributes.put("usePodIdentity", "true");
    assertThatThrownBy(this::mount).hasMessageStartingWith("Service account token mismatch: ");
    assertThat(kube.lookups).noneMatch(l -> l.startsWith("sa "));
    assertThat(mounter.requests).isEmpty();
  }

  @Test
  void theReferencesCredentialErrorsStillComeFirst() {
    tokensOfPod("uid-2");
    kube.roles.put("shop/web", "");
    assertThatThrownBy(this::mount)
        .hasMessage("An IAM role must be associated with service account web (namespace: shop)");
  }

  @Test
  void opaqueTokensAreNotChecked() {
    // Doubles.podAttributes() carries opaque test tokens, as many test setups do.
    attributes.putAll(Doubles.podAttributes());
    mount();
    assertThat(mounter.requests).hasSize(1);
  }
}
