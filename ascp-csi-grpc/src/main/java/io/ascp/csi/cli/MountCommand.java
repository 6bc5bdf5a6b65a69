// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.SecretSource;
import io.ascp.aws.AwsSources;
import io.ascp.core.AttributeKeys;
import io.ascp.core.InMemorySecretSource;
import io.ascp.core.ParameterParser;
import io.ascp.core.Scheduler;
import io.ascp.core.SecretMounter;
import io.ascp.core.SecretProviderClassManifest;
import io.ascp.core.SecretWatcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mount}: the files a pod would get from a {@code SecretProviderClass}, on a machine outside
 * Kubernetes: resolves the class against AWS (the process's default credentials) or the in-memory
 * backend, writes the files into a directory with the kubelet's atomic layout, and prints names,
 * modes, sizes and versions, never contents. With {@code --watch} it keeps the directory fresh with
 * core's {@link SecretWatcher} until SIGINT (Ctrl-C) or SIGTERM.
 */
@Command(
    name = "mount",
    mixinStandardHelpOptions = true,
    versionProvider = ProviderCommand.Version.class,
    sortOptions = false,
    description = {
      "Mounts a SecretProviderClass without Kubernetes: fetches every object (from AWS with the"
          + " default credentials chain, or from the in-memory backend), writes the files into"
          + " --target with the kubelet's atomic layout, and prints each file's mode, size and"
          + " version (never its contents). With --watch, re-resolves on that interval and"
          + " rewrites the directory when something changed, until Ctrl-C or SIGTERM.",
      "Exit status: 0 when mounted (or after a watch stopped by a signal), 1 when the mount"
          + " failed, 2 for a bad command line."
    })
final class MountCommand implements Callable<Integer> {
  @Option(
      names = "--class",
      paramLabel = "SPC_FILE",
      required = true,
      description =
          "A Kubernetes manifest holding the SecretProviderClass (other kinds are skipped).")
  @Nullable Path classFile;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The SecretProviderClass to mount when the file holds several.")
  @Nullable String name;

  @Option(
      names = "--target",
      paramLabel = "DIR",
      required = true,
      description =
          "The directory to write the files into (created if missing). The command owns it:"
              + " entries that are not part of the mount are removed.")
  @Nullable Path target;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "The primary region when the class has no region parameter; default: the AWS_REGION"
              + " environment variable.")
  @Nullable String region;

  @Option(
      names = "--backend",
      paramLabel = "BACKEND",
      defaultValue = "aws",
      converter = Converters.BackendValue.class,
      description =
          "'aws' (the default credentials chain) or 'memory:FILE' (an in-memory store seeded"
              + " from FILE, no AWS account needed; with --watch the file is read again before"
              + " each refresh). Default: ${DEFAULT-VALUE}.")
  Backend backend = Backend.AWS;

  @Option(
      names = "--watch",
      paramLabel = "INTERVAL",
      converter = Converters.PositiveGoDuration.class,
      description =
          "Keep running: re-resolve every INTERVAL (a Go duration such as 30s or 5m, with up"
              + " to 10%% jitter) and rewrite the directory when files or versions changed; a failed"
              + " refresh keeps the last good files. Stops on Ctrl-C or SIGTERM.")
  @Nullable Duration watch;

  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final Supplier<WatchRuntime> watchRuntime;

  MountCommand(Map<String, String> env, Supplier<WatchRuntime> watchRuntime) {
    this.env = Objects.requireNonNull(env, "env");
    this.watchRuntime = Objects.requireNonNull(watchRuntime, "watchRuntime");
    this.spec = CommandSpec.create();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Warnings (such as masked permission bits) go to stderr; no chatter on a good run.
    new LogSettings(LogSettings.Level.WARN, LogSettings.Format.TEXT).apply();
    try {
      Path file = Objects.requireNonNull(classFile, "classFile");
      SecretProviderClassManifest spc =
          name == null
              ? SecretProviderClassManifest.read(file)
              : SecretProviderClassManifest.read(file, name);
      MountParameters parameters = ParameterParser.parse(spc.parameters(), region(spc));
      MountRequest request = MountRequest.of(parameters, CallerIdentity.defaultChain());
      Optional<Path> seed = backend.seedFile();
      if (seed.isPresent()) {
        SwappableSource source = new SwappableSource(InMemorySecretSource.fromFile(seed.get()));
        try (SecretMounter mounter = SecretMounter.builder().source(source).build()) {
          return run(spc, mounter, request, () -> source.set(reload(seed.get())), out, err);
        }
      }
      try (AwsSources aws = AwsSources.builder().build();
          SecretMounter mounter =
              SecretMounter.builder()
                  .source(ObjectType.SECRETS_MANAGER, aws.secretsManager())
                  .source(ObjectType.SSM_PARAMETER, aws.parameterStore())
                  .build()) {
        return run(spc, mounter, request, () -> {}, out, err);
      }
    } catch (AscpException e) {
      err.println("error: " + e.code() + ": " + e.getMessage());
      err.flush();
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** The region: the class's parameter, else {@code --region}, else {@code AWS_REGION}. */
  private String region(SecretProviderClassManifest spc) {
    return Optional.ofNullable(spc.parameters().get(AttributeKeys.REGION))
        .filter(r -> !r.isEmpty())
        .or(() -> Optional.ofNullable(region).filter(r -> !r.isEmpty()))
        .or(() -> Optional.ofNullable(env.get("AWS_REGION")).filter(r -> !r.isEmpty()))
        .orElseThrow(
            () ->
                new AscpException(
                    ErrorCode.INVALID_PARAMETERS,
                    "No region: the SecretProviderClass has no region parameter, --region is not"
                        + " given and AWS_REGION is not set"));
  }

  /** The seed file read again; a file that became invalid fails the refresh that reads it. */
  private static SecretSource reload(Path seed) {
    try {
      return InMemorySecretSource.fromFile(seed);
    } catch (AscpException e) {
      return new SecretSource() {
        @Override
        public List<FetchResult> fetch(FetchBatch batch) {
          throw e;
        }
      };
    }
  }

  private int run(
      SecretProviderClassManifest spc,
      SecretMounter mounter,
      MountRequest request,
      Runnable beforeRefresh,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    Path dir = Objects.requireNonNull(target, "target");
    String origin =
        " files from " + backend.describe() + ", region " + request.parameters().region();
    String title = "SecretProviderClass " + Output.name(spc) + ": ";
    if (watch == null) {
      MountResult result = mounter.mount(request);
      SecretMounter.writeTo(result, dir);
      printMounted(out, title, origin, result, dir);
      return 0;
    }
    try (WatchRuntime runtime = watchRuntime.get()) {
      Scheduler base = runtime.scheduler();
      Scheduler scheduler =
          (task, delay) ->
              base.schedule(
                  () -> {
                    beforeRefresh.run();
                    task.run();
                  },
                  delay);
      AtomicReference<@Nullable MountResult> last = new AtomicReference<>();
      SecretWatcher watcher =
          SecretWatcher.builder(mounter, request)
              .interval(watch)
              .writeTo(dir)
              .scheduler(scheduler)
              .onChange(
                  result -> {
                    MountResult previous = last.getAndSet(result);
                    synchronized (out) {
                      Output.printChanges(out, previous, result);
                      out.printf("Wrote %d files to %s%n", result.files().size(), dir);
                      out.flush();
                    }
                  })
              .onFailure(
                  (e, kept) -> {
                    synchronized (err) {
                      err.println(
                          "Refresh failed, keeping the last content: "
                              + e.code()
                              + ": "
                              + e.getMessage());
                      err.flush();
                    }
                  })
              .start();
      try {
        MountResult first = watcher.current();
        last.compareAndSet(null, first);
        synchronized (out) {
          printMounted(out, title, origin, first, dir);
          out.printf(
              "Watching: a refresh every %s (+/- 10 %% jitter); Ctrl-C stops.%n",
              GoDuration.format(watch));
          out.flush();
        }
        String why = runtime.awaitStop();
        synchronized (out) {
          out.printf("Stopped watching%s.%n", why.isEmpty() ? "" : " (" + why + ")");
          out.flush();
        }
        return 0;
      } finally {
        watcher.close();
      }
    }
  }

  private static void printMounted(
      PrintWriter out, String title, String origin, MountResult result, Path dir) {
    out.println(title + result.files().size() + origin);
    Output.printResult(out, result);
    out.printf("Wrote %d files to %s%n", result.files().size(), dir);
    out.flush();
  }
}
