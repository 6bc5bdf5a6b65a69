// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The value of {@code --backend}: {@code aws} (the default) reads from AWS Secrets Manager and SSM
 * Parameter Store; {@code memory:FILE} reads from ascp-core's {@code InMemorySecretSource} seeded
 * from {@code FILE}, with identity resolution skipped.
 *
 * @param seedFile the seed file of the in-memory backend; empty for AWS
 */
record Backend(Optional<Path> seedFile) {
  /** The syntax of the flag, for messages and help. */
  static final String SYNTAX = "aws or memory:FILE";

  /** Reading from AWS. */
  static final Backend AWS = new Backend(Optional.empty());

  private static final String MEMORY_PREFIX = "memory:";

  Backend {
    requireNonNull(seedFile, "seedFile");
  }

  /**
   * Parses the flag's value.
   *
   * @throws IllegalArgumentException with a message for the user when it is neither {@code aws} nor
   *     {@code memory:FILE}
   */
  static Backend parse(String value) {
    requireNonNull(value, "value");
    if (value.equals("aws")) {
      return AWS;
    }
    if (value.startsWith(MEMORY_PREFIX)) {
      String file = value.substring(MEMORY_PREFIX.length());
      if (file.isEmpty()) {
        throw new IllegalArgumentException("memory: needs a seed file, as in memory:store.yaml");
      }
      try {
        return new Backend(Optional.of(Path.of(file)));
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("the seed file is not a valid path", e);
      }
    }
    throw new IllegalArgumentException("expected " + SYNTAX);
  }

  /** Whether this is the in-memory backend. */
  boolean isMemory() {
    return seedFile.isPresent();
  }

  /** How output names the backend: {@code AWS} or {@code the in-memory store FILE}. */
  String describe() {
    return seedFile.map(f -> "the in-memory store " + f).orElse("AWS");
  }
}
