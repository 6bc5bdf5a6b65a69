// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import io.ascp.api.AscpException;
import io.ascp.core.InMemorySecretSource;
import io.ascp.core.ParameterParser;
import io.ascp.core.SecretMounter;
import io.ascp.csi.kube.KubernetesLookups;
import io.ascp.csi.v1alpha1.CSIDriverProviderGrpc;
import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.csi.v1alpha1.VersionRequest;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Hostile input through the real socket (issue 11 §1): random and mutated attributes, {@code
 * objects} YAML, permissions, service-account tokens, JMESPath expressions and target paths, sent
 * to a daemon with ascp-core's real parser, pipeline and atomic writer over an in-memory store, in
 * provider-writes mode.
 *
 * <p>For every request: the answer is OK or a client-error status ({@code INVALID_ARGUMENT}, {@code
 * UNAUTHENTICATED}, {@code NOT_FOUND}, {@code FAILED_PRECONDITION}), never {@code UNKNOWN}, {@code
 * INTERNAL} or a dropped call; the message is one line and echoes a planted marker only when the
 * marker sits in an attribute whose value the reference echoes by design (region, objects, pod
 * names, ...), never from a token, an unknown attribute or a secret value; the same holds for every
 * log line; the daemon answers a Version call afterwards; and nothing outside the target directory
 * changes (a sentinel directory beside it, reached by symbolic links planted inside the target, is
 * snapshotted before and compared after every request).
 *
 * <p>Tries per property come from {@code jqwik.tries.default}: CI-sized in
 * src/test/resources/junit-platform.properties, 10,000 with {@code -Pfull}.
 */
class HostileInputTest {
  static final String TOKEN_MARKER = "HOSTILETOKENq7v";
  static final String SECRET_MARKER = "HOSTILESECRETw3n";
  static final String UNKNOWN_MARKER = "HOSTILEUNKNOWNk5";

  private static final String OBJECTS =
      """
      - objectName: db
        objectType: secretsmanager
        jmesPath:
          - path: user
            objectAlias: db-user
      - objectName: /app/level
        objectType: ssmparameter
      """;

  private static final Set<String> ECHOED_ATTRIBUTES =
      Set.of(
          "region",
          "failoverRegion",
          "objects",
          "usePodIdentity",
          "pathTranslation",
          "preferredAddressType",
          "secretProviderClass",
          "csi.storage.k8s.io/pod.name",
          "csi.storage.k8s.io/pod.namespace",
          "csi.storage.k8s.io/pod.uid",
          "csi.storage.k8s.io/serviceAccount.name");

  private static final Set<Status.Code> CLIENT_ERRORS =
      Set.of(
          Status.Code.OK,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.UNAUTHENTICATED,
          Status.Code.NOT_FOUND,
          Status.Code.FAILED_PRECONDITION);

