// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import io.ascp.core.InMemorySecretSource;
import io.ascp.csi.daemon.Daemon;
import io.ascp.csi.daemon.DaemonConfig;
import io.ascp.csi.daemon.VersionInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the daemon in this process: sets up logging, logs the reference's startup lines, starts the
 * daemon, and on SIGTERM or SIGINT drains it and returns 0. A second signal while draining exits at
 * once with status 1 (the socket file is then left for the next start to remove).
 */
final class DaemonRunner implements DaemonLauncher {
  @Override
  public int launch(DaemonOptions options) {
    options.logSettings().apply();
    Logger log = LoggerFactory.getLogger(DaemonRunner.class);
    VersionInfo version = VersionInfo.current();
    log.info("Starting {} version {}", version.runtimeName(), version.runtimeVersion());
    if (options.backend.isMemory()) {
      log.info(
          "Backend: {}; identity resolution is skipped (no service-account tokens, IAM role or"
              + " Kubernetes API are used)",
          options.backend.describe());
    } else {
      log.info(
          "This provider requires tokenRequests to be configured in the CSIDriver spec"
              + " (audiences: sts.amazonaws.com, pods.eks.amazonaws.com)");
    }
    DaemonConfig config;
    try {
      config = options.toConfig(log::error, log::warn, System.getenv());
    } catch (IllegalArgumentException e) {
      log.error("{}", e.getMessage());
      return 2;
    }

    // The handlers come first: a SIGTERM that arrives while the daemon starts, or right after it
    // logs "Listening", must drain it and remove the socket, not end the JVM with status 143.
    CountDownLatch stop = new CountDownLatch(1);
    AtomicReference<String> received = new AtomicReference<>("");
    for (String signal : new String[] {"TERM", "INT"}) {
      boolean installed =
          Signals.handle(
              signal,
              () -> {
                if (!received.compareAndSet("", Signals.goName(signal))) {
                  log.warn("Second signal while draining; stopping now");
                  Runtime.getRuntime().halt(1);
                }
                stop.countDown();
              });
      if (!installed) {
        log.debug("No handler for SIG{}; the JVM's shutdown hook drains instead", signal);
      }
    }

    Daemon daemon;
    try {
      Optional<Path> seed = options.backend.seedFile();
      daemon =
          seed.isPresent()
              ? Daemon.startLocal(
                  config, InMemorySecretSource.fromFile(seed.get()), System.getenv())
              : Daemon.start(config);
    } catch (IOException | RuntimeException e) {
      log.error("{}", e.getMessage() == null ? e.getClass().getName() : e.getMessage());
      return 1;
    }
    Thread hook = new Thread(daemon::shutdown, "ascp-shutdown-hook");
    Runtime.getRuntime().addShutdownHook(hook);

    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("received signal:{} to terminate", received.get());
    daemon.shutdown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook's shutdown() is a no-op now.
    }
    log.info("Stopped");
    return 0;
  }
}
