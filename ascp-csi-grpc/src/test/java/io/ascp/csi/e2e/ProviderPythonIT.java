// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static io.ascp.csi.e2e.Fixtures.NAMESPACE;
import static io.ascp.csi.e2e.Fixtures.NODE_REGION;
import static io.ascp.csi.e2e.Fixtures.PASSWORD;
import static io.ascp.csi.e2e.Fixtures.POD_IDENTITY_ROLE;
import static io.ascp.csi.e2e.Fixtures.SECRET_MARKER;
import static io.ascp.csi.e2e.Fixtures.parameterName;
import static io.ascp.csi.e2e.Fixtures.parameterValue;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ascp.api.CallerIdentity;
import io.ascp.csi.testing.MountCall;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import io.ascp.csi.testing.ProviderDaemonExtension;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with a client that is not ours: Python {@code grpcio} (Debian's {@code
 * python3-grpcio} and {@code python3-grpc-tools}, run through {@code /usr/bin/python3}) compiles
 * the provider API with {@code grpc_tools.protoc} and calls {@code Version} and {@code Mount} over
 * the daemon's Unix socket. Skipped with a message when grpcio is missing on a developer's machine;
 * failed when {@code CI=true}.
 */
class ProviderPythonIT {
  /** Debian's interpreter (the first python3 on the PATH may lack grpcio); a property overrides. */
  static final Path PYTHON = Path.of(System.getProperty("ascp.test.python", "/usr/bin/python3"));

  static final Path PROTO = Path.of("src", "main", "protobuf", "service.proto");

  @Order(1)
  @RegisterExtension
  static final AwsEmulatorExtension AWS = AwsEmulatorExtension.builder().build();

  @Order(2)
  @RegisterExtension
  static final ProviderDaemonExtension PROVIDER =
      ProviderDaemonExtension.builder()
          .awsEndpoint(AWS::endpoint)
          .podIdentityAgentUrl(() -> AWS.emulator().podIdentityAgentUri())
          .env("AWS_REGION", NODE_REGION)
          .build();

  @TempDir Path dir;

  @BeforeAll
  static void requireGrpcio() throws Exception {
    String problem;
    if (!Files.isExecutable(PYTHON)) {
      problem = PYTHON + " is missing";
    } else {
      Process check =
          new ProcessBuilder(PYTHON.toString(), "-c", "import grpc, grpc_tools")
              .redirectErrorStream(true)
              .start();
      String output = new String(check.getInputStream().readAllBytes(), UTF_8).strip();
      assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
      problem = check.exitValue() == 0 ? "" : PYTHON + " cannot import grpc: " + output;
    }
    if (problem.isEmpty()) {
      return;
    }
    String message =
        "Python gRPC interop test skipped: "
            + problem
            + " (install the Debian packages: apt-get install -y python3-grpcio"
            + " python3-grpc-tools)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message.replace("skipped", "failed (CI=true)"));
    }
    Assumptions.abort(message);
  }

  /** Runs the Python client; returns its key=value lines. */
  private Map<String, List<String>> python(List<MountCall> calls) throws Exception {
    Path protoDir = Files.createDirectory(dir.resolve("proto"));
    Path outDir = Files.createDirectory(dir.resolve("out"));
    Files.copy(PROTO, protoDir.resolve("service.proto"));
    Path script = dir.resolve("csi_client.py");
    try (InputStream in = ProviderPythonIT.class.getResourceAsStream("csi_client.py")) {
      assertThat(in).as("csi_client.py").isNotNull();
      Files.copy(in, script);
    }
    StringBuilder requests = new StringBuilder();
    for (MountCall call : calls) {
      requests.append(call.targetPath()).append('\t').append(call.attributes()).append('\n');
    }
    Path requestFile = Files.writeString(dir.resolve("requests.tsv"), requests, UTF_8);

    Process process =
        new ProcessBuilder(
                PYTHON.toString(),
                script.toString(),
                protoDir.toString(),
                outDir.toString(),
                PROVIDER.socketPath().toString(),
                requestFile.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("python exited").isTrue();
    assertThat(process.exitValue()).as("python's exit status; output:%n%s", output).isZero();
    assertThat(output).doesNotContain(SECRET_MARKER).doesNotContain(Tokens.MARKER);
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String line : output.split("\n", -1)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values
            .computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>())
            .add(line.substring(eq + 1));
      }
    }
    return values;
  }

  @Test
  void versionAndMountFromPythonGrpcio() throws Exception {
    AWS.aws().secretsManager(NODE_REGION).createSecret("shop/db", Fixtures.DB_JSON);
    AWS.aws()
        .secretsManager(NODE_REGION)
        .createSecret("shop/tls", io.ascp.testkit.SecretInput.binary(Fixtures.BINARY));
    for (int n = 1; n <= 11; n++) {
      AWS.aws().parameterStore(NODE_REGION).putParameter(parameterName(n), parameterValue(n));
    }
    AWS.aws()
        .iam()
        .associatePodIdentity(NAMESPACE, "web", POD_IDENTITY_ROLE)
        .allow(POD_IDENTITY_ROLE, AwsService.SECRETS_MANAGER, "shop/*")
        .allow(POD_IDENTITY_ROLE, AwsService.SSM, "/shop/*");
    Path good = Files.createDirectory(dir.resolve("good"));
    Path missing = Files.createDirectory(dir.resolve("missing"));
    PodVolume volume =
        Fixtures.volume(good)
            .parameter("usePodIdentity", "true")
            .withoutTokens()
            .token(
                CallerIdentity.POD_IDENTITY_AUDIENCE,
                Tokens.token(NAMESPACE, "web", CallerIdentity.POD_IDENTITY_AUDIENCE))
            .build();
    PodVolume absent =
        volume.toBuilder()
            .targetPath(missing)
            .parameter("objects", "- objectName: shop/absent\n  objectType: secretsmanager\n")
            .build();

    Map<String, List<String>> out =
        python(
            List.of(
                MountCall.of(volume),
                MountCall.of(volume).withTargetPath(""),
                MountCall.of(absent)));

    assertThat(out.get("version")).containsExactly("v1alpha1");
    assertThat(out.get("runtime_name")).containsExactly("ascp-java");
    assertThat(out.get("runtime_version")).singleElement().asString().isNotEmpty();

    assertThat(out.get("mount0.code")).containsExactly("OK");
    assertThat(out.get("mount0.files")).containsExactly("0");
    assertThat(out.get("mount0.object_version"))
        .hasSize(Fixtures.FILES.size())
        .anySatisfy(v -> assertThat(v).startsWith("db-user:"))
        .anySatisfy(v -> assertThat(v).isEqualTo("_shop_p11:1"));
    assertThat(MountedFiles.readString(good, "db-password")).isEqualTo(PASSWORD);

    assertThat(out.get("mount1.code")).containsExactly("INVALID_ARGUMENT");
    assertThat(out.get("mount1.details")).containsExactly("Missing mount path");

    assertThat(out.get("mount2.code")).containsExactly("NOT_FOUND");
    assertThat(out.get("mount2.details"))
        .singleElement()
        .asString()
        .startsWith(
            NODE_REGION + ": Failed fetching secret shop/absent: ResourceNotFoundException");
  }
}