  private static @Nullable Path root;
  private static @Nullable Daemon daemon;
  private static @Nullable UdsClient client;
  private static @Nullable SecretMounter mounter;
  private static final List<String> logLines = new CopyOnWriteArrayList<>();
  private static final AppenderBase<ILoggingEvent> capture =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          String line = event.getLevel() + " " + event.getFormattedMessage();
          if (event.getThrowableProxy() != null) {
            line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
          }
          logLines.add(line);
        }
      };
  private static final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
  private static @Nullable Level previousLevel;
  private static final AtomicInteger counter = new AtomicInteger();
  private static final Map<String, AtomicInteger> cases = new TreeMap<>();
  private static Map<String, String> sentinelSnapshot = Map.of();
  private static Set<String> rootSnapshot = Set.of();

  // ---------------------------------------------------------------------------------------------
  // The daemon, the sentinel and the log capture.

  @BeforeContainer
  static void start() throws IOException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "hostile");
    root = dir;
    Path sentinel = Files.createDirectory(dir.resolve("sentinel"));
    Files.writeString(sentinel.resolve("keep"), "sentinel");
    Files.createDirectory(sentinel.resolve("sub"));
    Files.writeString(sentinel.resolve("sub/db"), "sentinel too");
    Files.createDirectory(dir.resolve("targets"));
    Files.createDirectory(dir.resolve("socket"));
    sentinelSnapshot = snapshot(sentinel);
    rootSnapshot = listing(dir);

    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger rootLogger = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLogger.iteratorForAppenders().forEachRemaining(detached::add);
    detached.forEach(rootLogger::detachAppender); // thousands of requests: keep the console quiet
    capture.setContext(logback);
    capture.start();
    rootLogger.addAppender(capture);
    Logger ascp = logback.getLogger("io.ascp");
    previousLevel = ascp.getLevel();
    ascp.setLevel(Level.DEBUG);

    InMemorySecretSource store =
        InMemorySecretSource.builder()
            .secret("db", "{\"user\":\"admin\",\"password\":\"" + SECRET_MARKER + "\"}")
            .parameter("/app/level", "debug " + SECRET_MARKER)
            .build();
    SecretMounter m = SecretMounter.builder().source(store).build();
    mounter = m;
    Wiring wiring = new Wiring(Wiring.coreParser(), m::mount, Wiring.coreWriter());
    Daemon d =
        Daemon.start(
            DaemonConfig.builder().providerVolume(dir.resolve("socket").toString()).build(),
            wiring,
            new AnyRole(),
            Optional.of("us-east-1"));
    daemon = d;
    client = new UdsClient(d.socketPath());
  }

  @AfterContainer
  static void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    if (daemon != null) {
      daemon.close();
    }
    if (mounter != null) {
      mounter.close();
    }
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger rootLogger = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLogger.detachAppender(capture);
    capture.stop();
    detached.forEach(rootLogger::addAppender);
    logback.getLogger("io.ascp").setLevel(previousLevel);
    if (root != null) {
      deleteTree(root);
    }
    synchronized (cases) {
      // The figure docs/reliability.md reports.
      System.out.println(
          "HostileInputTest: " + counter.get() + " hostile requests through the socket " + cases);
    }
  }

  /** Kubernetes lookups that give every service account a role (the store ignores identities). */
  private static final class AnyRole implements KubernetesLookups {
    @Override
    public Optional<String> serviceAccountRoleArn(String namespace, String name) {
      return Optional.of("arn:aws:iam::111122223333:role/any");
    }

    @Override
    public String podRegion(String namespace, String name, String podUid) {
      return "us-east-1";
    }

    @Override
    public void close() {}
  }

  // ---------------------------------------------------------------------------------------------
  // The properties.

  @Property
  void hostileAttributes(@ForAll("attributeDocuments") String attributes) {
    check("attributes", new Case(attributes, "420", TargetKind.FRESH));
  }

  @Property
  void hostileObjects(@ForAll("objects") String objects) {
    check("objects", new Case(attributes(Map.of("objects", objects)), "420", TargetKind.FRESH));
  }

  @Property
  void hostilePermissions(@ForAll("permissions") String permission) {
    check("permission", new Case(attributes(Map.of()), permission, TargetKind.FRESH));
  }

  @Property
  void hostileTokens(@ForAll("tokens") String tokens) {
    check(
        "tokens",
        new Case(
            attributes(Map.of("csi.storage.k8s.io/serviceAccount.tokens", tokens)),
            "420",
            TargetKind.FRESH));
  }

  @Property
  void hostileJmesPaths(@ForAll("jmesPaths") String path) {
    String objects =
        "- objectName: db\n  objectType: secretsmanager\n  jmesPath:\n    - path: "
            + yamlQuoted(path)
            + "\n      objectAlias: picked\n";
    check("jmesPath", new Case(attributes(Map.of("objects", objects)), "420", TargetKind.FRESH));
  }

  @Property
  void hostileTargets(@ForAll TargetKind kind) {
    check("target", new Case(attributes(Map.of()), "420", kind));
  }

  @Example
  void theBaseRequestSucceedsAndWritesTheFiles() throws IOException {
    Path target = check("base", new Case(attributes(Map.of()), "420", TargetKind.FRESH)).target;
    assertThat(Files.readString(target.resolve("db-user"))).isEqualTo("admin");
    assertThat(Files.readString(target.resolve("_app_level"))).contains(SECRET_MARKER);
  }

  @Example
  void everyPlantedLinkIsReplacedAndTheSentinelKept() throws IOException {
    for (TargetKind kind : TargetKind.values()) {
      if (kind.planted) {
        Outcome outcome = check("target", new Case(attributes(Map.of()), "420", kind));
        assertThat(outcome.status.getCode()).as(kind.name()).isEqualTo(Status.Code.OK);
        assertThat(Files.readString(outcome.target.resolve("db-user"))).isEqualTo("admin");
        assertThat(Files.isSymbolicLink(outcome.target.resolve("..data"))).isTrue();
        assertThat(Files.readSymbolicLink(outcome.target.resolve("..data")).toString())
            .startsWith("..")
            .doesNotContain("/");
      }
    }
  }

  @Example
  void unsafeTargetPathsAreInvalidArguments() {
    for (TargetKind kind :
        List.of(
            TargetKind.RELATIVE,
            TargetKind.DOT_DOT,
            TargetKind.MISSING,
            TargetKind.A_FILE,
            TargetKind.LINK_TO_SENTINEL,
            TargetKind.VERY_LONG)) {
      Outcome outcome = check("target", new Case(attributes(Map.of()), "420", kind));
      assertThat(outcome.status.getCode()).as(kind.name()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(outcome.status.getDescription()).as(kind.name()).startsWith("Invalid mount path");
    }
  }

  @Example
  void permissionsWithFileTypeBitsAreMaskedNotAnInternalError() throws IOException {
    // Found by hostilePermissions: a 32-bit mode above 07777 once failed as INTERNAL.
    Outcome dirBit =
        check("permission", new Case(attributes(Map.of()), "2147484068", TargetKind.FRESH));
    assertThat(dirBit.status.getCode()).isEqualTo(Status.Code.OK);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dirBit.target.resolve("db-user"))))
        .isEqualTo("rw-r--r--");
    Outcome all =
        check("permission", new Case(attributes(Map.of()), "4294967295", TargetKind.FRESH));
    assertThat(all.status.getCode()).isEqualTo(Status.Code.OK);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(all.target.resolve("db-user"))))
        .isEqualTo("rwxrwxrwx");
  }

  @Example
  void aTokenOfAnotherPodIsRefusedWithoutEchoingIt() {
    String tokens =
        tokensJson(
            jwt(claims("shop", "web", "web-0", "uid-OTHER")),
            jwt(claims("shop", "web", "web-0", "uid-OTHER")));
    Outcome outcome =
        check(
            "tokens",
            new Case(
                attributes(Map.of("csi.storage.k8s.io/serviceAccount.tokens", tokens)),
                "420",
                TargetKind.FRESH));
    assertThat(outcome.status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(outcome.status.getDescription())
        .isEqualTo(
            "Service account token mismatch: the service-account token for audience"
                + " \"pods.eks.amazonaws.com\" was not issued for this pod: its claim"
                + " kubernetes.io.pod.uid does not match the attribute csi.storage.k8s.io/pod.uid");
    assertThat(outcome.logs).isNotEmpty().noneMatch(line -> line.contains(TOKEN_MARKER));
  }

  @Example
  void aYamlAliasBombIsRefusedQuickly() {
    Outcome outcome =
        check(
            "objects",
            new Case(attributes(Map.of("objects", aliasBomb(9, 9))), "420", TargetKind.FRESH));
    assertThat(outcome.status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(outcome.status.getDescription())
        .startsWith("Failed to load SecretProviderClass: objects expands to more than 250000");
  }

  @Example
  void tooManyObjectsAreRefusedWithTheLimit() {
    StringBuilder objects = new StringBuilder();
    for (int i = 0; i <= 1000; i++) {
      objects.append("- {objectName: o").append(i).append(", objectType: secretsmanager}\n");
    }
    Outcome outcome =
        check(
            "objects",
            new Case(attributes(Map.of("objects", objects.toString())), "420", TargetKind.FRESH));
    assertThat(outcome.status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(outcome.status.getDescription())
        .isEqualTo("objects lists 1001 objects; the limit is 1000 per mount");
  }

  @Example
  void anOversizeRequestGetsAClearStatusAndTheDaemonKeepsServing() {
    counted("size");
    MountRequest big =
        request(
            attributes(Map.of("padding", "x".repeat(ProviderServer.MAX_INBOUND_MESSAGE_BYTES))),
            "420",
            "/nonexistent");
    assertThat(big.getSerializedSize()).isGreaterThan(ProviderServer.MAX_INBOUND_MESSAGE_BYTES);
    Status status = call(big);
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(status.getDescription())
        .contains("exceeds maximum size " + ProviderServer.MAX_INBOUND_MESSAGE_BYTES)
        .doesNotContain("xxxx");
    assertServing();

    // Just under the limit: served normally.
    Outcome outcome =
        check(
            "size",
            new Case(
                attributes(
                    Map.of(
                        "padding",
                        UNKNOWN_MARKER
                            + "x".repeat(ProviderServer.MAX_INBOUND_MESSAGE_BYTES - 64 * 1024))),
                "420",
                TargetKind.FRESH));
    assertThat(outcome.status.getCode()).isEqualTo(Status.Code.OK);
  }

  @Example
  void invalidUtf8IsRefusedByGrpcAndTheDaemonKeepsServing() throws IOException {
    counted("utf8");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    request(attributes(Map.of()), "420", "/tmp").writeTo(bytes);
    // A second attributes field (number 1, length-delimited) with invalid UTF-8; the last wins.
    byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    bytes.write(0x0A);
    bytes.write(invalid.length);
    bytes.write(invalid);
    MethodDescriptor<byte[], byte[]> raw =
        CSIDriverProviderGrpc.getMountMethod().toBuilder(new RawBytes(), new RawBytes()).build();
    Status status;
    try {
      ClientCalls.blockingUnaryCall(
          running().channel,
          raw,
          CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
          bytes.toByteArray());
      status = Status.OK;
    } catch (StatusRuntimeException e) {
      status = e.getStatus();
    }
    // gRPC itself refuses the message before the provider sees it (its protobuf parser checks
    // UTF-8); grpc-java ends the call with UNKNOWN and no description, grpc-go with INTERNAL.
    assertThat(status.getCode()).isIn(Status.Code.UNKNOWN, Status.Code.INTERNAL);
    assertThat(Optional.ofNullable(status.getDescription()).orElse("")).doesNotContain("\"a\"");
    assertServing();
  }

  /** A marshaller of raw message bytes. */
  private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Running one case and checking every property of its answer.

  /** The target directory a case mounts into. */
  enum TargetKind {
    FRESH(false),
    DATA_LINK_ABSOLUTE(true),
    DATA_LINK_RELATIVE(true),
    TOP_LEVEL_LINKS(true),
    TIMESTAMP_LINK(true),
    STAGING_LINKS(true),
    DIRECTORY_IN_THE_WAY(true),
    RELATIVE(false),
    DOT_DOT(false),
    MISSING(false),
    A_FILE(false),
    LINK_TO_SENTINEL(false),
    VERY_LONG(false),
    EMPTY(false),
    TRAILING_SLASH(false);

    final boolean planted;

    TargetKind(boolean planted) {
      this.planted = planted;
    }
  }

  record Case(String attributes, String permission, TargetKind target) {}

  record Outcome(Status status, Path target, List<String> logs) {}

  private static Outcome check(String category, Case c) {
    int n = counted(category);
    Path dir = root().resolve("targets").resolve("t" + n);
    String targetPath = prepare(c.target(), dir, n);
    int logStart = logLines.size();

    Status status = call(request(c.attributes(), c.permission(), targetPath));
    List<String> logs = List.copyOf(logLines.subList(logStart, logLines.size()));

    String echoable = echoable(c.attributes()) + c.permission() + targetPath;
    assertThat(CLIENT_ERRORS).as("status of %s", status).contains(status.getCode());
    String description = Optional.ofNullable(status.getDescription()).orElse("");
    assertThat(description).doesNotContain("\n", "\r", SECRET_MARKER);
    for (String marker : List.of(TOKEN_MARKER, UNKNOWN_MARKER)) {
      if (!echoable.contains(marker)) {
        assertThat(description).as("message").doesNotContain(marker);
        assertThat(logs).as("logs").noneMatch(line -> line.contains(marker));
      }
    }
    assertThat(logs).as("logs").noneMatch(line -> line.contains(SECRET_MARKER));

    assertServing();
    assertThat(snapshot(root().resolve("sentinel"))).isEqualTo(sentinelSnapshot);
    assertThat(listing(root())).isEqualTo(rootSnapshot);
    assertThat(Path.of("hostile-rel-" + n)).doesNotExist();
    return new Outcome(status, dir, logs);
  }

  private static Status call(MountRequest request) {
    try {
      running().blocking().mount(request);
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  private static void assertServing() {
    assertThat(running().blocking().version(VersionRequest.getDefaultInstance()).getVersion())
        .isEqualTo("v1alpha1");
  }

  private static int counted(String category) {
    synchronized (cases) {
      cases.computeIfAbsent(category, k -> new AtomicInteger()).incrementAndGet();
    }
    return counter.incrementAndGet();
  }

  /** Prepares the target of a case; returns the request's {@code target_path}. */
  private static String prepare(TargetKind kind, Path dir, int n) {
    Path sentinel = root().resolve("sentinel");
    try {
      switch (kind) {
        case RELATIVE -> {
          return "hostile-rel-" + n;
        }
        case DOT_DOT -> {
          Files.createDirectory(dir);
          return dir + "/../../sentinel";
        }
        case MISSING -> {
          return dir.toString();
        }
        case A_FILE -> {
          Files.writeString(dir, "a file");
          return dir.toString();
        }
        case LINK_TO_SENTINEL -> {
          Files.createSymbolicLink(dir, sentinel);
          return dir.toString();
        }
        case VERY_LONG -> {
          return dir + "/" + "a".repeat(300) + "/" + "b".repeat(5000);
        }
        case EMPTY -> {
          return "";
        }
        case TRAILING_SLASH -> {
          Files.createDirectory(dir);
          return dir + "/";
        }
        default -> {
          // The directory exists; the planted kinds put links to the sentinel inside it.
        }
      }
      Files.createDirectory(dir);
      switch (kind) {
        case DATA_LINK_ABSOLUTE -> Files.createSymbolicLink(dir.resolve("..data"), sentinel);
        case DATA_LINK_RELATIVE ->
            Files.createSymbolicLink(dir.resolve("..data"), Path.of("../../sentinel"));
        case TOP_LEVEL_LINKS -> {
          Files.createSymbolicLink(dir.resolve("_app_level"), sentinel.resolve("keep"));
          Files.createSymbolicLink(dir.resolve("db-user"), sentinel.resolve("sub"));
          Files.createSymbolicLink(dir.resolve("db"), sentinel.resolve("sub/db"));
        }
        case TIMESTAMP_LINK -> {
          Files.createSymbolicLink(dir.resolve("..2026_01_01_00_00_00.000000000"), sentinel);
          Files.createSymbolicLink(
              dir.resolve("..data"), Path.of("..2026_01_01_00_00_00.000000000"));
        }
        case STAGING_LINKS -> {
          Files.createSymbolicLink(dir.resolve("..data_tmp"), sentinel);
          Files.createSymbolicLink(dir.resolve("..link_tmp"), sentinel.resolve("keep"));
          Files.createSymbolicLink(dir.resolve("..replaced"), sentinel);
        }
        case DIRECTORY_IN_THE_WAY -> {
          Path in = Files.createDirectory(dir.resolve("db"));
          Files.createSymbolicLink(in.resolve("escape"), sentinel);
          Files.createSymbolicLink(in.resolve("keep"), sentinel.resolve("keep"));
        }
        default -> {}
      }
      return dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text a message may echo: permission, target and the values the reference echoes. */
  private static String echoable(String attributesJson) {
    StringBuilder text = new StringBuilder();
    try {
      ParameterParser.parseAttributes(attributesJson)
          .forEach(
              (key, value) -> {
                if (ECHOED_ATTRIBUTES.contains(key)) {
                  text.append(value).append('\u0000');
                }
              });
    } catch (AscpException e) {
      // Not decodable: nothing of it may be echoed.
    }
    return text.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Requests.

  private static MountRequest request(String attributes, String permission, String targetPath) {
    return MountRequest.newBuilder()
        .setAttributes(attributes)
        .setSecrets("null")
        .setTargetPath(targetPath)
        .setPermission(permission)
        .build();
  }

  /** The base attributes (a valid request) with {@code overrides}, as Go writes the JSON. */
  static String attributes(Map<String, String> overrides) {
    Map<String, String> attributes = new TreeMap<>();
    attributes.put("secretProviderClass", "spc");
    attributes.put("csi.storage.k8s.io/pod.name", "web-0");
    attributes.put("csi.storage.k8s.io/pod.namespace", "shop");
    attributes.put("csi.storage.k8s.io/pod.uid", "uid-1");
    attributes.put("csi.storage.k8s.io/serviceAccount.name", "web");
    attributes.put("csi.storage.k8s.io/ephemeral", "true");
    attributes.put(
        "csi.storage.k8s.io/serviceAccount.tokens",
        tokensJson(
            jwt(claims("shop", "web", "web-0", "uid-1")),
            jwt(claims("shop", "web", "web-0", "uid-1"))));
    attributes.put("region", "us-east-1");
    attributes.put("objects", OBJECTS);
    attributes.put("unknownParameter", UNKNOWN_MARKER);
    attributes.putAll(overrides);
    StringBuilder json = new StringBuilder("{");
    attributes.forEach(
        (k, v) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append(jsonString(k)).append(':').append(jsonString(v));
        });
    return json.append('}').toString();
  }

  static String jsonString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  static String tokensJson(String sts, String podIdentity) {
    return "{\"pods.eks.amazonaws.com\":{\"token\":"
        + jsonString(podIdentity)
        + ",\"expirationTimestamp\":\"2030-01-01T00:00:00Z\"},\"sts.amazonaws.com\":{\"token\":"
        + jsonString(sts)
        + ",\"expirationTimestamp\":\"2030-01-01T00:00:00Z\"}}";
  }

  /** The claims kubelet's bound tokens carry. */
  static String claims(String namespace, String account, String pod, String uid) {
    return "{\"aud\":[\"sts.amazonaws.com\"],\"exp\":1900000000,\"kubernetes.io\":{\"namespace\":"
        + jsonString(namespace)
        + ",\"pod\":{\"name\":"
        + jsonString(pod)
        + ",\"uid\":"
        + jsonString(uid)
        + "},\"serviceaccount\":{\"name\":"
        + jsonString(account)
        + "}},\"sub\":"
        + jsonString("system:serviceaccount:" + namespace + ":" + account)
        + "}";
  }

  /** An unsigned JWT-shaped token with these claims and the marker as its signature. */
  static String jwt(String claimsJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(UTF_8))
        + "."
        + b64.encodeToString(claimsJson.getBytes(UTF_8))
        + "."
        + TOKEN_MARKER;
  }

  static String yamlQuoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
              } else if (cp < 0x20 || cp == 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.append('"').toString();
  }

  static String aliasBomb(int levels, int width) {
    StringBuilder yaml = new StringBuilder("- objectName: &a0 lol\n  objectType: secretsmanager\n");
    yaml.append("- objectName: db\n  objectType: secretsmanager\n  x0: &b0 [*a0]\n");
    for (int i = 1; i < levels; i++) {
      yaml.append("  x").append(i).append(": &b").append(i).append(" [");
      for (int j = 0; j < width; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*b").append(i - 1);
      }
      yaml.append("]\n");
    }
    return yaml.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Generators.

  private static final List<String> NOISE =
      List.of(
          "{",
          "}",
          "[",
          "]",
          "\"",
          ":",
          ",",
          "\\",
          "\n",
          "\t",
          " ",
          "'",
          "-",
          "#",
          "&",
          "*",
          "!",
          "|",
          ">",
          "%",
          "@",
          "\u0000",
          "\ufeff",
          "\ud800",
          "é",
          "0",
          "1",
          ".",
          "e",
          "null",
          "\\u",
          "\u2028",
          "~",
          "<<",
          "---",
          "...",
          TOKEN_MARKER,
          UNKNOWN_MARKER);

  private record Mutation(int op, double at, double span, String noise) {}

  /** {@code base} with one to six random edits: deletions, insertions, replacements, cuts. */
  static Arbitrary<String> mutated(String base) {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.of(NOISE))
            .as(Mutation::new);
    return mutation
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(
            edits -> {
              StringBuilder s = new StringBuilder(base);
              for (Mutation m : edits) {
                int at = (int) (m.at() * s.length());
                int span = 1 + (int) (m.span() * 12);
                switch (m.op()) {
                  case 0 -> s.delete(at, Math.min(s.length(), at + span));
                  case 1 -> s.insert(at, m.noise());
                  case 2 -> s.replace(at, Math.min(s.length(), at + 1), m.noise());
                  case 3 -> s.insert(at, s.substring(at, Math.min(s.length(), at + span)));
                  default -> s.setLength(at);
                }
              }
              return s.toString();
            });
  }

  static Arbitrary<String> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(60),
        Arbitraries.of(NOISE).list().ofMaxSize(20).map(l -> String.join("", l)));
  }

  static Arbitrary<Integer> depth() {
    return Arbitraries.integers().between(1, 20_000).edgeCases(e -> e.includeOnly(64, 65, 10_001));
  }

  @Provide
  Arbitrary<String> attributeDocuments() {
    String base = attributes(Map.of());
    return Arbitraries.frequencyOf(
        Tuple.of(8, mutated(base)),
        Tuple.of(2, noise().map(s -> s + TOKEN_MARKER)),
        Tuple.of(1, depth().map(d -> "[".repeat(d) + "]".repeat(d))),
        Tuple.of(1, depth().map(d -> "{\"a\":".repeat(d) + TOKEN_MARKER.length() + "}".repeat(d))),
        Tuple.of(
            2,
            Arbitraries.of(
                "null",
                "",
                "{}",
                "[]",
                "\"" + TOKEN_MARKER + "\"",
                base.replace("\"us-east-1\"", "5"),
                base.replace("\"us-east-1\"", "null"),
                base.replace("\"us-east-1\"", "[\"" + TOKEN_MARKER + "\"]"),
                base.replace("\"us-east-1\"", "{\"a\":\"" + UNKNOWN_MARKER + "\"}"),
                base.replace("{", "{\"region\":\"" + TOKEN_MARKER + "\","),
                base + "x",
                base + " " + base,
                "\ufeff" + base,
                base.replace(":", " : "),
                base.replace("\"region\"", "\"Region\""))),
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(1, 3 * 1024 * 1024)
                .map(size -> attributes(Map.of("padding", "p".repeat(size) + UNKNOWN_MARKER)))));
  }

  private static final List<String> ODD_SCALARS =
      List.of(
          "~",
          "null",
          "Null",
          ".nan",
          ".inf",
          "-.inf",
          "0x1F",
          "0o17",
          "0777",
          "0644",
          "1e400",
          "1_000",
          "-0",
          "yes",
          "no",
          "on",
          "off",
          "y",
          "n",
          "true",
          "2001-12-14t21:59:43.10-05:00",
          "2002-12-14",
          "!!binary aGVsbG8=",
          "!!binary !!!",
          "!!timestamp 2001-12-14",
          "!!str 12",
          "!!int x",
          "!!float y",
          "!!null ''",
          "!custom value",
          "<<",
          "*undefined",
          "&a x",
          "''",
          "'quoted'",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"\\x41\"",
          "|\n    block",
          ">-\n    folded",
          "[]",
          "{}",
          "[a, b]",
          "{a: b}",
          "\"" + "n".repeat(300) + "\"",
          "..",
          "../../etc",
          "a/../../b",
          "/",
          "arn:aws:secretsmanager:us-east-1:1:secret:x",
          "arn:aws:ssm::",
          "arn:",
          "\t",
          "?",
          "- x",
          "%TAG",
          "\"\\t\"",
          "MARKER " + UNKNOWN_MARKER);

  private static final List<String> KEYS =
      List.of(
          "objectName",
          "objectType",
          "objectAlias",
          "objectVersion",
          "objectVersionLabel",
          "filePermission",
          "jmesPath",
          "failoverObject",
          "OBJECTNAME",
          "objectname",
          "unknownKey",
          "<<",
          "? complex");

  @Provide
  Arbitrary<String> objects() {
    Arbitrary<String> descriptor =
        Combinators.combine(Arbitraries.of(KEYS), Arbitraries.of(ODD_SCALARS))
            .as((k, v) -> "  " + k + ": " + v + "\n")
            .list()
            .ofMinSize(1)
            .ofMaxSize(8)
            .map(
                lines ->
                    "- objectName: db\n  objectType: secretsmanager\n" + String.join("", lines));
    return Arbitraries.frequencyOf(
        Tuple.of(6, mutated(OBJECTS)),
        Tuple.of(6, descriptor),
        Tuple.of(2, descriptor.map(s -> s.replace("  ", "\t"))),
        Tuple.of(1, descriptor.map(s -> "\ufeff" + s)),
        Tuple.of(1, descriptor.map(s -> s + s)), // duplicate keys and names
        Tuple.of(1, depth().map(d -> "- objectName: " + "[".repeat(d) + "]".repeat(d))),
        Tuple.of(1, depth().map(d -> "a: {".repeat(d) + "}".repeat(d))),
        Tuple.of(
            1,
            Combinators.combine(
                    Arbitraries.integers().between(2, 12), Arbitraries.integers().between(2, 12))
                .as(HostileInputTest::aliasBomb)),
        Tuple.of(2, noise()),
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(1, 3000)
                .map(
                    count ->
                        "- {objectName: db, objectType: secretsmanager}\n"
                            + "- {objectName: x, objectType: ssmparameter, unknown: y}\n"
                                .repeat(count))),
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(1024 * 1024, 3 * 1024 * 1024)
                .map(size -> OBJECTS + "# " + "c".repeat(size) + "\n")));
  }

  @Provide
  Arbitrary<String> permissions() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "420",
            "0644",
            "0",
            "-1",
            "4294967295",
            "4294967296",
            "1e3",
            "4.2",
            "null",
            "true",
            "\"420\"",
            "",
            " 420 ",
            "[420]",
            "{}",
            "0x1a4",
            "9".repeat(400),
            "420 420",
            TOKEN_MARKER),
        Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE).map(String::valueOf),
        mutated("420"),
        noise());
  }

  @Provide
  Arbitrary<String> tokens() {
    String good = jwt(claims("shop", "web", "web-0", "uid-1"));
    String base = tokensJson(good, good);
    Arbitrary<String> claim =
        Arbitraries.of(
            claims("other", "web", "web-0", "uid-1"),
            claims("shop", "admin", "web-0", "uid-1"),
            claims("shop", "web", "web-1", "uid-1"),
            claims("shop", "web", "web-0", "uid-2"),
            "{\"sub\":\"system:serviceaccount:kube-system:admin\"}",
            "{\"sub\":" + jsonString(TOKEN_MARKER) + "}",
            "{\"kubernetes.io\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
            "not json",
            "{}");
    Arbitrary<String> token =
        Arbitraries.oneOf(
            claim.map(HostileInputTest::jwt),
            Arbitraries.strings().all().ofMaxLength(40).map(s -> s + TOKEN_MARKER),
            Arbitraries.strings()
                .all()
                .ofMaxLength(40)
                .map(
                    s ->
                        "eyJ."
                            + Base64.getUrlEncoder().encodeToString(s.getBytes(UTF_8))
                            + "."
                            + TOKEN_MARKER),
            Arbitraries.of(TOKEN_MARKER + "\r\nX: y", "", TOKEN_MARKER));
    return Arbitraries.oneOf(
        mutated(base),
        Combinators.combine(token, token).as(HostileInputTest::tokensJson),
        token.map(t -> "{\"sts.amazonaws.com\":{\"token\":" + jsonString(t) + "}}"),
        token.map(t -> "{\"sts.amazonaws.com\":{\"Token\":" + jsonString(t) + ",\"token\":5}}"),
        Arbitraries.of(
            "null",
            "",
            "{}",
            "[]",
            "{\"sts.amazonaws.com\":null}",
            "{\"sts.amazonaws.com\":{\"token\":\"\"}}",
            "{\"sts.amazonaws.com\":\"" + TOKEN_MARKER + "\"}",
            "{\"" + TOKEN_MARKER + "\":{\"token\":\"" + TOKEN_MARKER + "\"}}",
            "[".repeat(20_000)),
        noise().map(s -> s + TOKEN_MARKER));
  }

  @Provide
  Arbitrary<String> jmesPaths() {
    Arbitrary<String> syntax =
        Arbitraries.of(
                "user",
                "password",
                "missing",
                ".",
                "[",
                "]",
                "*",
                "@",
                "|",
                "&",
                "!",
                "==",
                "<",
                "(",
                ")",
                "{",
                "}",
                "'",
                ":",
                ",",
                "`1`",
                "`\"x\"`",
                "length(@)",
                "\"quoted\"",
                "[0]",
                "[?a]",
                "&&",
                "||",
                " ",
                "\\",
                "$",
                "-1",
                "sort_by(@, &a)",
                "to_number(@)")
            .list()
            .ofMinSize(1)
            .ofMaxSize(12)
            .map(l -> String.join("", l));
    return Arbitraries.oneOf(
        syntax,
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(50),
        Arbitraries.integers().between(1, 3000).map(d -> "(".repeat(d) + "user" + ")".repeat(d)),
        Arbitraries.integers().between(1, 3000).map(d -> "[".repeat(d) + "]".repeat(d)),
        Arbitraries.integers().between(1000, 5000).map(n -> "a".repeat(n)),
        Arbitraries.integers().between(1, 1500).map(n -> "user" + ".user".repeat(n)));
  }

  // ---------------------------------------------------------------------------------------------
  // File system snapshots.

  private static Path root() {
    return java.util.Objects.requireNonNull(root, "root");
  }

  private static UdsClient running() {
    return java.util.Objects.requireNonNull(client, "client");
  }

  /**
   * Every entry under {@code dir} (no links followed): type, mode, and content digest or target.
   */
  private static Map<String, String> snapshot(Path dir) {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String key = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          entries.put(key, "link " + Files.readSymbolicLink(p));
        } else {
          String mode =
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
          entries.put(
              key,
              Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                  ? "dir " + mode
                  : "file " + mode + " " + digest(Files.readAllBytes(p)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  private static Set<String> listing(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return Set.copyOf(list.map(p -> p.getFileName().toString()).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, @Nullable IOException e)
              throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
