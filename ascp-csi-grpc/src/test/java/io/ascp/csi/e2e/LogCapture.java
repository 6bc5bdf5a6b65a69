// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line of this JVM for a test class, with ascp-java's own loggers at TRACE: the
 * formatted message and the stack trace text of each event.
 */
final class LogCapture implements BeforeAllCallback, AfterAllCallback {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          String line =
              event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
          if (event.getThrowableProxy() != null) {
            line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
          }
          lines.add(line);
        }
      };
  private @Nullable Level previous;

  @Override
  public void beforeAll(ExtensionContext context) {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    appender.setContext(logback);
    appender.start();
    logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    Logger ascp = logback.getLogger("io.ascp");
    previous = ascp.getLevel();
    ascp.setLevel(Level.TRACE);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    appender.stop();
    logback.getLogger("io.ascp").setLevel(previous);
  }

  /** Every line captured so far. */
  List<String> lines() {
    return List.copyOf(lines);
  }
}
