// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a {@code SecretProviderClass}'s {@code spec.secretObjects}: the Kubernetes Secret
 * the driver creates from the mounted files. The record holds exactly what the class says (names
 * are not trimmed here; {@link SecretSync} trims as the driver does).
 *
 * <pre>{@code
 * SecretObjectSpec tls =
 *     SecretObjectSpec.builder("web-tls", "kubernetes.io/tls")
 *         .data("cert.pem", "tls.crt")
 *         .data("cert.pem", "tls.key")
 *         .label("app", "web")
 *         .build();
 * }</pre>
 *
 * @param secretName {@code secretName}
 * @param type {@code type}: {@code Opaque}, {@code kubernetes.io/tls}, … (any string)
 * @param labels {@code labels}
 * @param annotations {@code annotations}
 * @param data {@code data}: which mounted file becomes which key
 */
public record SecretObjectSpec(
    String secretName,
    String type,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<Data> data) {

  /**
   * One {@code data} entry.
   *
   * @param objectName the mounted file's path relative to the volume (the object's alias or file
   *     name)
   * @param key the key in the Secret's data
   */
  public record Data(String objectName, String key) {
    /** Checks the components. */
    public Data {
      requireNonNull(objectName, "objectName");
      requireNonNull(key, "key");
    }
  }

  /** Checks the components and copies the collections (keeping their order). */
  public SecretObjectSpec {
    requireNonNull(secretName, "secretName");
    requireNonNull(type, "type");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    data = List.copyOf(data);
  }

  /** A builder of the Secret {@code secretName} of {@code type}. */
  public static Builder builder(String secretName, String type) {
    return new Builder(secretName, type);
  }

  /** A builder of {@link SecretObjectSpec}. */
  public static final class Builder {
    private final String secretName;
    private final String type;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private final List<Data> data = new ArrayList<>();

    private Builder(String secretName, String type) {
      this.secretName = requireNonNull(secretName, "secretName");
      this.type = requireNonNull(type, "type");
    }

    /** Adds a {@code data} entry: the file {@code objectName} becomes the key {@code key}. */
    public Builder data(String objectName, String key) {
      data.add(new Data(objectName, key));
      return this;
    }

    /** Adds a label. */
    public Builder label(String name, String value) {
      labels.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /** Adds an annotation. */
    public Builder annotation(String name, String value) {
      annotations.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /** Builds the entry. */
    public SecretObjectSpec build() {
      return new SecretObjectSpec(secretName, type, labels, annotations, data);
    }
  }
}
