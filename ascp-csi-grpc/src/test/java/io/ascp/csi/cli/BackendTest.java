// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendTest {
  @Test
  void awsAndMemory() {
    assertThat(Backend.parse("aws")).isEqualTo(Backend.AWS);
    assertThat(Backend.AWS.isMemory()).isFalse();
    assertThat(Backend.AWS.describe()).isEqualTo("AWS");
    Backend memory = Backend.parse("memory:dir/store.yaml");
    assertThat(memory.seedFile()).isEqualTo(Optional.of(Path.of("dir/store.yaml")));
    assertThat(memory.isMemory()).isTrue();
    assertThat(memory.describe()).isEqualTo("the in-memory store dir/store.yaml");
    assertThat(Backend.parse("memory:a:b.yaml").seedFile()).contains(Path.of("a:b.yaml"));
  }

  @Test
  void anythingElseIsRefused() {
    assertThatThrownBy(() -> Backend.parse("memory:"))
        .hasMessage("memory: needs a seed file, as in memory:store.yaml");
    for (String bad : new String[] {"", "AWS", "memory", "vault:x", "memory:a\0b"}) {
      assertThatThrownBy(() -> Backend.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Backend.parse("vault")).hasMessage("expected aws or memory:FILE");
  }
}
