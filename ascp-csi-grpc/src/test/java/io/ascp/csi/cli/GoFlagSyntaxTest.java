// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoFlagSyntaxTest {
  private static List<String> normalize(String... args) {
    return GoFlagSyntax.normalize(
        List.of(args),
        Set.of("qps", "timeout"),
        Set.of("flag"),
        Set.of("help"),
        Map.of("h", "help"));
  }

  @Test
  void oneAndTwoDashesAreTheSame() {
    assertThat(normalize("-qps=1", "--qps=2")).containsExactly("--qps=1", "--qps=2");
  }

  @Test
  void aSeparateValueIsAttached() {
    assertThat(normalize("-qps", "1", "--timeout", "-1s"))
        .containsExactly("--qps=1", "--timeout=-1s");
  }

  @Test
  void aBareBooleanMeansTrue() {
    assertThat(normalize("-flag", "--flag=false", "x"))
        .containsExactly("--flag=true", "--flag=false", "x");
  }

  @Test
  void helpAliases() {
    assertThat(normalize("-h", "-help", "--h")).containsExactly("--help", "--help", "--help");
  }

  @Test
  void unknownFlagsAndTheRestAfterTerminatorAreLeftAlone() {
    assertThat(normalize("-nope", "--", "-qps", "1")).containsExactly("-nope", "--", "-qps", "1");
  }

  @Test
  void aMissingValueIsLeftForPicocliToReport() {
    assertThat(normalize("-qps")).containsExactly("--qps");
  }
}
