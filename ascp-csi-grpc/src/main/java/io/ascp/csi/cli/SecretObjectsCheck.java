// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static java.util.Objects.requireNonNull;

import io.ascp.core.SecretProviderClassManifest.KubernetesSecret;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The offline check of a class's {@code secretObjects} (the Kubernetes Secrets the CSI driver syncs
 * from the mounted files) against the files the class produces: the driver's own rules, and the
 * keys Kubernetes requires of each built-in Secret type, which would otherwise surface only as an
 * event on the pod once the Secret cannot be created.
 *
 * <p>Errors: an empty {@code secretName}, {@code type} or {@code data} (the driver's {@code secret
 * name is empty}, {@code secret type is empty}, {@code data is empty}); a name Kubernetes would
 * reject; an empty {@code objectName} or {@code key}; a key Kubernetes would reject; an {@code
 * objectName} that is not a file the class produces (the driver's {@code file matching objectName
 * <name> not found in the pod}); a missing required key: {@code kubernetes.io/tls} needs {@code
 * tls.crt} and {@code tls.key} (and the driver accepts no other key), {@code
 * kubernetes.io/basic-auth} {@code username} or {@code password}, {@code kubernetes.io/ssh-auth}
 * {@code ssh-privatekey}, {@code kubernetes.io/dockerconfigjson} {@code .dockerconfigjson}, {@code
 * kubernetes.io/dockercfg} {@code .dockercfg}, and {@code kubernetes.io/service-account-token} the
 * annotation {@code kubernetes.io/service-account.name}.
 *
 * <p>Warnings: a type outside the eight documented ones (Kubernetes accepts any type name); {@code
 * bootstrap.kubernetes.io/token} without {@code token-id} and {@code token-secret} (the API server
 * accepts it, the bootstrap authenticator ignores it); a key given twice (the last entry wins).
 *
 * <p>Names, types and keys are trimmed first, as the driver trims them; a type of blanks is {@code
 * Opaque}, as in the driver. Messages name entries by index and name and quote only names, types
 * and keys, never contents.
 */
final class SecretObjectsCheck {
  /** The Secret types Kubernetes documents, in its documentation's order. */
  static final List<String> DOCUMENTED_TYPES =
      List.of(
          "Opaque",
          "kubernetes.io/service-account-token",
          "kubernetes.io/dockercfg",
          "kubernetes.io/dockerconfigjson",
          "kubernetes.io/basic-auth",
          "kubernetes.io/ssh-auth",
          "kubernetes.io/tls",
          "bootstrap.kubernetes.io/token");

  /* Kubernetes' IsDNS1123Subdomain, the rule for Secret names. */
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final int MAX_NAME_LENGTH = 253;

  /* Kubernetes' IsConfigMapKey, the rule for the keys of a Secret's data. */
  private static final Pattern DATA_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private SecretObjectsCheck() {}

  /** How bad a finding is: an error fails {@code validate}, a warning does not. */
  enum Severity {
    ERROR,
    WARNING
  }

  /**
   * One problem found.
   *
   * @param severity error or warning
   * @param message what is wrong, starting with the entry ({@code secretObjects[0] "db"})
   */
  record Finding(Severity severity, String message) {
    Finding {
      requireNonNull(severity, "severity");
      requireNonNull(message, "message");
    }
  }

