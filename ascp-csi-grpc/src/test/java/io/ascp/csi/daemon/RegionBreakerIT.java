// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.AscpListener;
import io.ascp.api.ObjectType;
import io.ascp.aws.AwsSources;
import io.ascp.aws.AwsSourcesConfig;
import io.ascp.core.RegionBreakerPolicy;
import io.ascp.core.SecretMounter;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import io.ascp.testkit.AwsEmulator;
import io.ascp.testkit.FakeTicker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regional outage and its recovery through the socket, with the region circuit breaker on an
 * injected ticker: the daemon's production pieces (ascp-core's pipeline over the AWS SDK, against
 * the testkit's AWS emulator), a failover region, and the breaker going closed → open (the primary
 * region is skipped) → half-open (one probe after the open duration; a failed probe opens it again)
 * → closed (the primary region serves again). No test waits for the open duration: the ticker is
 * advanced.
 */
class RegionBreakerIT {
  private static final String PRIMARY = "eu-west-1";
  private static final String FAILOVER = "eu-central-1";
  private static final Duration OPEN = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void theBreakerOpensHalfOpensAndClosesAsTheRegionFailsAndRecovers() throws Exception {
    FakeTicker ticker = FakeTicker.create();
    List<AscpListener.RegionSkipped> skipped = new CopyOnWriteArrayList<>();
    AscpListener listener =
        new AscpListener() {
          @Override
          public void regionSkipped(RegionSkipped event) {
            skipped.add(event);
          }
        };
    Path sockets = Files.createTempDirectory(Path.of("/tmp"), "ascp-brk");
    try (AwsEmulator emulator = AwsEmulator.start()) {
      emulator.aws().secretsManager(PRIMARY).createSecret("shop/db", "from-primary");
      emulator.aws().secretsManager(FAILOVER).createSecret("shop/db", "from-failover");
      AwsSources sources =
          AwsSources.builder()
              .config(
                  AwsSourcesConfig.builder()
                      .secretsManagerEndpoint(emulator.endpoint())
                      .ssmEndpoint(emulator.endpoint())
                      .stsEndpoint(emulator.endpoint())
                      .build())
              .build();
      SecretMounter mounter =
          SecretMounter.builder()
              .source(ObjectType.SECRETS_MANAGER, sources.secretsManager())
              .source(ObjectType.SSM_PARAMETER, sources.parameterStore())
              .ticker(ticker::read)
              .regionBreakers(
                  RegionBreakerPolicy.builder()
                      .windowSize(4)
                      .minimumCalls(2)
                      .failureRatePercent(50)
                      .openDuration(OPEN)
                      .probeCalls(1)
                      .build())
              .listener(listener)
              .build();
      Wiring wiring = new Wiring(Wiring.coreParser(), mounter::mount, Wiring.coreWriter(), false);
      Daemon daemon =
          Daemon.start(
              DaemonConfig.builder().providerVolume(sockets.toString()).build(),
              wiring,
              new Doubles.FakeKube(),
              Optional.empty(),
              () -> {
                mounter.close();
                sources.close();
              });
      try (CsiDriverSimulator driver = CsiDriverSimulator.connect(Path.of(daemon.socketPath()))) {
        Path target = Files.createDirectory(dir.resolve("t"));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("region", PRIMARY);
        parameters.put("failoverRegion", FAILOVER);
        parameters.put(
            "objects", "- objectName: shop/db\n  objectType: secretsmanager\n  objectAlias: db\n");
        PodVolume volume =
            PodVolume.builder()
                .pod("shop", "web-0", "uid-web-0")
                .serviceAccount("web")
                .secretProviderClass("shop", parameters)
                .targetPath(target)
                .build();

        // Closed: the primary region serves.
        assertThat(served(driver, volume, target)).isEqualTo("from-primary");
        assertThat(skipped).isEmpty();

        // The primary region goes down: the mount tries it (the SDK's 3 attempts), fails over,
        // and the failure makes 1 of 2 calls, 50 %: the breaker opens.
        emulator.aws().regionDown(PRIMARY);
        assertThat(served(driver, volume, target)).isEqualTo("from-failover");
        assertThat(skipped).isEmpty();

        // Open: the primary region is skipped, even after it is back.
        assertThat(served(driver, volume, target)).isEqualTo("from-failover");
        assertThat(skipped).hasSize(1);
        assertThat(skipped.get(0).region()).isEqualTo(PRIMARY);
        emulator.aws().regionUp(PRIMARY);
        assertThat(served(driver, volume, target)).isEqualTo("from-failover");
        assertThat(skipped).hasSize(2);

        // Half-open with the region down again: the probe fails and the breaker opens again.
        emulator.aws().regionDown(PRIMARY);
        ticker.advance(OPEN.plusSeconds(1));
        assertThat(served(driver, volume, target)).isEqualTo("from-failover");
        assertThat(skipped).as("the probe was a call, not a skip").hasSize(2);
        assertThat(served(driver, volume, target)).isEqualTo("from-failover");
        assertThat(skipped).as("open again").hasSize(3);

        // Half-open with the region back: the probe succeeds and the breaker closes.
        emulator.aws().regionUp(PRIMARY);
        ticker.advance(OPEN.plusSeconds(1));
        assertThat(served(driver, volume, target)).isEqualTo("from-primary");
        assertThat(served(driver, volume, target)).isEqualTo("from-primary");
        assertThat(skipped).as("closed: no further skips").hasSize(3);
      } finally {
        daemon.shutdown();
      }
    } finally {
      Files.deleteIfExists(sockets);
    }
  }

  private static String served(CsiDriverSimulator driver, PodVolume volume, Path target) {
    MountOutcome outcome = driver.mount(volume);
    assertThat(outcome.error()).as("the mount").isEmpty();
    return MountedFiles.readString(target, "db");
  }
}
