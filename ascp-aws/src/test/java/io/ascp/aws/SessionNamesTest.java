// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SessionNamesTest {

  static CallerIdentity identity(String ns, String sa) {
    return CallerIdentity.builder().namespace(ns).serviceAccount(sa).build();
  }

  @Test
  void namesTheWorkload() {
    assertThat(SessionNames.of(identity("payments", "api"))).isEqualTo("ascp-payments.api");
    assertThat(SessionNames.of(identity("", ""))).isEqualTo("ascp");
  }

  @Test
  void longNamesAreShortenedDistinctly() {
    String ns = "n".repeat(63);
    String a = SessionNames.of(identity(ns, "service-account-a"));
    String b = SessionNames.of(identity(ns, "service-account-b"));
    assertThat(a).hasSize(64).startsWith("ascp-nnnn");
    assertThat(b).hasSize(64);
    assertThat(a).isNotEqualTo(b);
  }

  @Property
  void isAlwaysAValidStsSessionName(
      @ForAll @StringLength(max = 300) String ns, @ForAll @StringLength(max = 300) String sa) {
    String name = SessionNames.of(identity(ns, sa));
    assertThat(name).hasSizeBetween(2, 64).matches("[\\w+=,.@-]+");
  }
}
