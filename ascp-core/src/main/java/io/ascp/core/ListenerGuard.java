// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpListener;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to a user's {@link AscpListener} so that a throwing listener never breaks the
 * work that reported the event: its exceptions are caught, and the first one is logged at debug
 * level (events hold no secret material, so neither can a listener's exception about them).
 */
final class ListenerGuard {
  private static final Logger log = LoggerFactory.getLogger(ListenerGuard.class);

  /** A guard that delivers nothing. */
  static final ListenerGuard NONE = new ListenerGuard(AscpListener.NOOP);

  private final AscpListener listener;
  private final AtomicBoolean failed = new AtomicBoolean();

  ListenerGuard(AscpListener listener) {
    this.listener = requireNonNull(listener, "listener");
  }

  /** The listener events go to. */
  AscpListener listener() {
    return listener;
  }

  /** Whether events are delivered at all (callers skip building events when not). */
  boolean enabled() {
    return listener != AscpListener.NOOP;
  }

  /** Calls {@code event} on the listener; never throws. */
  void emit(Consumer<AscpListener> event) {
    if (!enabled()) {
      return;
    }
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      if (failed.compareAndSet(false, true)) {
        log.debug(
            "The AscpListener {} threw; its events are still delivered, further failures are not"
                + " logged",
            listener.getClass().getName(),
            e);
      }
    }
  }
}
