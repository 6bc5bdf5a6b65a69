// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.csi.daemon.DaemonConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --fetch-parallelism}: Go's flag and integer syntax, its range and its default. */
class FetchParallelismFlagTest {
  private final StringWriter err = new StringWriter();
  private final AtomicReference<DaemonConfig> launched = new AtomicReference<>();

  private int run(String... args) {
    return ProviderCommand.execute(
        List.of(args),
        new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true),
        options -> {
          launched.set(options.toConfig(e -> {}, w -> {}, Map.of()));
          return 0;
        });
  }

  private DaemonConfig launched() {
    return Objects.requireNonNull(launched.get(), "not launched");
  }

  @Test
  void theDefaultIsTheDaemonsDefault() {
    assertThat(run()).isZero();
    assertThat(launched().fetchParallelism())
        .isEqualTo(DaemonConfig.DEFAULT_FETCH_PARALLELISM)
        .isEqualTo(24);
  }

  @ParameterizedTest
  @CsvSource({
    "--fetch-parallelism=24, 24",
    "-fetch-parallelism=1, 1",
    "--fetch-parallelism 256, 256",
    "--fetch-parallelism=0x20, 32",
    "serve --fetch-parallelism=16, 16"
  })
  void goSpellings(String line, int expected) {
    assertThat(run(line.split(" "))).as("stderr: %s", err).isZero();
    assertThat(launched().fetchParallelism()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--fetch-parallelism=0",
        "--fetch-parallelism=-1",
        "--fetch-parallelism=257",
        "--fetch-parallelism=many",
        "--fetch-parallelism"
      })
  void outOfRangeOrNotAnIntegerExitsWithStatus2(String arg) {
    assertThat(run(arg)).isEqualTo(2);
    assertThat(launched.get()).isNull();
    assertThat(err.toString()).contains("--fetch-parallelism").contains("Usage: ascp-provider");
  }

  @Test
  void helpListsTheFlag() {
    StringWriter out = new StringWriter();
    assertThat(
            ProviderCommand.execute(
                List.of("--help"),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                options -> 0))
        .isZero();
    assertThat(out.toString()).contains("--fetch-parallelism");
  }
}
