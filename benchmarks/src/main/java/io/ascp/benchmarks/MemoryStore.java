// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The seed file of {@code --backend=memory:FILE} for the throughput runs. */
final class MemoryStore {
  private MemoryStore() {}

  /** Writes a store of {@code secrets} secrets and {@code parameters} parameters of ~64 bytes. */
  static Path write(Path dir, int secrets, int parameters) throws IOException {
    StringBuilder yaml = new StringBuilder("formatVersion: 1\nsecrets:\n");
    for (int i = 1; i <= secrets; i++) {
      yaml.append("  - name: ")
          .append(Requests.secretName(i))
          .append("\n    value: '")
          .append(Requests.value("s" + i, 64))
          .append("'\n");
    }
    yaml.append("parameters:\n");
    for (int i = 1; i <= parameters; i++) {
      yaml.append("  - name: ")
          .append(Requests.parameterName(i))
          .append("\n    value: '")
          .append(Requests.value("p" + i, 64))
          .append("'\n");
    }
    return Files.writeString(dir.resolve("store.yaml"), yaml);
  }
}
