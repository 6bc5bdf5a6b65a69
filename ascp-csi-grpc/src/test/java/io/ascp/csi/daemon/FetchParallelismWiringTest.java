// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.aws.AwsSourcesConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon's fetch parallelism reaches the AWS sources, and its range is checked. */
class FetchParallelismWiringTest {
  @Test
  void theConfiguredParallelismReachesTheAwsSources() {
    DaemonConfig config = DaemonConfig.builder().fetchParallelism(40).build();
    AwsSourcesConfig aws = Wiring.awsSourcesConfig(config, Map.of());
    assertThat(aws.fetchParallelism()).isEqualTo(40);
    assertThat(aws.maxConnections()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void theDaemonsDefaultIs24AboveTheLibrarysDefault() {
    // A class of up to 24 secrets in one round trip (docs/performance.md); the library keeps 8.
    assertThat(Wiring.awsSourcesConfig(DaemonConfig.defaults(), Map.of()).fetchParallelism())
        .isEqualTo(DaemonConfig.DEFAULT_FETCH_PARALLELISM)
        .isEqualTo(24);
    assertThat(AwsSourcesConfig.defaults().fetchParallelism()).isEqualTo(8);
  }

  @Test
  void theRangeIsAscpAwsRange() {
    assertThat(
            Wiring.awsSourcesConfig(
                    DaemonConfig.builder()
                        .fetchParallelism(DaemonConfig.MAX_FETCH_PARALLELISM)
                        .build(),
                    Map.of())
                .fetchParallelism())
        .isEqualTo(DaemonConfig.MAX_FETCH_PARALLELISM);
    assertThatThrownBy(() -> DaemonConfig.builder().fetchParallelism(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fetchParallelism must be within 1 and 256, got 0");
    assertThatThrownBy(() -> DaemonConfig.builder().fetchParallelism(257))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AwsSourcesConfig.builder().fetchParallelism(257))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toBuilderKeepsIt() {
    DaemonConfig config = DaemonConfig.builder().fetchParallelism(3).build();
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }
}
