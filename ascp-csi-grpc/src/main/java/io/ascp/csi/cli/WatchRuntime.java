// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import io.ascp.core.Scheduler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What {@code mount --watch} needs from the process: a scheduler for the refreshes, and a way to
 * wait until the user stops the command (SIGINT, that is Ctrl-C, or SIGTERM; a second signal while
 * stopping ends the process at once with status 1). Tests give one that runs refreshes by hand and
 * never waits.
 */
interface WatchRuntime extends AutoCloseable {
  /** Runs the watcher's refreshes. */
  Scheduler scheduler();

  /** Returns when the command should stop; the name of what stopped it, for the last line. */
  String awaitStop() throws InterruptedException;

  /** Stops the scheduler's thread, if this runtime created one. */
  @Override
  void close();

  /** The runtime of the real process: one daemon thread, and SIGINT and SIGTERM handlers. */
  static WatchRuntime system() {
    return new WatchRuntime() {
      private final ScheduledExecutorService executor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ascp-watch");
                t.setDaemon(true);
                return t;
              });
      private final CountDownLatch stop = new CountDownLatch(1);
      private volatile String signal = "";

      @Override
      public Scheduler scheduler() {
        return Scheduler.of(executor);
      }

      {
        // Installed when the runtime is made, before the command prints "Watching": a signal
        // that arrives right after that line must find the handler (installed later, the JVM's
        // default would end the process with status 143). Without a handler (no sun.misc.Signal)
        // the JVM's default applies: the process ends at once, which is also a clean stop for a
        // command that holds nothing but written files.
        for (String name : new String[] {"INT", "TERM"}) {
          Signals.handle(
              name,
              () -> {
                if (!signal.isEmpty()) {
                  // A second signal while stopping (a refresh stuck on the network): stop now.
                  Runtime.getRuntime().halt(1);
                }
                signal = "SIG" + name;
                stop.countDown();
              });
        }
      }

      @Override
      public String awaitStop() throws InterruptedException {
        stop.await();
        return signal;
      }

      @Override
      public void close() {
        executor.shutdownNow();
      }
    };
  }
}
