// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api.spi;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A value read from a backend. The bytes are copied on the way in and out; {@link #toString()}
 * shows only the name, the version and the length.
 *
 * @param name the object's name as the backend reports it (a name or an ARN)
 * @param version the Secrets Manager {@code VersionId} or the SSM version number
 * @param contents the value: a secret string or parameter value as UTF-8, or the secret binary
 * @param binary whether the value came from Secrets Manager's {@code SecretBinary}
 */
// The array is copied in and out, and equals/hashCode/toString are overridden below.
@SuppressWarnings("ArrayRecordComponent")
public record SecretValue(String name, String version, byte[] contents, boolean binary) {
  /** Checks the components and copies the contents. */
  public SecretValue {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
    contents = requireNonNull(contents, "contents").clone();
  }

  /** A copy of the value. */
  @Override
  public byte[] contents() {
    return contents.clone();
  }

  /** The number of bytes. */
  public int size() {
    return contents.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretValue other
        && other.name.equals(name)
        && other.version.equals(version)
        && other.binary == binary
        && Arrays.equals(other.contents, contents);
  }

  @Override
  public int hashCode() {
    return ((name.hashCode() * 31 + version.hashCode()) * 31 + Arrays.hashCode(contents)) * 31
        + Boolean.hashCode(binary);
  }

  @Override
  public String toString() {
    return "SecretValue{name="
        + name
        + ", version="
        + version
        + ", size="
        + contents.length
        + (binary ? ", binary" : "")
        + "}";
  }
}
