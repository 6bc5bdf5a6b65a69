// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodIdentityHttpTimeoutTest {
  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  @Test
  void emptyKeepsTheSdkDefaultSilently() {
    assertThat(PodIdentityHttpTimeout.resolve("", errors::add, warnings::add)).isEmpty();
    assertThat(errors).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void exactly30SecondsIsKeptWithoutWarning() {
    assertThat(PodIdentityHttpTimeout.resolve("30s", errors::add, warnings::add))
        .contains(Duration.ofSeconds(30));
    assertThat(warnings).isEmpty();
  }

  @Test
  void aboveThirtySecondsIsKeptWithAWarning() {
    assertThat(PodIdentityHttpTimeout.resolve("30.001s", errors::add, warnings::add))
        .contains(Duration.ofMillis(30_001));
    assertThat(warnings)
        .containsExactly(
            "podIdentityHttpTimeout value 30.001s is unusually high, consider using a smaller"
                + " value");
    assertThat(errors).isEmpty();
  }

  @Test
  void subSecondValues() {
    assertThat(PodIdentityHttpTimeout.resolve("500ms", errors::add, warnings::add))
        .contains(Duration.ofMillis(500));
  }

  @Test
  void missingUnit() {
    assertThat(PodIdentityHttpTimeout.resolve("5", errors::add, warnings::add)).isEmpty();
    assertThat(errors)
        .containsExactly(
            "failed to parse podIdentityHttpTimeout value '5': time: missing unit in duration"
                + " \"5\", using default SDK value");
  }
}