  /**
   * Checks every entry, in order.
   *
   * @param secrets the class's {@code secretObjects}
   * @param producedPaths the paths of the files the class produces; empty when they are unknown
   *     (the parameters are invalid), which skips the {@code objectName} check
   */
  static List<Finding> check(List<KubernetesSecret> secrets, Optional<Set<String>> producedPaths) {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      checkOne(i, secrets.get(i), producedPaths, findings);
    }
    return findings;
  }

  private static void checkOne(
      int index,
      KubernetesSecret secret,
      Optional<Set<String>> producedPaths,
      List<Finding> findings) {
    String name = secret.secretName().strip();
    String at = "secretObjects[" + index + "]" + (name.isEmpty() ? "" : " " + quote(name));
    if (name.isEmpty()) {
      error(findings, at, "secret name is empty");
    } else if (name.length() > MAX_NAME_LENGTH || !DNS_SUBDOMAIN.matcher(name).matches()) {
      error(
          findings,
          at,
          "secret name is not a valid Kubernetes name (lower-case letters, digits, '-' and '.',"
              + " at most 253 characters)");
    }
    if (secret.type().isEmpty()) {
      error(findings, at, "secret type is empty");
    }
    String type = secret.type().strip().isEmpty() ? "Opaque" : secret.type().strip();
    if (!secret.type().isEmpty() && !DOCUMENTED_TYPES.contains(type)) {
      warning(
          findings,
          at,
          "type "
              + quote(type)
              + " is not one of the documented Secret types ("
              + String.join(", ", DOCUMENTED_TYPES)
              + ")");
    }
    if (secret.data().isEmpty()) {
      error(findings, at, "data is empty");
      return;
    }
    Set<String> keys = new LinkedHashSet<>();
    Set<String> repeated = new HashSet<>();
    for (int j = 0; j < secret.data().size(); j++) {
      KubernetesSecret.Data data = secret.data().get(j);
      String dataAt = at + " data[" + j + "]";
      String objectName = data.objectName().strip();
      String key = data.key().strip();
      if (objectName.isEmpty()) {
        error(findings, dataAt, "objectName is empty");
      } else if (producedPaths.isPresent() && !producedPaths.get().contains(objectName)) {
        error(
            findings,
            dataAt,
            "file matching objectName "
                + quote(objectName)
                + " not found in the pod: the class produces no such file");
      }
      if (key.isEmpty()) {
        error(findings, dataAt, "key is empty");
        continue;
      }
      if (!DATA_KEY.matcher(key).matches() || key.equals(".") || key.equals("..")) {
        error(
            findings,
            dataAt,
            "key " + quote(key) + " is not a valid Secret key (letters, digits, '-', '_' and '.')");
      } else if (type.equals("kubernetes.io/tls")
          && !key.equals("tls.crt")
          && !key.equals("tls.key")) {
        error(
            findings,
            dataAt,
            "key '" + key + "' is not supported. Only 'tls.key' and 'tls.crt' are supported");
      }
      if (!keys.add(key) && repeated.add(key)) {
        warning(findings, dataAt, "key " + quote(key) + " is given twice; the last entry wins");
      }
    }
    requiredKeys(type, keys, secret.annotations(), at, findings);
  }

  private static void requiredKeys(
      String type,
      Set<String> keys,
      Map<String, String> annotations,
      String at,
      List<Finding> findings) {
    switch (type) {
      case "kubernetes.io/tls" -> requireAll(findings, at, type, keys, "tls.crt", "tls.key");
      case "kubernetes.io/basic-auth" -> {
        if (!keys.contains("username") && !keys.contains("password")) {
          error(findings, at, "a " + type + " Secret needs the key username or password");
        }
      }
      case "kubernetes.io/ssh-auth" -> requireAll(findings, at, type, keys, "ssh-privatekey");
      case "kubernetes.io/dockerconfigjson" ->
          requireAll(findings, at, type, keys, ".dockerconfigjson");
      case "kubernetes.io/dockercfg" -> requireAll(findings, at, type, keys, ".dockercfg");
      case "kubernetes.io/service-account-token" -> {
        if (annotations.getOrDefault("kubernetes.io/service-account.name", "").isEmpty()) {
          error(
              findings,
              at,
              "a " + type + " Secret needs the annotation kubernetes.io/service-account.name");
        }
      }
      case "bootstrap.kubernetes.io/token" -> {
        List<String> missing = missing(keys, "token-id", "token-secret");
        if (!missing.isEmpty()) {
          warning(
              findings,
              at,
              "a "
                  + type
                  + " Secret needs the keys token-id and token-secret; missing: "
                  + String.join(", ", missing));
        }
      }
      default -> {
        // Opaque and custom types require no key.
      }
    }
  }

  private static void requireAll(
      List<Finding> findings, String at, String type, Set<String> keys, String... required) {
    List<String> missing = missing(keys, required);
    if (missing.isEmpty()) {
      return;
    }
    if (required.length == 1) {
      error(findings, at, "a " + type + " Secret needs the key " + required[0]);
    } else {
      error(
          findings,
          at,
          "a "
              + type
              + " Secret needs the keys "
              + String.join(" and ", required)
              + "; missing: "
              + String.join(", ", missing));
    }
  }

  private static List<String> missing(Set<String> keys, String... required) {
    List<String> missing = new ArrayList<>();
    for (String key : required) {
      if (!keys.contains(key)) {
        missing.add(key);
      }
    }
    return missing;
  }

  private static void error(List<Finding> findings, String at, String message) {
    findings.add(new Finding(Severity.ERROR, at + ": " + message));
  }

  private static void warning(List<Finding> findings, String at, String message) {
    findings.add(new Finding(Severity.WARNING, at + ": " + message));
  }

  /** {@code s} in double quotes, with control characters escaped so a message stays one line. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20
          || c == 0x7f
          || (c >= 0x80 && c < 0xa0)
          || c == '\u2028'
          || c == '\u2029') {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
