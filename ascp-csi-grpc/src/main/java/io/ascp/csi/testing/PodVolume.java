// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One CSI volume of a pod, as kubelet hands it to the driver: the pod's identity, the {@code
 * SecretProviderClass} it names (its {@code spec.parameters}), the volume's own attributes, the
 * service-account tokens kubelet requested, and the target directory. Immutable; build it with
 * {@link #builder()}.
 *
 * <pre>{@code
 * PodVolume volume =
 *     PodVolume.builder()
 *         .pod("shop", "web-0", "0b5c6a2e-uid")
 *         .serviceAccount("web")
 *         .secretProviderClass("db-secrets", Map.of("objects", objects, "region", "us-east-1"))
 *         .token("sts.amazonaws.com", jwt)
 *         .targetPath(dir)
 *         .build();
 * }</pre>
 *
 * <p>{@link #toString()} names the pod, the class and the target, never a token or a parameter
 * value.
 */
public final class PodVolume {
  /** The token expiry used when none is given: far in the future, so it never expires in a test. */
  public static final Instant DEFAULT_TOKEN_EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final String namespace;
  private final String podName;
  private final String podUid;
  private final String serviceAccount;
  private final String secretProviderClass;
  private final Map<String, String> parameters;
  private final Map<String, String> volumeAttributes;
  private final Map<String, Token> tokens;
  private final Optional<Map<String, String>> nodePublishSecret;
  private final Path targetPath;

  private record Token(String token, Instant expiry) {}

  private PodVolume(Builder b) {
    this.namespace = require(b.namespace, "pod namespace");
    this.podName = require(b.podName, "pod name");
    this.podUid = b.podUid;
    this.serviceAccount = b.serviceAccount;
    this.secretProviderClass = require(b.secretProviderClass, "secretProviderClass");
    this.parameters = copy(b.parameters);
    this.volumeAttributes = copy(b.volumeAttributes);
    this.tokens = java.util.Collections.unmodifiableMap(new TreeMap<>(b.tokens));
    this.nodePublishSecret = b.nodePublishSecret.map(PodVolume::copy);
    this.targetPath =
        b.targetPath.orElseThrow(() -> new IllegalStateException("targetPath is required"));
  }

  private static String require(String value, String what) {
    if (value.isEmpty()) {
      throw new IllegalStateException(what + " is required");
    }
    return value;
  }

  private static Map<String, String> copy(Map<String, String> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * A builder with no pod, class or target yet; the service account defaults to {@code default}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with this volume's values, to vary one of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.namespace = namespace;
    b.podName = podName;
    b.podUid = podUid;
    b.serviceAccount = serviceAccount;
    b.secretProviderClass = secretProviderClass;
    b.parameters.putAll(parameters);
    b.volumeAttributes.putAll(volumeAttributes);
    b.tokens.putAll(tokens);
    b.nodePublishSecret = nodePublishSecret.map(LinkedHashMap::new);
    b.targetPath = Optional.of(targetPath);
    return b;
  }

  /** The pod's namespace. */
  public String namespace() {
    return namespace;
  }

  /** The pod's name. */
  public String podName() {
    return podName;
  }

  /** The pod's uid. */
  public String podUid() {
    return podUid;
  }

  /** The pod's service account. */
  public String serviceAccount() {
    return serviceAccount;
  }

  /** The name of the {@code SecretProviderClass} the volume names. */
  public String secretProviderClass() {
    return secretProviderClass;
  }

  /** The class's {@code spec.parameters}. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** The volume's own attributes besides {@code secretProviderClass} (pod spec). */
  public Map<String, String> volumeAttributes() {
    return volumeAttributes;
  }

  /** The directory the volume is mounted on (kubelet's target path). */
  public Path targetPath() {
    return targetPath;
  }

  /**
   * The {@code attributes} the driver sends: the class's parameters, then every key of kubelet's
   * volume context over them ({@code secretProviderClass}, the volume's attributes, then the pod
   * information kubelet adds and the tokens), as Go's {@code json.Marshal} writes the map.
   */
  String attributesJson() {
    Map<String, String> attributes = new LinkedHashMap<>(parameters);
    attributes.putAll(volumeContext());
    return GoJson.object(attributes);
  }

  /** Kubelet's volume context for this volume (podInfoOnMount, tokenRequests). */
  Map<String, String> volumeContext() {
    Map<String, String> context = new LinkedHashMap<>();
    context.put("secretProviderClass", secretProviderClass);
    context.putAll(volumeAttributes);
    context.put("csi.storage.k8s.io/pod.name", podName);
    context.put("csi.storage.k8s.io/pod.namespace", namespace);
    context.put("csi.storage.k8s.io/pod.uid", podUid);
    context.put("csi.storage.k8s.io/serviceAccount.name", serviceAccount);
    context.put("csi.storage.k8s.io/ephemeral", "true");
    if (!tokens.isEmpty()) {
      context.put("csi.storage.k8s.io/serviceAccount.tokens", tokensJson());
    }
    return context;
  }

  /** Kubelet's {@code json.Marshal(map[string]TokenRequestStatus)}. */
  private String tokensJson() {
    StringBuilder out = new StringBuilder("{");
    tokens.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(GoJson.UTF8_ORDER))
        .forEach(
            entry -> {
              Token t = entry.getValue();
              if (out.length() > 1) {
                out.append(',');
              }
              GoJson.string(out, entry.getKey());
              out.append(":{\"token\":");
              GoJson.string(out, t.token());
              out.append(",\"expirationTimestamp\":");
              GoJson.string(out, RFC3339.format(t.expiry().truncatedTo(ChronoUnit.SECONDS)));
              out.append('}');
            });
    return out.append('}').toString();
  }

  /** The driver's {@code json.Marshal} of the {@code nodePublishSecretRef} data. */
  String secretsJson() {
    return nodePublishSecret.map(GoJson::object).orElse("null");
  }

  @Override
  public String toString() {
    return "PodVolume{pod="
        + namespace
        + "/"
        + podName
        + ", serviceAccount="
        + serviceAccount
        + ", secretProviderClass="
        + secretProviderClass
        + ", parameters="
        + parameters.keySet()
        + ", tokens="
        + tokens.keySet()
        + ", targetPath="
        + targetPath
        + "}";
  }

  /** A builder of {@link PodVolume}. */
  public static final class Builder {
    private String namespace = "";
    private String podName = "";
    private String podUid = "";
    private String serviceAccount = "default";
    private String secretProviderClass = "";
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, String> volumeAttributes = new LinkedHashMap<>();
    private final Map<String, Token> tokens = new TreeMap<>();
    private Optional<Map<String, String>> nodePublishSecret = Optional.empty();
    private Optional<Path> targetPath = Optional.empty();

    private Builder() {}

    /** Sets the pod: namespace, name and uid (kubelet's pod information). */
    public Builder pod(String namespace, String name, String uid) {
      this.namespace = requireNonNull(namespace, "namespace");
      this.podName = requireNonNull(name, "name");
      this.podUid = requireNonNull(uid, "uid");
      return this;
    }

    /** Sets the pod's service account (default {@code default}). */
    public Builder serviceAccount(String serviceAccount) {
      this.serviceAccount = requireNonNull(serviceAccount, "serviceAccount");
      return this;
    }

    /** Sets the {@code SecretProviderClass}: its name and its {@code spec.parameters}. */
    public Builder secretProviderClass(String name, Map<String, String> parameters) {
      this.secretProviderClass = requireNonNull(name, "name");
      this.parameters.clear();
      requireNonNull(parameters, "parameters")
          .forEach(
              (k, v) ->
                  this.parameters.put(
                      requireNonNull(k, "parameter name"), requireNonNull(v, "parameter value")));
      return this;
    }

    /** Sets one parameter of the class (adds it or replaces its value). */
    public Builder parameter(String name, String value) {
      parameters.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /** Removes one parameter of the class. */
    public Builder withoutParameter(String name) {
      parameters.remove(requireNonNull(name, "name"));
      return this;
    }

    /** Sets one of the volume's own attributes (pod spec), which override class parameters. */
    public Builder volumeAttribute(String name, String value) {
      volumeAttributes.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /** Adds a service-account token for {@code audience} that expires far in the future. */
    public Builder token(String audience, String token) {
      return token(audience, token, DEFAULT_TOKEN_EXPIRY);
    }

    /** Adds a service-account token for {@code audience} with its expiry. */
    public Builder token(String audience, String token, Instant expiry) {
      tokens.put(
          requireNonNull(audience, "audience"),
          new Token(requireNonNull(token, "token"), requireNonNull(expiry, "expiry")));
      return this;
    }

    /** Removes every token (as without {@code tokenRequests} in the CSIDriver object). */
    public Builder withoutTokens() {
      tokens.clear();
      return this;
    }

    /** Sets the data of the volume's {@code nodePublishSecretRef} Secret (default: none). */
    public Builder nodePublishSecret(Map<String, String> data) {
      Map<String, String> copy = new LinkedHashMap<>();
      requireNonNull(data, "data")
          .forEach((k, v) -> copy.put(requireNonNull(k, "key"), requireNonNull(v, "value")));
      this.nodePublishSecret = Optional.of(copy);
      return this;
    }

    /** Sets the directory the volume is mounted on; it must exist when the volume is mounted. */
    public Builder targetPath(Path targetPath) {
      this.targetPath = Optional.of(requireNonNull(targetPath, "targetPath"));
      return this;
    }

    /**
     * Builds the volume.
     *
     * @throws IllegalStateException when the pod, the class or the target is missing
     */
    public PodVolume build() {
      return new PodVolume(this);
    }
  }
}
