// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

/** The production file planner and value extractor, wired once parsing and extraction land. */
final class DefaultStages {
  private DefaultStages() {}

  static MountPipeline.FilePlanner planner() {
    return (parameters, mode) -> {
      throw new UnsupportedOperationException("file layout not merged yet");
    };
  }

  static MountPipeline.ValueExtractor extractor() {
    return (object, value) -> {
      throw new UnsupportedOperationException("JSON key extraction not merged yet");
    };
  }
}
