// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.util.Objects.requireNonNull;

import io.ascp.api.MountedFile;
import io.ascp.api.ObjectVersion;
import io.ascp.csi.v1alpha1.CSIDriverProviderGrpc;
import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.csi.v1alpha1.MountResponse;
import io.ascp.csi.v1alpha1.VersionRequest;
import io.ascp.csi.v1alpha1.VersionResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Secrets Store CSI driver, as seen by a provider: calls {@code Mount} over the provider's Unix
 * socket exactly as the driver v1.6 does (or v1.5, see {@link DriverVersion}), applies the returned
 * files with the driver's atomic-writer rules, keeps each volume's status (the object versions the
 * driver stores in the {@code SecretProviderClassPodStatus}), and re-mounts as kubelet's republish
 * does.
 *
 * <pre>{@code
 * try (CsiDriverSimulator driver = CsiDriverSimulator.connect(socket)) {
 *   MountOutcome first = driver.mount(volume);
 *   assertThat(first.error()).isEmpty();
 *   assertThat(MountedFiles.readString(volume.targetPath(), "db-user")).isEqualTo("admin");
 *   // ... change the secret in the backend ...
 *   MountOutcome second = driver.remount(volume);
 *   assertThat(second.version("db-user")).isNotEqualTo(first.version("db-user"));
 * }
 * }</pre>
 *
 * <p>The call: authority {@code localhost}, plaintext, a 4 MiB maximum response, the driver's
 * service config (wait for ready; up to 3 attempts on {@code UNAVAILABLE} with 1 s to 10 s of
 * backoff), the deadline kubelet gives a {@code NodePublishVolume} (2 minutes; {@link
 * Builder#mountTimeout}). The request: {@code attributes} = the class's parameters with kubelet's
 * volume context over them (pod name, namespace, uid, service account, {@code ephemeral}, the
 * tokens) as Go writes the JSON; {@code secrets} = {@code "null"} unless the volume has a {@code
 * nodePublishSecretRef}; {@code permission} = {@value #PERMISSION}; {@code current_object_version}
 * = empty, except on a v1.5 re-mount (the versions of the last successful mount, sorted by id; the
 * driver sends them in Go's random map order).
 *
 * <p>The response, as the driver handles it: a failed call → {@code GRPCProviderError}; a non-empty
 * {@code error.code} → that code; no object versions → {@code missing object versions}; no files →
 * the provider wrote them itself; else the files are written with the driver's rules (path
 * validation, {@code ..data} swap, a no-op when every file's contents are unchanged, paths no
 * longer in the payload removed) → {@code FileWriteError} on failure. A failed first mount leaves
 * the volume unmounted (the driver unmounts its tmpfs, so the simulator empties the target); a
 * failed re-mount keeps the old files.
 *
 * <p>Thread-safe for different volumes; calls for one volume must not overlap (kubelet serializes
 * them). The simulator creates and owns its channel and event loop; {@link #close()} releases them.
 * It never closes the provider.
 */
public final class CsiDriverSimulator implements AutoCloseable {
  /** The {@code permission} the driver sends: Go's JSON of {@code os.FileMode(0644)}. */
  public static final String PERMISSION = "420";

  /** The deadline kubelet gives one {@code NodePublishVolume} call. */
  public static final Duration KUBELET_TIMEOUT = Duration.ofMinutes(2);

  /** The driver's default {@code --rotation-poll-interval}. */
  public static final Duration DEFAULT_ROTATION_POLL_INTERVAL = Duration.ofMinutes(2);

  /** The driver's default {@code --max-call-recv-msg-size}. */
  public static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(5);

  private final Path socket;
  private final DriverVersion driverVersion;
  private final Duration mountTimeout;
  private final boolean secretRotation;
  private final Duration rotationPollInterval;
  private final Clock clock;
  private final EventLoopGroup group;
  private final ManagedChannel channel;
  private final DriverPayloadWriter writer = new DriverPayloadWriter();
  private final Map<Path, VolumeState> volumes = new ConcurrentHashMap<>();

  /** What the driver knows about one mounted volume. */
  private record VolumeState(List<ObjectVersion> versions, Instant lastWrite, Instant lastMount) {}

  private CsiDriverSimulator(Builder b) {
    this.socket = b.socket;
    this.driverVersion = b.driverVersion;
    this.mountTimeout = b.mountTimeout;
    this.secretRotation = b.secretRotation;
    this.rotationPollInterval = b.rotationPollInterval;
    this.clock = b.clock;
    this.group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    this.channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollDomainSocketChannel.class)
            .eventLoopGroup(group)
            .overrideAuthority("localhost")
            .usePlaintext()
            .maxInboundMessageSize(MAX_RESPONSE_BYTES)
            .defaultServiceConfig(serviceConfig())
            .enableRetry()
            .build();
  }

  /** A simulator of driver v1.6 with the default settings, for the provider at {@code socket}. */
  public static CsiDriverSimulator connect(Path socket) {
    return builder(socket).build();
  }

  /** A builder for the provider listening on {@code socket}. */
  public static Builder builder(Path socket) {
    return new Builder(socket);
  }

  /** The driver's default service config for {@code v1alpha1.CSIDriverProvider}. */
  private static Map<String, ?> serviceConfig() {
    Map<String, Object> retry =
        Map.of(
            "maxAttempts",
            3.0,
            "initialBackoff",
            "1s",
            "maxBackoff",
            "10s",
            "backoffMultiplier",
            1.1,
            "retryableStatusCodes",
            List.of("UNAVAILABLE"));
    Map<String, Object> method =
        Map.of(
            "name",
            List.of(Map.of("service", "v1alpha1.CSIDriverProvider")),
            "waitForReady",
            true,
            "retryPolicy",
            retry);
    return Map.of("methodConfig", List.of(method));
  }

  /** The provider socket this simulator calls. */
  public Path socket() {
    return socket;
  }

  /** The driver version this simulator reproduces. */
  public DriverVersion driverVersion() {
    return driverVersion;
  }

  /**
   * Calls {@code Version} as the driver's provider health check does ({@code version: "v1alpha1"},
   * 5 s timeout).
   *
   * @throws StatusRuntimeException when the call fails
   */
  public ProviderVersion version() {
    VersionResponse response =
        CSIDriverProviderGrpc.newBlockingStub(channel)
            .withDeadlineAfter(VERSION_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)
            .version(VersionRequest.newBuilder().setVersion("v1alpha1").build());
    return new ProviderVersion(
        response.getVersion(), response.getRuntimeName(), response.getRuntimeVersion());
  }

  /**
   * Mounts {@code volume} now: a first mount when it is not mounted, else a re-mount (see {@link
   * #remount}). The target directory must exist (kubelet creates it).
   */
  public MountOutcome mount(PodVolume volume) {
    requireNonNull(volume, "volume");
    return volumes.containsKey(key(volume)) ? remount(volume) : firstMount(volume);
  }

  /**
   * Calls the provider again for a mounted volume, as a rotation does, whatever the time: driver
   * v1.6 sends no versions and masks a failure; driver v1.5 sends the versions of the last
   * successful mount. A failure keeps the old files and the old status. For a volume that is not
   * mounted this is a first mount.
   */
  public MountOutcome remount(PodVolume volume) {
    requireNonNull(volume, "volume");
    VolumeState state = volumes.get(key(volume));
    if (state == null) {
      return firstMount(volume);
    }
    List<ObjectVersion> current =
        driverVersion == DriverVersion.V1_5 ? state.versions() : List.<ObjectVersion>of();
    Instant now = clock.instant();
    MountOutcome outcome = call(volume, current);
    if (outcome.error().isPresent()) {
      volumes.put(key(volume), new VolumeState(state.versions(), state.lastWrite(), now));
      return driverVersion == DriverVersion.V1_6
          ? new MountOutcome(
              Optional.of(outcome.error().get().asMasked()),
              List.of(),
              List.of(),
              false,
              outcome.responseBytes())
          : outcome;
    }
    volumes.put(
        key(volume),
        new VolumeState(
            outcome.objectVersions(), outcome.rewritten() ? now : state.lastWrite(), now));
    return outcome;
  }

  /**
   * One periodic {@code NodePublishVolume} of kubelet for {@code volume} (every 60 to 90 s in a
   * cluster), with the driver's rotation rules on this simulator's clock: a volume that is not
   * mounted is mounted; with rotation off nothing happens; with driver v1.6 the provider is called
   * once the poll interval has passed since the volume's files were last written (the driver reads
   * the tmpfs root's modification time, which only a write changes); with driver v1.5 once it has
   * passed since the last re-mount (the reconciler's period).
   *
   * @return the outcome of the provider call, or empty when the driver would not call it
   */
  public Optional<MountOutcome> republish(PodVolume volume) {
    requireNonNull(volume, "volume");
    VolumeState state = volumes.get(key(volume));
    if (state == null) {
      return Optional.of(firstMount(volume));
    }
    if (!secretRotation) {
      return Optional.empty();
    }
    Instant since = driverVersion == DriverVersion.V1_6 ? state.lastWrite() : state.lastMount();
    if (clock.instant().isBefore(since.plus(rotationPollInterval))) {
      return Optional.empty();
    }
    return Optional.of(remount(volume));
  }

  /**
   * Unmounts {@code volume} as the driver's {@code NodeUnpublishVolume} does: removes every entry
   * of the target directory and forgets the volume's status.
   */
  public void unmount(PodVolume volume) {
    requireNonNull(volume, "volume");
    volumes.remove(key(volume));
    emptyDirectory(volume.targetPath());
  }

  /**
   * The object versions the driver keeps for {@code volume} (its {@code
   * SecretProviderClassPodStatus}), sorted by id; empty when the volume is not mounted.
   */
  public Optional<List<ObjectVersion>> status(PodVolume volume) {
    requireNonNull(volume, "volume");
    return Optional.ofNullable(volumes.get(key(volume))).map(VolumeState::versions);
  }

  /**
   * Sends exactly {@code call} and handles the response as the driver does (writing returned files
   * into the call's target path), without any volume bookkeeping: for protocol tests.
   */
  public MountOutcome send(MountCall call) {
    requireNonNull(call, "call");
    return exchange(call, "unknown/unknown");
  }

  private MountOutcome firstMount(PodVolume volume) {
    Instant now = clock.instant();
    MountOutcome outcome = call(volume, List.of());
    if (outcome.error().isPresent()) {
      // The driver unmounts its tmpfs after a failed first mount: whatever the provider wrote
      // vanishes, and kubelet retries the whole publish later.
      emptyDirectory(volume.targetPath());
      return outcome;
    }
    volumes.put(key(volume), new VolumeState(outcome.objectVersions(), now, now));
    return outcome;
  }

  private MountOutcome call(PodVolume volume, List<ObjectVersion> current) {
    String pod = volume.namespace() + "/" + volume.podName();
    if (volume.parameters().isEmpty()) {
      String detail =
          "parameters not set in " + volume.namespace() + "/" + volume.secretProviderClass();
      return MountOutcome.failed(
          new MountError("FailedToMount", Optional.empty(), detail, detail, false), 0);
    }
    MountCall call = MountCall.of(volume).withCurrentObjectVersions(current);
    return exchange(call, pod);
  }

  private MountOutcome exchange(MountCall call, String pod) {
    MountRequest.Builder request =
        MountRequest.newBuilder()
            .setAttributes(call.attributes())
            .setSecrets(call.secrets())
            .setTargetPath(call.targetPath())
            .setPermission(call.permission());
    for (ObjectVersion v : call.currentObjectVersions()) {
      request.addCurrentObjectVersion(
          io.ascp.csi.v1alpha1.ObjectVersion.newBuilder().setId(v.id()).setVersion(v.version()));
    }
    Path target = Path.of(call.targetPath());
    Optional<Path> before = dataLink(target);
    MountResponse response;
    try {
      response =
          CSIDriverProviderGrpc.newBlockingStub(channel)
              .withDeadlineAfter(mountTimeout.toNanos(), TimeUnit.NANOSECONDS)
              .mount(request.build());
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      String description = status.getDescription() == null ? "" : status.getDescription();
      String rpcError =
          "rpc error: code = " + goCodeName(status.getCode()) + " desc = " + description;
      return MountOutcome.failed(
          new MountError(
              "GRPCProviderError",
              Optional.of(status.getCode().name()),
              description,
              podError(pod, rpcError),
              false),
          0);
    }
    int size = response.getSerializedSize();
    if (response.hasError() && !response.getError().getCode().isEmpty()) {
      String code = response.getError().getCode();
      String detail = "mount request failed with provider error code " + code;
      return MountOutcome.failed(
          new MountError(code, Optional.empty(), detail, podError(pod, detail), false), size);
    }
    if (response.getObjectVersionCount() == 0) {
      String detail = "missing object versions";
      return MountOutcome.failed(
          new MountError(
              "GRPCProviderError", Optional.empty(), detail, podError(pod, detail), false),
          size);
    }
    Map<String, String> byId = new TreeMap<>();
    for (io.ascp.csi.v1alpha1.ObjectVersion v : response.getObjectVersionList()) {
      if (v.getId().isEmpty()) {
        // The driver would record it under an empty id; ascp-api has no such version.
        String detail = "an object version has an empty id";
        return MountOutcome.failed(
            new MountError(
                "GRPCProviderError", Optional.empty(), detail, podError(pod, detail), false),
            size);
      }
      byId.put(v.getId(), v.getVersion());
    }
    List<ObjectVersion> versions = new ArrayList<>(byId.size());
    byId.forEach((id, version) -> versions.add(new ObjectVersion(id, version)));

    List<MountedFile> returned = new ArrayList<>(response.getFilesCount());
    if (response.getFilesCount() > 0) {
      try {
        writer.write(target, response.getFilesList());
      } catch (DriverPayloadWriter.WriteException e) {
        String detail = e.getMessage() == null ? "" : e.getMessage();
        return MountOutcome.failed(
            new MountError(
                "FileWriteError", Optional.empty(), detail, podError(pod, detail), false),
            size);
      }
      for (io.ascp.csi.v1alpha1.File f : response.getFilesList()) {
        returned.add(
            new MountedFile(f.getPath(), f.getMode() & 0777, f.getContents().toByteArray()));
      }
    }
    boolean rewritten = !dataLink(target).equals(before);
    return new MountOutcome(Optional.empty(), versions, returned, rewritten, size);
  }

  private static String podError(String pod, String error) {
    return "failed to mount secrets store objects for pod " + pod + ", err: " + error;
  }

  /** Where {@code ..data} points, if it is a link. */
  private static Optional<Path> dataLink(Path target) {
    Path data = target.resolve("..data");
    try {
      return Files.isSymbolicLink(data)
          ? Optional.of(Files.readSymbolicLink(data))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void emptyDirectory(Path target) {
    if (!Files.isDirectory(target)) {
      return;
    }
    try (Stream<Path> entries = Files.list(target)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        DriverPayloadWriter.deleteTree(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path key(PodVolume volume) {
    return volume.targetPath().toAbsolutePath().normalize();
  }

  /** grpc-go's name of a status code, as it appears in {@code rpc error: code = ...}. */
  static String goCodeName(Status.Code code) {
    return switch (code) {
      case OK -> "OK";
      case CANCELLED -> "Canceled";
      case UNKNOWN -> "Unknown";
      case INVALID_ARGUMENT -> "InvalidArgument";
      case DEADLINE_EXCEEDED -> "DeadlineExceeded";
      case NOT_FOUND -> "NotFound";
      case ALREADY_EXISTS -> "AlreadyExists";
      case PERMISSION_DENIED -> "PermissionDenied";
      case RESOURCE_EXHAUSTED -> "ResourceExhausted";
      case FAILED_PRECONDITION -> "FailedPrecondition";
      case ABORTED -> "Aborted";
      case OUT_OF_RANGE -> "OutOfRange";
      case UNIMPLEMENTED -> "Unimplemented";
      case INTERNAL -> "Internal";
      case UNAVAILABLE -> "Unavailable";
      case DATA_LOSS -> "DataLoss";
      case UNAUTHENTICATED -> "Unauthenticated";
    };
  }

  /** Closes the channel and its event loop; the provider keeps running. */
  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "CsiDriverSimulator{socket=" + socket + ", driver=" + driverVersion + "}";
  }

  /** A builder of {@link CsiDriverSimulator}. */
  public static final class Builder {
    private final Path socket;
    private DriverVersion driverVersion = DriverVersion.V1_6;
    private Duration mountTimeout = KUBELET_TIMEOUT;
    private boolean secretRotation = true;
    private Duration rotationPollInterval = DEFAULT_ROTATION_POLL_INTERVAL;
    private Clock clock = Clock.systemUTC();

    private Builder(Path socket) {
      this.socket = requireNonNull(socket, "socket");
    }

    /** Sets the driver behaviour (default {@link DriverVersion#V1_6}). */
    public Builder driverVersion(DriverVersion driverVersion) {
      this.driverVersion = requireNonNull(driverVersion, "driverVersion");
      return this;
    }

    /** Sets the deadline of each Mount call (default 2 minutes, kubelet's). */
    public Builder mountTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("mountTimeout must be positive, got " + timeout);
      }
      this.mountTimeout = timeout;
      return this;
    }

    /**
     * Sets the driver's {@code --enable-secret-rotation} for {@link #republish} (default true; the
     * driver's own default is false).
     */
    public Builder secretRotation(boolean enabled) {
      this.secretRotation = enabled;
      return this;
    }

    /** Sets the driver's {@code --rotation-poll-interval} (default 2 minutes). */
    public Builder rotationPollInterval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("rotationPollInterval must not be negative");
      }
      this.rotationPollInterval = interval;
      return this;
    }

    /** Sets the clock that {@link #republish} measures the poll interval on (default: UTC). */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the simulator; it connects lazily, on the first call. */
    public CsiDriverSimulator build() {
      return new CsiDriverSimulator(this);
    }
  }
}
