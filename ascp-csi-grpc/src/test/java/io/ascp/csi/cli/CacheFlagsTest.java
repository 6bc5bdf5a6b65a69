// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.core.ValueCachePolicy;
import io.ascp.csi.daemon.DaemonConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code --cache-*} flags: off by default, Go syntax, and the policy they build. */
class CacheFlagsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final AtomicReference<@Nullable DaemonOptions> launched = new AtomicReference<>();

  private int run(String... args) {
    return ProviderCommand.execute(
        List.of(args),
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        options -> {
          launched.set(options);
          return 0;
        });
  }

  private DaemonOptions options(String... args) {
    assertThat(run(args)).as("exit status; stderr: %s", err).isZero();
    return java.util.Objects.requireNonNull(launched.get());
  }

  private static DaemonConfig config(DaemonOptions options) {
    return options.toConfig(e -> {}, w -> {}, Map.of());
  }

  @Test
  void theCacheIsOffByDefault() {
    DaemonConfig config = config(options());
    assertThat(config.valueCache()).isEqualTo(ValueCachePolicy.disabled());
    assertThat(config.valueCache().enabled()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--cache-ttl=5m --cache-revalidate",
        "-cache-ttl 5m -cache-revalidate=true",
        "serve --cache-ttl=300s --cache-revalidate=1"
      })
  void aTtlWithRevalidationInEveryGoSpelling(String line) {
    ValueCachePolicy policy = config(options(line.split(" "))).valueCache();
    assertThat(policy.ttl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(policy.pinnedTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(policy.revalidateAfter()).contains(Duration.ZERO);
    assertThat(policy.maximumBytes()).isEqualTo(ValueCachePolicy.DEFAULT_MAXIMUM_BYTES);
  }

  @Test
  void pinnedTtlAndBound() {
    ValueCachePolicy policy =
        config(options("--cache-ttl=1m", "--cache-pinned-ttl=1h", "--cache-max-bytes=0x100000"))
            .valueCache();
    assertThat(policy.ttl()).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.pinnedTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(policy.maximumBytes()).isEqualTo(1 << 20);
    assertThat(policy.revalidateAfter()).isEqualTo(Optional.empty());
  }

  @Test
  void pinnedValuesAloneMayBeCached() {
    ValueCachePolicy policy = config(options("--cache-pinned-ttl=24h")).valueCache();
    assertThat(policy.ttl()).isZero();
    assertThat(policy.pinnedTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(policy.enabled()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--cache-ttl=5", "--cache-ttl=-1s", "--cache-revalidate=maybe"})
  void badValuesAreUsageErrors(String arg) {
    assertThat(run(arg)).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: ascp-provider");
  }

  @Test
  void inconsistentValuesNameTheFlag() {
    assertThatThrownBy(() -> config(options("--cache-revalidate")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--cache-revalidate needs a positive --cache-ttl");
    assertThatThrownBy(() -> config(options("--cache-max-bytes=0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--cache-max-bytes must be positive, got 0");
    assertThatThrownBy(() -> config(options("--cache-pinned-ttl=1y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--cache-pinned-ttl: invalid value \"1y\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void helpListsTheCacheFlags(String arg) {
    assertThat(run(arg)).isZero();
    assertThat(out.toString())
        .contains("--cache-ttl", "--cache-pinned-ttl", "--cache-max-bytes", "--cache-revalidate");
  }
}
