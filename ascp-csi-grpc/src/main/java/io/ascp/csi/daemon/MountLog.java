// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpListener;
import io.ascp.api.ErrorCode;
import io.grpc.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one summary line of every Mount, and its event: {@code INFO} on logger {@code
 * io.ascp.csi.daemon.MountLog} with the pod, its namespace, the {@code SecretProviderClass}, the
 * numbers of objects and files, the duration, the outcome, the error class and the gRPC status; the
 * same fields as SLF4J key-value pairs, which {@code --log-format=json} writes as structured
 * fields. Never a value, a token or an object name.
 *
 * <pre>
 * Mount succeeded: pod shop/web-0, class shop-secrets, 13 objects, 15 files in 84 ms
 * Mount failed: pod shop/web-0, class shop-secrets, 13 objects in 12 ms: NOT_FOUND (grpc NOT_FOUND)
 * Mount abandoned: pod shop/web-0, class shop-secrets, 13 objects after 120000 ms: DEADLINE_EXCEEDED
 * </pre>
 */
final class MountLog {
  private static final Logger log = LoggerFactory.getLogger(MountLog.class);

  /** What a Mount learned about itself on the way, for its summary line. */
  static final class Summary {
    private volatile String namespace = "";
    private volatile String pod = "";
    private volatile String secretProviderClass = "";
    private volatile int objects;
    private volatile int files;

    /** Records the pod of the request. */
    void pod(String namespace, String pod) {
      this.namespace = requireNonNull(namespace, "namespace");
      this.pod = requireNonNull(pod, "pod");
    }

    /** Records the name of the {@code SecretProviderClass}. */
    void secretProviderClass(String name) {
      this.secretProviderClass = requireNonNull(name, "name");
    }

    /** Records the number of objects the class asks for. */
    void objects(int objects) {
      this.objects = objects;
    }

    /** Records the number of files the mount produced. */
    void files(int files) {
      this.files = files;
    }
  }

  private final AscpListener listener;
  private final Consumer<String> abandoned;

  /**
   * Creates the log.
   *
   * @param listener hears one {@link AscpListener.MountFinished} per finished Mount
   * @param abandoned hears the lower-case status code of every abandoned Mount
   */
  MountLog(AscpListener listener, Consumer<String> abandoned) {
    this.listener = requireNonNull(listener, "listener");
    this.abandoned = requireNonNull(abandoned, "abandoned");
  }

  /** Logs and reports a Mount that answered: {@code error} empty on success. */
  void finished(
      Summary summary, Optional<ErrorCode> error, Optional<Status.Code> status, Duration duration) {
    long millis = duration.toMillis();
    String outcome = error.isEmpty() ? "success" : "failure";
    var line =
        log.atInfo()
            .addKeyValue("namespace", clean(summary.namespace))
            .addKeyValue("pod", clean(summary.pod))
            .addKeyValue("class", clean(summary.secretProviderClass))
            .addKeyValue("objects", summary.objects)
            .addKeyValue("files", error.isEmpty() ? summary.files : 0)
            .addKeyValue("duration_ms", millis)
            .addKeyValue("outcome", outcome)
            .addKeyValue("error_code", error.map(ErrorCode::name).orElse("none"));
    if (error.isEmpty()) {
      line.log(
          "Mount succeeded: pod {}/{}, class {}, {} objects, {} files in {} ms",
          shown(summary.namespace),
          shown(summary.pod),
          shown(summary.secretProviderClass),
          summary.objects,
          summary.files,
          millis);
    } else {
      String grpc = status.map(Status.Code::name).orElse("UNKNOWN");
      line.addKeyValue("grpc_status", grpc)
          .log(
              "Mount failed: pod {}/{}, class {}, {} objects in {} ms: {} (grpc {})",
              shown(summary.namespace),
              shown(summary.pod),
              shown(summary.secretProviderClass),
              summary.objects,
              millis,
              error.get(),
              grpc);
    }
    AscpListener.MountFinished event =
        new AscpListener.MountFinished(
            error, duration, summary.objects, error.isEmpty() ? summary.files : 0);
    try {
      listener.mountFinished(event);
    } catch (RuntimeException e) {
      log.debug("The mount listener failed ({})", e.getClass().getName(), e);
    }
  }

  /** Logs and counts a Mount whose call was cancelled or timed out before it answered. */
  void abandoned(Summary summary, Status.Code status, Duration duration) {
    long millis = duration.toMillis();
    log.atInfo()
        .addKeyValue("namespace", clean(summary.namespace))
        .addKeyValue("pod", clean(summary.pod))
        .addKeyValue("class", clean(summary.secretProviderClass))
        .addKeyValue("objects", summary.objects)
        .addKeyValue("files", 0)
        .addKeyValue("duration_ms", millis)
        .addKeyValue("outcome", "abandoned")
        .addKeyValue("error_code", "none")
        .addKeyValue("grpc_status", status.name())
        .log(
            "Mount abandoned: pod {}/{}, class {}, {} objects after {} ms: {}",
            shown(summary.namespace),
            shown(summary.pod),
            shown(summary.secretProviderClass),
            summary.objects,
            millis,
            status);
    try {
      abandoned.accept(status.name().toLowerCase(Locale.ROOT));
    } catch (RuntimeException e) {
      log.debug("The abandoned-mount counter failed ({})", e.getClass().getName(), e);
    }
  }

  /** A name as the text line shows it: {@code -} when unknown. */
  private static String shown(String name) {
    String c = clean(name);
    return c.isEmpty() ? "-" : c;
  }

  /**
   * A name without control characters (a line break in an attribute must not forge a log line), cut
   * at 253 characters (the longest Kubernetes name).
   */
  static String clean(String name) {
    StringBuilder b = new StringBuilder(Math.min(name.length(), 253));
    for (int i = 0; i < name.length() && b.length() < 253; i++) {
      char c = name.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
