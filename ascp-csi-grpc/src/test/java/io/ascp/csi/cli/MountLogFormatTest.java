// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import io.ascp.api.CallerIdentity;
import io.ascp.core.Ticker;
import io.ascp.csi.daemon.Daemon;
import io.ascp.csi.daemon.DaemonConfig;
import io.ascp.csi.kube.KubernetesAccess;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.PodVolume;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeTokens;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Mount summary line as {@code --log-format=text} and {@code --log-format=json} write it (the
 * daemon's own encoders, {@link LogSettings#encoder}), from real mounts through the daemon against
 * the testkit's emulator, with every ascp-java logger at TRACE: the fields are there (as JSON
 * fields in JSON), and no line in either format holds a secret value or a token.
 */
class MountLogFormatTest {
  @RegisterExtension static final AwsEmulatorExtension AWS = new AwsEmulatorExtension();

  static final String VALUE_MARKER = "VALUEMARKERj5";
  static final String TOKEN_MARKER = "TOKENMARKERp2";
  static final String ROLE = "arn:aws:iam::123456789012:role/shop-pi";

  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private @Nullable Level previous;
  private @Nullable Daemon daemon;

  @BeforeEach
  void start() throws Exception {
    events.setContext(context);
    events.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(events);
    Logger ascp = context.getLogger("io.ascp");
    previous = ascp.getLevel();
    ascp.setLevel(Level.TRACE);

    AWS.aws().secretsManager("eu-west-1").createSecret("shop/db", "pw-" + VALUE_MARKER);
    AWS.aws()
        .iam()
        .allow(ROLE, AwsService.SECRETS_MANAGER, "shop/*")
        .associatePodIdentity("shop", "web", ROLE);
    Path sockets = Files.createTempDirectory(Path.of("/tmp"), "ascp-log");
    daemon =
        Daemon.start(
            DaemonConfig.builder().providerVolume(sockets.toString()).build(),
            Map.of(
                "AWS_ENDPOINT_URL", AWS.endpoint().toString(),
                "ASCP_POD_IDENTITY_AGENT_URL", AWS.emulator().podIdentityAgentUri().toString(),
                "AWS_REGION", "eu-west-1"),
            KubernetesAccess.create(Optional.empty(), -1, 0, Ticker.system()));
  }

  @AfterEach
  void stop() throws Exception {
    Daemon d = daemon;
    if (d != null) {
      d.shutdown();
      Files.deleteIfExists(Path.of(d.socketPath()).getParent());
    }
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(events);
    events.stop();
    context.getLogger("io.ascp").setLevel(previous);
  }

  private PodVolume volume(String name, String objects) throws Exception {
    String token =
        FakeTokens.serviceAccountToken("shop", "web", CallerIdentity.POD_IDENTITY_AUDIENCE);
    return PodVolume.builder()
        .pod("shop", "web-0", "uid-web-0")
        .serviceAccount("web")
        .secretProviderClass("shop-secrets", Map.of("objects", objects, "usePodIdentity", "true"))
        .token(
            CallerIdentity.POD_IDENTITY_AUDIENCE,
            token.substring(0, token.lastIndexOf('.') + 1) + TOKEN_MARKER)
        .targetPath(Files.createDirectory(dir.resolve(name)))
        .build();
  }

  private static String encode(Encoder<ILoggingEvent> encoder, ILoggingEvent event) {
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  @Test
  void oneSummaryLinePerMountInTextAndJsonWithoutValuesOrTokens() throws Exception {
    Daemon d = java.util.Objects.requireNonNull(daemon, "daemon");
    try (CsiDriverSimulator driver = CsiDriverSimulator.connect(Path.of(d.socketPath()))) {
      MountOutcome ok =
          driver.mount(volume("ok", "- objectName: shop/db\n  objectType: secretsmanager\n"));
      MountOutcome missing =
          driver.mount(
              volume("missing", "- objectName: shop/absent\n  objectType: secretsmanager\n"));
      assertThat(ok.error()).isEmpty();
      assertThat(missing.error()).isPresent();
    }

    Encoder<ILoggingEvent> text = LogSettings.encoder(LogSettings.Format.TEXT, context);
    Encoder<ILoggingEvent> json = LogSettings.encoder(LogSettings.Format.JSON, context);
    List<ILoggingEvent> all = new ArrayList<>(events.list);
    List<ILoggingEvent> summaries =
        all.stream().filter(e -> e.getLoggerName().equals("io.ascp.csi.daemon.MountLog")).toList();
    assertThat(summaries).hasSize(2).allMatch(e -> e.getLevel() == Level.INFO);

    assertThat(encode(text, summaries.get(0)))
        .matches(
            "\\S+ INFO  \\[[^\\]]+\\] io\\.ascp\\.csi\\.daemon\\.MountLog - Mount succeeded: pod"
                + " shop/web-0, class shop-secrets, 1 objects, 1 files in \\d+ ms\\R");
    assertThat(encode(text, summaries.get(1)))
        .matches(
            "\\S+ INFO  \\[[^\\]]+\\] io\\.ascp\\.csi\\.daemon\\.MountLog - Mount failed: pod"
                + " shop/web-0, class shop-secrets, 1 objects in \\d+ ms: NOT_FOUND \\(grpc"
                + " NOT_FOUND\\)\\R");

    // One JSON object per line; the fields as Logback writes SLF4J key-value pairs.
    assertThat(encode(json, summaries.get(0)))
        .matches("\\{[^\n]*\\}\\R")
        .contains("\"level\":\"INFO\"", "\"loggerName\":\"io.ascp.csi.daemon.MountLog\"")
        .containsPattern(
            "\"kvpList\": \\[\\{\"namespace\":\"shop\"\\},\\{\"pod\":\"web-0\"\\},"
                + "\\{\"class\":\"shop-secrets\"\\},\\{\"objects\":\"1\"\\},"
                + "\\{\"files\":\"1\"\\},\\{\"duration_ms\":\"\\d+\"\\},"
                + "\\{\"outcome\":\"success\"\\},\\{\"error_code\":\"none\"\\}\\]")
        .contains("\"formattedMessage\":\"Mount succeeded: pod shop\\/web-0, class shop-secrets");
    assertThat(encode(json, summaries.get(1)))
        .matches("\\{[^\n]*\\}\\R")
        .containsPattern(
            "\"kvpList\": \\[\\{\"namespace\":\"shop\"\\},\\{\"pod\":\"web-0\"\\},"
                + "\\{\"class\":\"shop-secrets\"\\},\\{\"objects\":\"1\"\\},"
                + "\\{\"files\":\"0\"\\},\\{\"duration_ms\":\"\\d+\"\\},"
                + "\\{\"outcome\":\"failure\"\\},\\{\"error_code\":\"NOT_FOUND\"\\},"
                + "\\{\"grpc_status\":\"NOT_FOUND\"\\}\\]");

    // Every line of the run, at TRACE, in both formats.
    assertThat(all).hasSizeGreaterThanOrEqualTo(8);
    for (ILoggingEvent event : all) {
      for (Encoder<ILoggingEvent> encoder : List.of(text, json)) {
        assertThat(encode(encoder, event))
            .doesNotContain(VALUE_MARKER)
            .doesNotContain(TOKEN_MARKER);
      }
    }
  }
}
