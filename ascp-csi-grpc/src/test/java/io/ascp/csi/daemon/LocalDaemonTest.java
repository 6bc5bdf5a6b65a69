// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.SecretSource;
import io.ascp.core.InMemorySecretSource;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon of {@code --backend memory:FILE} ({@link Daemon#startLocal}): over its socket, as the
 * CSI driver calls it, without service-account tokens, IAM roles or a Kubernetes API.
 */
class LocalDaemonTest {
  private static final String OBJECTS =
      """
      - objectName: app/db
        objectType: secretsmanager
        jmesPath:
          - {path: user, objectAlias: db-user}
      - objectName: /app/level
        objectType: ssmparameter
        objectAlias: level
      """;

  @TempDir Path dir;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<CallerIdentity> identities = new CopyOnWriteArrayList<>();
  private final InMemorySecretSource store =
      InMemorySecretSource.builder()
          .secret("app/db", "{\"user\":\"admin\"}")
          .parameter("/app/level", "debug")
          .build();

  @AfterEach
  void close() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private CsiDriverSimulator start(Map<String, String> env) throws Exception {
    SecretSource recording =
        new SecretSource() {
          @Override
          public List<FetchResult> fetch(FetchBatch batch) {
            identities.add(batch.identity());
            return store.fetch(batch);
          }
        };
    Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "local");
    Daemon daemon =
        Daemon.startLocal(
            DaemonConfig.builder().providerVolume(socketDir.toString()).build(), recording, env);
    toClose.add(() -> Files.deleteIfExists(socketDir));
    toClose.add(daemon);
    CsiDriverSimulator driver = CsiDriverSimulator.connect(Path.of(daemon.socketPath()));
    toClose.add(driver);
    return driver;
  }

  private PodVolume volume(Map<String, String> parameters) throws Exception {
    return PodVolume.builder()
        .pod("shop", "web-0", "uid-1")
        .serviceAccount("web")
        .secretProviderClass("local", parameters)
        .targetPath(Files.createDirectories(dir.resolve("target")))
        .build();
  }

  @Test
  void mountsWithoutTokensRolesOrKubernetes() throws Exception {
    CsiDriverSimulator driver = start(Map.of());
    PodVolume volume = volume(Map.of("region", "us-east-1", "objects", OBJECTS));

    MountOutcome outcome = driver.mount(volume);

    assertThat(outcome.error()).isEmpty();
    assertThat(MountedFiles.readString(volume.targetPath(), "db-user")).isEqualTo("admin");
    assertThat(MountedFiles.readString(volume.targetPath(), "level")).isEqualTo("debug");
    assertThat(outcome.version("level")).isEqualTo("1");
    // The source sees the pod, with no token and no role.
    assertThat(identities)
        .isNotEmpty()
        .allSatisfy(
            identity -> {
              assertThat(identity.namespace()).isEqualTo("shop");
              assertThat(identity.serviceAccount()).isEqualTo("web");
              assertThat(identity.podName()).isEqualTo("web-0");
              assertThat(identity.tokens()).isEmpty();
              assertThat(identity.roleArn()).isEmpty();
            });
  }

  @Test
  void usePodIdentityIsStillCheckedButNeedsNoToken() throws Exception {
    CsiDriverSimulator driver = start(Map.of());
    assertThat(
            driver
                .mount(
                    volume(
                        Map.of(
                            "region", "us-east-1", "objects", OBJECTS, "usePodIdentity", "true")))
                .error())
        .isEmpty();
    MountOutcome bad =
        driver.mount(
            volume(Map.of("region", "us-east-1", "objects", OBJECTS, "usePodIdentity", "yes"))
                .toBuilder()
                .targetPath(Files.createDirectories(dir.resolve("other")))
                .build());
    assertThat(bad.error().orElseThrow().detail())
        .isEqualTo(
            "failed to parse usePodIdentity value, error: strconv.ParseBool: parsing \"yes\":"
                + " invalid syntax");
  }

  @Test
  void theRegionComesFromTheClassOrAwsRegionNeverFromANode() throws Exception {
    Map<String, String> withoutRegion = Map.of("objects", OBJECTS);
    MountOutcome noRegion = start(Map.of()).mount(volume(withoutRegion));
    assertThat(noRegion.error().orElseThrow().grpcCode()).contains("INVALID_ARGUMENT");
    assertThat(noRegion.error().orElseThrow().detail())
        .isEqualTo(
            "failed to retrieve region from node. error this daemon reads from a local backend"
                + " and does not use Kubernetes; set the region parameter of the"
                + " SecretProviderClass or AWS_REGION");

    close();
    toClose.clear();
    MountOutcome fromEnv = start(Map.of("AWS_REGION", "eu-west-1")).mount(volume(withoutRegion));
    assertThat(fromEnv.error()).isEmpty();
  }

  @Test
  void closingRemovesTheSocket() throws Exception {
    Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "local");
    try {
      Daemon daemon =
          Daemon.startLocal(
              DaemonConfig.builder().providerVolume(socketDir.toString()).build(), store, Map.of());
      Path socket = Path.of(daemon.socketPath());
      assertThat(socket).exists();
      daemon.close();
      assertThat(socket).doesNotExist();
    } finally {
      Files.deleteIfExists(socketDir);
    }
  }
}
