// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ascp.api.AscpListener;
import io.ascp.api.ErrorCode;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The Mount summary line and its event, for each way a Mount ends. */
class MountLogTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<AscpListener.MountFinished> events = new CopyOnWriteArrayList<>();
  private final List<String> abandoned = new CopyOnWriteArrayList<>();
  private final MountLog mountLog =
      new MountLog(
          new AscpListener() {
            @Override
            public void mountFinished(MountFinished event) {
              events.add(event);
            }
          },
          abandoned::add);

  private static Logger logger() {
    return (Logger) LoggerFactory.getLogger(MountLog.class);
  }

  @BeforeEach
  void capture() {
    logs.start();
    logger().addAppender(logs);
  }

  @AfterEach
  void release() {
    logger().detachAppender(logs);
  }

  private static MountLog.Summary summary() {
    MountLog.Summary summary = new MountLog.Summary();
    summary.pod("shop", "web-0");
    summary.secretProviderClass("shop-secrets");
    summary.objects(3);
    summary.files(4);
    return summary;
  }

  @Test
  void successFailureAndAbandon() {
    mountLog.finished(summary(), Optional.empty(), Optional.empty(), Duration.ofMillis(84));
    mountLog.finished(
        summary(),
        Optional.of(ErrorCode.ACCESS_DENIED),
        Optional.of(Status.Code.PERMISSION_DENIED),
        Duration.ofMillis(12));
    mountLog.abandoned(summary(), Status.Code.DEADLINE_EXCEEDED, Duration.ofMinutes(2));

    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "Mount succeeded: pod shop/web-0, class shop-secrets, 3 objects, 4 files in 84 ms",
            "Mount failed: pod shop/web-0, class shop-secrets, 3 objects in 12 ms: ACCESS_DENIED"
                + " (grpc PERMISSION_DENIED)",
            "Mount abandoned: pod shop/web-0, class shop-secrets, 3 objects after 120000 ms:"
                + " DEADLINE_EXCEEDED");
    assertThat(logs.list.get(1).getKeyValuePairs())
        .extracting(kv -> kv.key + "=" + kv.value)
        .containsExactly(
            "namespace=shop",
            "pod=web-0",
            "class=shop-secrets",
            "objects=3",
            "files=0",
            "duration_ms=12",
            "outcome=failure",
            "error_code=ACCESS_DENIED",
            "grpc_status=PERMISSION_DENIED");
    assertThat(events)
        .containsExactly(
            new AscpListener.MountFinished(Optional.empty(), Duration.ofMillis(84), 3, 4),
            new AscpListener.MountFinished(
                Optional.of(ErrorCode.ACCESS_DENIED), Duration.ofMillis(12), 3, 0));
    assertThat(abandoned).containsExactly("deadline_exceeded");
  }

  @Test
  void aMountThatFailedBeforeItsAttributesShowsDashes() {
    mountLog.finished(
        new MountLog.Summary(),
        Optional.of(ErrorCode.INVALID_PARAMETERS),
        Optional.of(Status.Code.INVALID_ARGUMENT),
        Duration.ofMillis(1));
    assertThat(logs.list.get(0).getFormattedMessage())
        .isEqualTo(
            "Mount failed: pod -/-, class -, 0 objects in 1 ms: INVALID_PARAMETERS (grpc"
                + " INVALID_ARGUMENT)");
  }

  @Test
  void namesCannotForgeALogLine() {
    MountLog.Summary summary = summary();
    summary.secretProviderClass("x\nINFO forged line\r");
    mountLog.finished(summary, Optional.empty(), Optional.empty(), Duration.ZERO);
    assertThat(logs.list.get(0).getFormattedMessage())
        .contains("class x?INFO forged line?,")
        .doesNotContain("\n");
    assertThat(MountLog.clean("a".repeat(300))).hasSize(253);
  }

  @Test
  void aThrowingListenerIsContained() {
    MountLog throwing =
        new MountLog(
            new AscpListener() {
              @Override
              public void mountFinished(MountFinished event) {
                throw new IllegalStateException("listener bug");
              }
            },
            reason -> {
              throw new IllegalStateException("counter bug");
            });
    throwing.finished(summary(), Optional.empty(), Optional.empty(), Duration.ZERO);
    throwing.abandoned(summary(), Status.Code.CANCELLED, Duration.ZERO);
    assertThat(logs.list).hasSize(2);
  }
}
