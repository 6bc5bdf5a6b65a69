// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A secret value to store in {@link FakeSecretsManager}, as {@code CreateSecret} or {@code
 * PutSecretValue} would receive it: a {@code SecretString} or a {@code SecretBinary}, optionally
 * the version id ({@code ClientRequestToken}) and the staging labels ({@code VersionStages}). The
 * bytes are copied in and out; {@link #toString()} never shows them.
 *
 * <pre>{@code
 * String v4 = sm.putSecretValue("app/db", SecretInput.string("pw-4").withStages("AWSPENDING"));
 * }</pre>
 *
 * @param contents the value (UTF-8 for a string)
 * @param binary whether this is a {@code SecretBinary}
 * @param versionId the version id to use, or a generated one
 * @param stages the staging labels, or {@code AWSCURRENT} when empty (AWS's default)
 */
// The array is copied in and out, and equals/hashCode/toString are overridden below.
@SuppressWarnings("ArrayRecordComponent")
public record SecretInput(
    byte[] contents, boolean binary, Optional<String> versionId, List<String> stages) {

  /** Checks the components and copies the value and the list. */
  public SecretInput {
    contents = requireNonNull(contents, "contents").clone();
    requireNonNull(versionId, "versionId");
    stages = List.copyOf(stages);
  }

  /** A {@code SecretString}. */
  public static SecretInput string(String value) {
    return new SecretInput(
        requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8),
        false,
        Optional.empty(),
        List.of());
  }

  /** A {@code SecretBinary}. */
  public static SecretInput binary(byte[] value) {
    return new SecretInput(value, true, Optional.empty(), List.of());
  }

  /** This value with the given version id ({@code ClientRequestToken}, 32 to 64 characters). */
  public SecretInput withVersionId(String versionId) {
    return new SecretInput(
        contents, binary, Optional.of(requireNonNull(versionId, "versionId")), stages);
  }

  /** This value with the given staging labels. */
  public SecretInput withStages(String... stages) {
    return new SecretInput(contents, binary, versionId, List.of(stages));
  }

  /** A copy of the value. */
  @Override
  public byte[] contents() {
    return contents.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretInput other
        && other.binary == binary
        && other.versionId.equals(versionId)
        && other.stages.equals(stages)
        && Arrays.equals(other.contents, contents);
  }

  @Override
  public int hashCode() {
    return ((Arrays.hashCode(contents) * 31 + Boolean.hashCode(binary)) * 31 + versionId.hashCode())
            * 31
        + stages.hashCode();
  }

  @Override
  public String toString() {
    return "SecretInput{"
        + (binary ? "binary" : "string")
        + ", size="
        + contents.length
        + ", versionId="
        + versionId.orElse("<generated>")
        + ", stages="
        + stages
        + "}";
  }
}
