// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static io.ascp.csi.cli.SecretObjectsCheck.Severity.ERROR;
import static io.ascp.csi.cli.SecretObjectsCheck.Severity.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.core.SecretProviderClassManifest.KubernetesSecret;
import io.ascp.csi.cli.SecretObjectsCheck.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretObjectsCheckTest {
  private static final Optional<Set<String>> FILES =
      Optional.of(Set.of("cert.pem", "user", "password", "key", "cfg", "dir/file"));

  private static KubernetesSecret secret(String name, String type, String... objectNameKey) {
    return secret(name, type, Map.of(), objectNameKey);
  }

  private static KubernetesSecret secret(
      String name, String type, Map<String, String> annotations, String... objectNameKey) {
    List<KubernetesSecret.Data> data = new ArrayList<>();
    for (int i = 0; i < objectNameKey.length; i += 2) {
      data.add(new KubernetesSecret.Data(objectNameKey[i], objectNameKey[i + 1]));
    }
    return new KubernetesSecret(name, type, Map.of(), annotations, data);
  }

  private static List<Finding> check(KubernetesSecret... secrets) {
    return SecretObjectsCheck.check(List.of(secrets), FILES);
  }

  @Test
  void noSecretObjectsNoFindings() {
    assertThat(SecretObjectsCheck.check(List.of(), FILES)).isEmpty();
  }

  @Test
  void aValidSecretOfEveryDocumentedTypePasses() {
    assertThat(
            check(
                secret("a", "Opaque", "user", "u", "dir/file", "f"),
                secret("b", "kubernetes.io/tls", "cert.pem", "tls.crt", "cert.pem", "tls.key"),
                secret("c", "kubernetes.io/basic-auth", "password", "password"),
                secret("d", "kubernetes.io/ssh-auth", "key", "ssh-privatekey"),
                secret("e", "kubernetes.io/dockerconfigjson", "cfg", ".dockerconfigjson"),
                secret("f", "kubernetes.io/dockercfg", "cfg", ".dockercfg"),
                secret(
                    "bootstrap-token-abcdef",
                    "bootstrap.kubernetes.io/token",
                    "user",
                    "token-id",
                    "password",
                    "token-secret"),
                secret(
                    "g",
                    "kubernetes.io/service-account-token",
                    Map.of("kubernetes.io/service-account.name", "sa"),
                    "key",
                    "token")))
        .isEmpty();
    assertThat(SecretObjectsCheck.DOCUMENTED_TYPES).hasSize(8);
  }

  @Test
  void theDriversOwnRules() {
    assertThat(check(secret("", "Opaque"), secret("s", "", "user", "u")))
        .containsExactly(
            new Finding(ERROR, "secretObjects[0]: secret name is empty"),
            new Finding(ERROR, "secretObjects[0]: data is empty"),
            new Finding(ERROR, "secretObjects[1] \"s\": secret type is empty"));
  }

  @Test
  void namesTypesAndKeysAreTrimmedAsTheDriverTrimsThem() {
    assertThat(
            check(
                secret(
                    " s ", " kubernetes.io/tls ", " cert.pem ", " tls.crt ", "cert.pem", "tls.key"),
                secret("blank-type", "  ", "user", "u")))
        .isEmpty();
    assertThat(check(secret("  ", "Opaque", "user", "u")))
        .containsExactly(new Finding(ERROR, "secretObjects[0]: secret name is empty"));
  }

  @Test
  void everyObjectNameMustBeAProducedFile() {
    assertThat(check(secret("s", "Opaque", "user", "u", "db/user", "v", " ", "w", "user", " ")))
        .containsExactly(
            new Finding(
                ERROR,
                "secretObjects[0] \"s\" data[1]: file matching objectName \"db/user\" not found in"
                    + " the pod: the class produces no such file"),
            new Finding(ERROR, "secretObjects[0] \"s\" data[2]: objectName is empty"),
            new Finding(ERROR, "secretObjects[0] \"s\" data[3]: key is empty"));
    assertThat(
            SecretObjectsCheck.check(
                List.of(secret("s", "Opaque", "db/user", "v")), Optional.empty()))
        .as("unknown files: nothing to compare with")
        .isEmpty();
  }

  @Test
  void anUndocumentedTypeIsAWarning() {
    assertThat(check(secret("s", "example.com/thing", "user", "u")))
        .containsExactly(
            new Finding(
                WARNING,
                "secretObjects[0] \"s\": type \"example.com/thing\" is not one of the documented"
                    + " Secret types (Opaque, kubernetes.io/service-account-token,"
                    + " kubernetes.io/dockercfg, kubernetes.io/dockerconfigjson,"
                    + " kubernetes.io/basic-auth, kubernetes.io/ssh-auth, kubernetes.io/tls,"
                    + " bootstrap.kubernetes.io/token)"));
  }

  @Test
  void requiredKeysPerType() {
    assertThat(
            check(
                secret("t", "kubernetes.io/tls", "cert.pem", "tls.crt"),
                secret("b", "kubernetes.io/basic-auth", "user", "user"),
                secret("s", "kubernetes.io/ssh-auth", "key", "id_rsa"),
                secret("j", "kubernetes.io/dockerconfigjson", "cfg", "config.json"),
                secret("c", "kubernetes.io/dockercfg", "cfg", "config"),
                secret("a", "kubernetes.io/service-account-token", "key", "token"),
                secret("bootstrap-token-x", "bootstrap.kubernetes.io/token", "user", "token-id")))
        .containsExactly(
            new Finding(
                ERROR,
                "secretObjects[0] \"t\": a kubernetes.io/tls Secret needs the keys tls.crt and"
                    + " tls.key; missing: tls.key"),
            new Finding(
                ERROR,
                "secretObjects[1] \"b\": a kubernetes.io/basic-auth Secret needs the key username"
                    + " or password"),
            new Finding(
                ERROR,
                "secretObjects[2] \"s\": a kubernetes.io/ssh-auth Secret needs the key"
                    + " ssh-privatekey"),
            new Finding(
                ERROR,
                "secretObjects[3] \"j\": a kubernetes.io/dockerconfigjson Secret needs the key"
                    + " .dockerconfigjson"),
            new Finding(
                ERROR,
                "secretObjects[4] \"c\": a kubernetes.io/dockercfg Secret needs the key .dockercfg"),
            new Finding(
                ERROR,
                "secretObjects[5] \"a\": a kubernetes.io/service-account-token Secret needs the"
                    + " annotation kubernetes.io/service-account.name"),
            new Finding(
                WARNING,
                "secretObjects[6] \"bootstrap-token-x\": a bootstrap.kubernetes.io/token Secret"
                    + " needs the keys token-id and token-secret; missing: token-secret"));
  }

  @Test
  void basicAuthNeedsOnlyOneOfItsKeys() {
    assertThat(check(secret("b", "kubernetes.io/basic-auth", "user", "username"))).isEmpty();
    assertThat(check(secret("b", "kubernetes.io/basic-auth", "password", "password"))).isEmpty();
  }

  @Test
  void tlsTakesNoOtherKey() {
    assertThat(
            check(
                secret(
                    "t",
                    "kubernetes.io/tls",
                    "cert.pem",
                    "tls.crt",
                    "cert.pem",
                    "tls.key",
                    "cert.pem",
                    "ca.crt")))
        .containsExactly(
            new Finding(
                ERROR,
                "secretObjects[0] \"t\" data[2]: key 'ca.crt' is not supported. Only 'tls.key' and"
                    + " 'tls.crt' are supported"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Upper", "under_score", "-lead", "trail-", "a..b", "a b"})
  void secretNamesFollowKubernetes(String name) {
    assertThat(check(secret(name, "Opaque", "user", "u")))
        .containsExactly(
            new Finding(
                ERROR,
                "secretObjects[0] "
                    + SecretObjectsCheck.quote(name)
                    + ": secret name is not a valid Kubernetes name (lower-case letters, digits,"
                    + " '-' and '.', at most 253 characters)"));
  }

  @Test
  void aLongNameIsRefusedAndADottedOneIsFine() {
    assertThat(check(secret("a".repeat(253), "Opaque", "user", "u"))).isEmpty();
    assertThat(check(secret("a".repeat(254), "Opaque", "user", "u"))).hasSize(1);
    assertThat(check(secret("web.example-1.com", "Opaque", "user", "u"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "a key", "a/b", "ä"})
  void keysFollowKubernetes(String key) {
    assertThat(check(secret("s", "Opaque", "user", key)))
        .containsExactly(
            new Finding(
                ERROR,
                "secretObjects[0] \"s\" data[0]: key "
                    + SecretObjectsCheck.quote(key)
                    + " is not a valid Secret key (letters, digits, '-', '_' and '.')"));
  }

  @Test
  void aRepeatedKeyIsAWarningOnce() {
    assertThat(check(secret("s", "Opaque", "user", "k", "password", "k", "key", "k")))
        .containsExactly(
            new Finding(
                WARNING,
                "secretObjects[0] \"s\" data[1]: key \"k\" is given twice; the last entry wins"));
  }

  @Test
  void quotedNamesStayOnOneLine() {
    assertThat(SecretObjectsCheck.quote("a\n\"b\"\\\u2028"))
        .isEqualTo("\"a\\u000a\\\"b\\\"\\\\\\u2028\"");
  }
}
