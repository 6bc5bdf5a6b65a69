// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The daemon's logging: Logback to standard error, as text or JSON lines, at one level. Set up in
 * code rather than by a {@code logback.xml} so that a library user of this artifact keeps their own
 * configuration. {@code java.util.logging} (used by gRPC) is routed to the same output.
 *
 * @param level the root level
 * @param format the line format
 */
record LogSettings(LogSettings.Level level, LogSettings.Format format) {
  /** The levels of {@code --log-level}. */
  enum Level {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
  }

  /** The formats of {@code --log-format}. */
  enum Format {
    /** One human-readable line per event. */
    TEXT,
    /** One JSON object per line (Logback's {@code JsonEncoder}). */
    JSON
  }

  /**
   * Loggers that print credentials or secret values below INFO; {@link #apply()} keeps them at INFO
   * or coarser.
   */
  static final java.util.List<String> SENSITIVE_LOGGERS =
      java.util.List.of(
          "org.apache.http.wire",
          "org.apache.http.headers",
          "software.amazon.awssdk.http.auth.aws.internal.signer",
          "software.amazon.awssdk.auth.signer",
          "io.fabric8.kubernetes.client.http.HttpLoggingInterceptor",
          "jdk.internal.httpclient");

  LogSettings {
    requireNonNull(level, "level");
    requireNonNull(format, "format");
  }

  /**
   * The started encoder of {@code format}: text lines, or one flat JSON object per event whose
   * {@code kvpList} holds the event's SLF4J key-value pairs (the Mount summary's fields).
   */
  static Encoder<ILoggingEvent> encoder(Format format, LoggerContext context) {
    if (format == Format.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      // One flat object per event: time, level, thread, logger, the formatted message, the
      // key-value pairs, the exception. The raw pattern and its arguments would repeat the
      // message.
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithFormattedMessage(true);
      json.setWithKVPList(true);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }

  /** The line of {@code --log-format=text}. */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

  /** Replaces the Logback configuration of this process; a no-op under another SLF4J backend. */
  void apply() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    LevelChangePropagator propagator = new LevelChangePropagator();
    propagator.setContext(context);
    propagator.setResetJUL(true);
    context.addListener(propagator);
    propagator.start();

    Encoder<ILoggingEvent> encoder = encoder(format, context);
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("stderr");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();

    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level rootLevel = ch.qos.logback.classic.Level.toLevel(level.name());
    root.setLevel(rootLevel);
    root.addAppender(appender);
    // Never below INFO, whatever --log-level says: at DEBUG and TRACE these print HTTP bodies
    // (secret values, service-account tokens, temporary credentials), headers and the SigV4
    // canonical request (session tokens), and the Kubernetes client's Authorization header.
    ch.qos.logback.classic.Level capped =
        rootLevel.isGreaterOrEqual(ch.qos.logback.classic.Level.INFO)
            ? rootLevel
            : ch.qos.logback.classic.Level.INFO;
    for (String name : SENSITIVE_LOGGERS) {
      context.getLogger(name).setLevel(capped);
    }
    // Netty warns that domain sockets have no SO_KEEPALIVE on every start; it is harmless.
    context
        .getLogger("io.grpc.netty.shaded.io.netty.bootstrap")
        .setLevel(ch.qos.logback.classic.Level.ERROR);

    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }
}
