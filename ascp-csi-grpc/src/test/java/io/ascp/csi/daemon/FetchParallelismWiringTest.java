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
    DaemonConfig config = DaemonConfig.builder().fetchParallelism(24).build();
    AwsSourcesConfig aws = Wiring.awsSourcesConfig(config, Map.of());
    assertThat(aws.fetchParallelism()).isEqualTo(24);
    assertThat(aws.maxConnections()).isGreaterThanOrEqualTo(24);
  }

  @Test
  void theDefaultIsAscpAwsDefault() {
    assertThat(Wiring.awsSourcesConfig(DaemonConfig.defaults(), Map.of()).fetchParallelism())
        .isEqualTo(AwsSourcesConfig.defaults().fetchParallelism())
        .isEqualTo(DaemonConfig.DEFAULT_FETCH_PARALLELISM);
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
