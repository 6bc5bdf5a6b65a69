// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes Secret as the CSI driver's sync would create it from a mounted volume. The values
 * are copied in and out; {@link #toString()} shows the keys and their sizes, never a value.
 */
public final class SyncedSecret {
  private final String namespace;
  private final String name;
  private final String type;
  private final Map<String, String> labels;
  private final Map<String, String> annotations;
  private final Map<String, byte[]> data;

  SyncedSecret(
      String namespace,
      String name,
      String type,
      Map<String, String> labels,
      Map<String, String> annotations,
      Map<String, byte[]> data) {
    this.namespace = requireNonNull(namespace, "namespace");
    this.name = requireNonNull(name, "name");
    this.type = requireNonNull(type, "type");
    this.labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    this.annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    TreeMap<String, byte[]> copy = new TreeMap<>();
    data.forEach((k, v) -> copy.put(k, v.clone()));
    this.data = copy;
  }

  /** The namespace: the pod's. */
  public String namespace() {
    return namespace;
  }

  /** The Secret's name ({@code secretName}, trimmed). */
  public String name() {
    return name;
  }

  /** The Secret's type ({@code type}, trimmed; {@code Opaque} when it trims to nothing). */
  public String type() {
    return type;
  }

  /** The labels: the class's, plus {@code secrets-store.csi.k8s.io/managed: "true"}. */
  public Map<String, String> labels() {
    return labels;
  }

  /** The annotations: the class's. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** The data keys, sorted. */
  public java.util.Set<String> keys() {
    return Collections.unmodifiableSet(data.keySet());
  }

  /**
   * A copy of the value of {@code key}.
   *
   * @throws IllegalArgumentException when the Secret has no such key
   */
  public byte[] data(String key) {
    byte[] value = data.get(requireNonNull(key, "key"));
    if (value == null) {
      throw new IllegalArgumentException("secret " + name + " has no key " + key);
    }
    return value.clone();
  }

  /** The value of {@code key} decoded as UTF-8. */
  public String dataAsString(String key) {
    return new String(data(key), UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SyncedSecret other)) {
      return false;
    }
    if (!other.namespace.equals(namespace)
        || !other.name.equals(name)
        || !other.type.equals(type)
        || !other.labels.equals(labels)
        || !other.annotations.equals(annotations)
        || !other.data.keySet().equals(data.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : data.entrySet()) {
      if (!Arrays.equals(e.getValue(), other.data.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = namespace.hashCode() * 31 + name.hashCode();
    for (Map.Entry<String, byte[]> e : data.entrySet()) {
      h = h * 31 + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder keys = new StringBuilder();
    data.forEach(
        (k, v) ->
            keys.append(keys.length() == 0 ? "" : ", ")
                .append(k)
                .append(" (")
                .append(v.length)
                .append(" bytes)"));
    return "SyncedSecret{"
        + namespace
        + "/"
        + name
        + ", type="
        + type
        + ", labels="
        + labels
        + ", data=["
        + keys
        + "]}";
  }
}
