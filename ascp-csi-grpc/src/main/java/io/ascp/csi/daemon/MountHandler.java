// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.ascp.api.AddressPreference;
import io.ascp.api.AscpException;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectVersion;
import io.ascp.api.ServiceAccountToken;
import io.ascp.core.AttributeKeys;
import io.ascp.core.ParameterParser;
import io.ascp.csi.kube.KubernetesLookups;
import io.ascp.csi.v1alpha1.MountResponse;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one Mount request into a call of the mount pipeline and its result into the response, in
 * the reference provider's order of checks (reference §2.3), so that the same bad request gets the
 * same first error: target path, attributes, tokens, permission, region, failover region, {@code
 * usePodIdentity}, credentials (with the service-account lookup for IRSA, then ascp-java's check
 * that the tokens' claims name the request's pod), then the objects, the fetch and the files.
 *
 * <p>Every failure is an {@link AscpException} whose message is safe: tokens and attribute values
 * never appear in it. In driver-writes mode a response larger than the driver accepts ({@value
 * #MAX_RESPONSE_BYTES} bytes) fails with {@link ErrorCode#INVALID_PARAMETERS} before it is sent.
 * Between steps the handler asks its {@link Checkpoint} whether the call is still wanted.
 */
final class MountHandler {
  private static final Logger log = LoggerFactory.getLogger(MountHandler.class);

  /** Throws when the call was cancelled or its deadline passed. */
  @FunctionalInterface
  interface Checkpoint {
    /** Returns normally while the call is still wanted. */
    void check();

    /** A checkpoint that never fires. */
    Checkpoint NONE = () -> {};
  }

  /**
   * The largest Mount response the driver accepts: its {@code --max-call-recv-msg-size} default
   * (grpc-go's 4 MiB). A response above it would fail in the driver's gRPC client with a transport
   * error that names no object; checked here, the pod's event says what to change instead.
   */
  static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

  private final boolean driverWritesSecrets;
  private final Wiring wiring;
  private final KubernetesLookups kubernetes;
  private final Optional<String> awsRegionEnv;

  /**
   * Creates a handler.
   *
   * @param driverWritesSecrets whether files go back in the response (else the writer writes them)
   * @param wiring the ascp-core pieces
   * @param kubernetes the Kubernetes lookups (not closed by this handler)
   * @param awsRegionEnv the daemon's {@code AWS_REGION}, used when the {@code region} attribute is
   *     empty
   */
  MountHandler(
      boolean driverWritesSecrets,
      Wiring wiring,
      KubernetesLookups kubernetes,
      Optional<String> awsRegionEnv) {
    this.driverWritesSecrets = driverWritesSecrets;
    this.wiring = requireNonNull(wiring, "wiring");
    this.kubernetes = requireNonNull(kubernetes, "kubernetes");
    this.awsRegionEnv = requireNonNull(awsRegionEnv, "awsRegionEnv").filter(r -> !r.isEmpty());
  }

  /** Handles one request; throws {@link AscpException} on every failure. */
  MountResponse mount(io.ascp.csi.v1alpha1.MountRequest request, Checkpoint checkpoint) {
    return mount(request, checkpoint, new MountLog.Summary());
  }

  /**
   * Handles one request, noting in {@code summary} what its summary line reports; throws {@link
   * AscpException} on every failure.
   */
  MountResponse mount(
      io.ascp.csi.v1alpha1.MountRequest request, Checkpoint checkpoint, MountLog.Summary summary) {
    log.debug(
        driverWritesSecrets
            ? "Driver is configured to write secrets"
            : "Provider is configured to write secrets");

    // 1. The target path.
    String targetPath = request.getTargetPath();
    if (targetPath.isEmpty()) {
      throw invalid("Missing mount path");
    }

    // 2. The attributes: a JSON object of strings.
    Map<String, String> attributes = ParameterParser.parseAttributes(request.getAttributes());
    String namespace = attribute(attributes, AttributeKeys.POD_NAMESPACE);
    String serviceAccount = attribute(attributes, AttributeKeys.SERVICE_ACCOUNT_NAME);
    String podName = attribute(attributes, AttributeKeys.POD_NAME);
    String podUid = attribute(attributes, AttributeKeys.POD_UID);
    summary.pod(namespace, podName);
    summary.secretProviderClass(attribute(attributes, AttributeKeys.SECRET_PROVIDER_CLASS));

    // 3. The service-account tokens (required, unless no identity is resolved).
    Map<String, ServiceAccountToken> tokens =
        wiring.resolvesIdentity()
            ? ServiceAccountTokens.parse(
                attribute(attributes, AttributeKeys.SERVICE_ACCOUNT_TOKENS))
            : Map.of();

    // 4. The versions currently mounted (drivers up to v1.5 send them on rotation).
    List<ObjectVersion> currentVersions = currentVersions(request);

    // 5. The default file mode: Go's 32-bit os.FileMode. Bits above 07777 (file-type bits) mean
    // nothing for a file's mode and a mount request cannot carry them; the layout drops the bits
    // above 0777 with a warning, as the reference drops them silently.
    int defaultFileMode = wiring.parser().parsePermission(request.getPermission()) & 07777;
    checkpoint.check();

    // 6. The regions: the region attribute, else AWS_REGION, else the pod's node label.
    String primaryRegion;
    Optional<String> failoverRegion;
    try {
      primaryRegion = primaryRegion(attributes, namespace, podName, podUid);
      failoverRegion =
          wiring
              .parser()
              .failoverRegion(primaryRegion, attribute(attributes, AttributeKeys.FAILOVER_REGION));
    } catch (AscpException e) {
      log.error("Failed to initialize AWS session: {}", e.getMessage());
      throw e;
    }
    checkpoint.check();
    log.info(
        "Servicing mount request for pod {} in namespace {} using service account {} with"
            + " region(s) {}",
        podName,
        namespace,
        serviceAccount,
        failoverRegion.map(f -> primaryRegion + ", " + f).orElse(primaryRegion));

    // 7. The authentication mode and 8. the credentials.
    boolean usePodIdentity =
        wiring.parser().parseUsePodIdentity(attribute(attributes, AttributeKeys.USE_POD_IDENTITY));
    CallerIdentity identity =
        wiring.resolvesIdentity()
            ? identity(
                attributes, tokens, usePodIdentity, namespace, serviceAccount, podName, podUid)
            : CallerIdentity.builder()
                .namespace(namespace)
                .serviceAccount(serviceAccount)
                .podName(podName)
                .podUid(podUid)
                .build();
    checkpoint.check();

    // 9. The objects, 10. the fetch and 11. the files.
    MountParameters parameters = wiring.parser().parse(attributes, primaryRegion);
    summary.objects(parameters.objects().size());
    MountResult result =
        wiring
            .mounter()
            .mount(new MountRequest(parameters, identity, defaultFileMode, currentVersions));
    checkpoint.check();
    MountResponse response = respond(targetPath, result);
    summary.files(result.files().size());
    return response;
  }

  private String primaryRegion(
      Map<String, String> attributes, String namespace, String podName, String podUid) {
    String region = attribute(attributes, AttributeKeys.REGION);
    if (!region.isEmpty()) {
      return region;
    }
    if (awsRegionEnv.isPresent()) {
      return awsRegionEnv.get();
    }
    try {
      return kubernetes.podRegion(namespace, podName, podUid);
    } catch (AscpException e) {
      throw new AscpException(
          e.code(), "failed to retrieve region from node. error " + e.getMessage(), e);
    }
  }

  private CallerIdentity identity(
      Map<String, String> attributes,
      Map<String, ServiceAccountToken> tokens,
      boolean usePodIdentity,
      String namespace,
      String serviceAccount,
      String podName,
      String podUid) {
    CallerIdentity.Builder identity =
        CallerIdentity.builder()
            .namespace(namespace)
            .serviceAccount(serviceAccount)
            .podName(podName)
            .podUid(podUid)
            .tokens(tokens)
            .preferredAddressType(
                AddressPreference.fromParameterValue(
                    attribute(attributes, AttributeKeys.PREFERRED_ADDRESS_TYPE)));
    if (usePodIdentity) {
      ServiceAccountTokens.require(tokens, CallerIdentity.POD_IDENTITY_AUDIENCE, "Pod Identity");
      ParameterParser.checkServiceAccountTokenClaims(
          tokens, namespace, serviceAccount, podName, podUid);
      return identity.authMode(AuthMode.POD_IDENTITY).build();
    }
    ServiceAccountTokens.require(tokens, CallerIdentity.STS_AUDIENCE, "IRSA");
    Optional<String> roleArn;
    try {
      roleArn = kubernetes.serviceAccountRoleArn(namespace, serviceAccount);
    } catch (AscpException e) {
      throw new AscpException(
          e.code(),
          "failed to get service account "
              + namespace
              + "/"
              + serviceAccount
              + ": "
              + e.getMessage(),
          e);
    }
    if (roleArn.isEmpty()) {
      throw new AscpException(
          ErrorCode.CREDENTIALS,
          "An IAM role must be associated with service account "
              + serviceAccount
              + " (namespace: "
              + namespace
              + ")");
    }
    // After every check the reference makes, so that its errors keep winning; before any
    // credentials are requested with the token.
    ParameterParser.checkServiceAccountTokenClaims(
        tokens, namespace, serviceAccount, podName, podUid);
    log.debug("Role ARN for {}:{} is {}", namespace, serviceAccount, roleArn.get());
    return identity.authMode(AuthMode.IRSA).roleArn(roleArn.get()).build();
  }

  private MountResponse respond(String targetPath, MountResult result) {
    MountResponse.Builder response = MountResponse.newBuilder();
    if (driverWritesSecrets) {
      for (MountedFile file : result.files()) {
        response.addFiles(
            io.ascp.csi.v1alpha1.File.newBuilder()
                .setPath(file.path())
                .setMode(file.mode())
                .setContents(ByteString.copyFrom(file.contents())));
      }
    } else {
      wiring.writer().write(targetDirectory(targetPath), result);
    }
    for (ObjectVersion version : result.versions()) {
      response.addObjectVersion(
          io.ascp.csi.v1alpha1.ObjectVersion.newBuilder()
              .setId(version.id())
              .setVersion(version.version()));
    }
    MountResponse built = response.build();
    if (driverWritesSecrets) {
      checkResponseSize(built.getSerializedSize(), result.files().size());
    }
    return built;
  }

  /**
   * Fails a driver-writes response the driver would refuse: the message names the sizes and the
   * limit, never a file's name or contents.
   */
  static void checkResponseSize(int responseBytes, int files) {
    if (responseBytes > MAX_RESPONSE_BYTES) {
      throw invalid(
          "the Mount response would be "
              + responseBytes
              + " bytes ("
              + files
              + " files), more than the "
              + MAX_RESPONSE_BYTES
              + " bytes (4 MiB) the CSI driver accepts by default (--max-call-recv-msg-size);"
              + " with --driver-writes-secrets every file travels in the response: mount fewer or"
              + " smaller objects, or let the provider write the files");
    }
  }

  /**
   * The target directory of the provider-writes mode: an absolute, clean path to an existing
   * directory that is not itself a symbolic link (kubelet passes the tmpfs it mounted there). A
   * relative path would be resolved against the daemon's working directory, and a link could point
   * anywhere; the reference checks neither. The message never quotes the path.
   */
  private static Path targetDirectory(String targetPath) {
    Path target;
    try {
      target = Path.of(targetPath);
    } catch (InvalidPathException e) {
      throw invalid("Invalid mount path");
    }
    if (!target.isAbsolute()) {
      throw invalid("Invalid mount path: it must be an absolute path");
    }
    for (Path element : target) {
      if (element.toString().equals(".") || element.toString().equals("..")) {
        throw invalid("Invalid mount path: it must not contain . or .. elements");
      }
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw invalid(
          "Invalid mount path: it is not an existing directory (or it is a symbolic link)");
    }
    return target;
  }

  /**
   * The current versions by id, sorted; a later duplicate id wins and an empty id is dropped (the
   * reference keys them by id in a map, so an entry without an id identifies nothing).
   */
  private static List<ObjectVersion> currentVersions(io.ascp.csi.v1alpha1.MountRequest request) {
    Map<String, String> byId = new TreeMap<>();
    for (io.ascp.csi.v1alpha1.ObjectVersion version : request.getCurrentObjectVersionList()) {
      if (!version.getId().isEmpty()) {
        byId.put(version.getId(), version.getVersion());
      }
    }
    List<ObjectVersion> versions = new ArrayList<>(byId.size());
    byId.forEach((id, version) -> versions.add(new ObjectVersion(id, version)));
    return versions;
  }

  private static String attribute(Map<String, String> attributes, String key) {
    return attributes.getOrDefault(key, "");
  }

  private static AscpException invalid(String message) {
    return new AscpException(ErrorCode.INVALID_PARAMETERS, message);
  }
}
