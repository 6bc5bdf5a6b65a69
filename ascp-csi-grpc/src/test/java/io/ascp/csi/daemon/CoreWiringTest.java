// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AuthMode;
import io.ascp.api.MountRequest;
import io.ascp.core.InMemorySecretSource;
import io.ascp.core.SecretMounter;
import io.ascp.csi.v1alpha1.MountResponse;
import io.ascp.csi.v1alpha1.ObjectVersion;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon with ascp-core's real parser, pipeline and writer (over an in-memory source instead of
 * AWS), called over its Unix socket like the CSI driver calls it.
 */
class CoreWiringTest {
  @TempDir Path dir;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<MountRequest> seen = new CopyOnWriteArrayList<>();
  private final InMemorySecretSource store =
      InMemorySecretSource.builder()
          .secret("db", "{\"user\":\"admin\",\"password\":\"s3cr3t-MARKER\"}")
          .parameter("/app/level", "debug")
          .build();

  @AfterEach
  void close() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private UdsClient start(boolean driverWrites) throws Exception {
    SecretMounter mounter = SecretMounter.builder().source(store).build();
    toClose.add(mounter);
    Doubles.FakeKube kube = new Doubles.FakeKube();
    kube.roles.put("shop/web", "arn:aws:iam::111122223333:role/web");
    Wiring wiring =
        new Wiring(
            Wiring.coreParser(),
            request -> {
              seen.add(request);
              return mounter.mount(request);
            },
            Wiring.coreWriter());
    Path volume = Files.createDirectory(dir.resolve("v"));
    Daemon daemon =
        Daemon.start(
            DaemonConfig.builder()
                .providerVolume(volume.toString())
                .driverWritesSecrets(driverWrites)
                .build(),
            wiring,
            kube,
            Optional.empty());
    toClose.add(daemon);
    UdsClient client = new UdsClient(daemon.socketPath());
    toClose.add(client);
    return client;
  }

  private io.ascp.csi.v1alpha1.MountRequest request(Path target, String objects) {
    Map<String, String> attributes = new TreeMap<>(Doubles.podAttributes());
    attributes.put("region", "us-east-1");
    attributes.put("objects", objects);
    StringBuilder json = new StringBuilder("{");
    attributes.forEach(
        (k, v) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v.replace("\"", "\\\"").replace("\n", "\\n"))
                .append('"'));
    return io.ascp.csi.v1alpha1.MountRequest.newBuilder()
        .setAttributes(json.append('}').toString())
        .setSecrets("null")
        .setTargetPath(target.toString())
        .setPermission("420")
        .build();
  }

  private static final String OBJECTS =
      """
      - objectName: db
        objectType: secretsmanager
        filePermission: "0600"
        jmesPath:
          - path: user
            objectAlias: db-user
      - objectName: /app/level
        objectType: ssmparameter
      """;

  @Test
  void providerWritesTheFilesWithTheAtomicLayout() throws Exception {
    Path target = Files.createDirectory(dir.resolve("target"));
    MountResponse response = start(false).blocking().mount(request(target, OBJECTS));

    assertThat(response.getFilesList()).isEmpty();
    assertThat(response.getObjectVersionList())
        .extracting(ObjectVersion::getId)
        .containsExactly("_app_level", "db", "db-user");
    assertThat(Files.readString(target.resolve("db-user"))).isEqualTo("admin");
    assertThat(Files.readString(target.resolve("_app_level"))).isEqualTo("debug");
    assertThat(Files.isSymbolicLink(target.resolve("..data"))).isTrue();
    MountRequest parsed = seen.get(0);
    assertThat(parsed.identity().authMode()).isEqualTo(AuthMode.IRSA);
    assertThat(parsed.identity().roleArn()).contains("arn:aws:iam::111122223333:role/web");
    assertThat(parsed.defaultFileMode()).isEqualTo(0644);
  }

  @Test
  void driverWritesGetsEveryFileBack() throws Exception {
    Path target = Files.createDirectory(dir.resolve("target"));
    MountResponse response = start(true).blocking().mount(request(target, OBJECTS));
    assertThat(response.getFilesList())
        .extracting(f -> f.getPath() + " " + Integer.toOctalString(f.getMode()))
        .containsExactly("db 600", "db-user 600", "_app_level 644");
    try (var entries = Files.list(target)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void aParsingErrorIsInvalidArgumentWithTheReferenceText() throws Exception {
    Path target = Files.createDirectory(dir.resolve("target"));
    UdsClient client = start(false);
    assertThatThrownBy(
            () ->
                client
                    .blocking()
                    .mount(request(target, "- objectName: db\n  objectType: SecretsManager\n")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo("Invalid objectType: SecretsManager");
            });
  }

  @Test
  void aMissingSecretIsNotFoundAndNothingIsWritten() throws Exception {
    Path target = Files.createDirectory(dir.resolve("target"));
    UdsClient client = start(false);
    assertThatThrownBy(
            () ->
                client
                    .blocking()
                    .mount(request(target, "- objectName: absent\n  objectType: secretsmanager\n")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription())
                  .startsWith("us-east-1: Failed fetching secret absent:")
                  .doesNotContain("MARKER");
            });
    try (var entries = Files.list(target)) {
      assertThat(entries).isEmpty();
    }
  }
}
