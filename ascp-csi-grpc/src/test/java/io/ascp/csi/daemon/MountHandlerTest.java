// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static io.ascp.csi.daemon.Doubles.TOKEN_MARKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AddressPreference;
import io.ascp.api.AscpException;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountRequest;
import io.ascp.api.ObjectVersion;
import io.ascp.csi.v1alpha1.MountResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MountHandlerTest {
  private final Doubles.FakeParser parser = new Doubles.FakeParser();
  private final Doubles.FakeMounter mounter = new Doubles.FakeMounter();
  private final Doubles.FakeWriter writer = new Doubles.FakeWriter();
  private final Doubles.FakeKube kube = new Doubles.FakeKube();
  // The kubelet's target directory: the handler checks that it exists before the writer runs.
  @TempDir Path target;
  private Optional<String> awsRegionEnv = Optional.empty();
  private boolean driverWrites;
  private Map<String, String> attributes = Doubles.podAttributes();

  MountHandlerTest() {
    kube.roles.put("shop/web", "arn:aws:iam::123456789012:role/web");
    kube.regions.put("shop/web-0", "eu-west-1");
  }

  private MountHandler handler() {
    return new MountHandler(driverWrites, new Wiring(parser, mounter, writer), kube, awsRegionEnv);
  }

  private static String json(Map<String, String> map) {
    StringBuilder sb = new StringBuilder("{");
    new TreeMap<>(map)
        .forEach(
            (k, v) -> {
              if (sb.length() > 1) {
                sb.append(',');
              }
              sb.append(quote(k)).append(':').append(quote(v));
            });
    return sb.append('}').toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private io.ascp.csi.v1alpha1.MountRequest.Builder request() {
    return io.ascp.csi.v1alpha1.MountRequest.newBuilder()
        .setAttributes(json(attributes))
        .setSecrets("null")
        .setTargetPath(target.toString())
        .setPermission("420");
  }

  private MountResponse mount(io.ascp.csi.v1alpha1.MountRequest.Builder request) {
    return handler().mount(request.build(), MountHandler.Checkpoint.NONE);
  }

  private AscpException failure(io.ascp.csi.v1alpha1.MountRequest.Builder request) {
    try {
      mount(request);
    } catch (AscpException e) {
      assertThat(e.getMessage()).doesNotContain(TOKEN_MARKER);
      return e;
    }
    throw new AssertionError("the mount succeeded");
  }

  // ---- The happy paths ----

  @Test
  void providerWritesMode() {
    MountResponse response = mount(request());
    assertThat(response.getFilesList()).isEmpty();
    assertThat(response.getObjectVersionList())
        .extracting(v -> v.getId() + "@" + v.getVersion())
        .containsExactly("db@v1", "db_user@v1");
    assertThat(writer.targets).containsExactly(target);
    assertThat(writer.results).containsExactly(mounter.result);
    assertThat(response.hasError()).isFalse();
  }

  @Test
  void driverWritesModeReturnsEveryFileEveryTime() {
    driverWrites = true;
    for (int i = 0; i < 2; i++) {
      MountResponse response = mount(request());
      assertThat(response.getFilesList())
          .extracting(
              f ->
                  f.getPath()
                      + " "
                      + Integer.toOctalString(f.getMode())
                      + " "
                      + f.getContents().toStringUtf8())
          .containsExactly("db 640 s3cr3t", "db_user 644 admin");
      assertThat(response.getObjectVersionCount()).isEqualTo(2);
    }
    assertThat(writer.targets).isEmpty();
  }

  /** {@code count} files of {@code size} bytes each, named f00, f01, ... */
  private static io.ascp.api.MountResult bigResult(int count, int size) {
    List<io.ascp.api.MountedFile> files = new java.util.ArrayList<>();
    List<ObjectVersion> versions = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] contents = new byte[size];
      java.util.Arrays.fill(contents, (byte) 'S');
      String name = "f%02d".formatted(i);
      files.add(new io.ascp.api.MountedFile(name, 0644, contents));
      versions.add(new ObjectVersion(name, "v1"));
    }
    return new io.ascp.api.MountResult(files, versions);
  }

  @Test
  void driverWritesResponseOverTheDriversLimitFailsWithTheSizesAndTheLimit() {
    driverWrites = true;
    mounter.result = bigResult(70, 64 * 1024);
    AscpException e = failure(request());
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
    assertThat(e.getMessage())
        .startsWith("the Mount response would be ")
        .contains("(70 files)", "4194304 bytes (4 MiB)", "--max-call-recv-msg-size")
        .doesNotContain("SSSS")
        .doesNotContain("f00");
  }

  @Test
  void driverWritesResponseJustUnderTheLimitIsReturned() {
    driverWrites = true;
    // 50 files of 64 KiB: 3.2 MB of contents, under the 4 MiB limit.
    mounter.result = bigResult(50, 64 * 1024);
    MountResponse response = mount(request());
    assertThat(response.getFilesCount()).isEqualTo(50);
    assertThat(response.getSerializedSize()).isLessThanOrEqualTo(MountHandler.MAX_RESPONSE_BYTES);
  }

  @Test
  void theLimitIsInclusive() {
    MountHandler.checkResponseSize(MountHandler.MAX_RESPONSE_BYTES, 1);
    assertThatThrownBy(() -> MountHandler.checkResponseSize(MountHandler.MAX_RESPONSE_BYTES + 1, 1))
        .isInstanceOf(AscpException.class);
  }

  @Test
  void providerWritesModeHasNoResponseLimit() {
    mounter.result = bigResult(70, 64 * 1024);
    MountResponse response = mount(request());
    assertThat(response.getFilesList()).isEmpty();
    assertThat(response.getObjectVersionCount()).isEqualTo(70);
    assertThat(writer.results).containsExactly(mounter.result);
  }

  @Test
  void theMountRequestCarriesIdentityModeAndCurrentVersions() {
    mount(
        request()
            .setPermission("384")
            .addCurrentObjectVersion(
                io.ascp.csi.v1alpha1.ObjectVersion.newBuilder().setId("b").setVersion("1"))
            .addCurrentObjectVersion(
                io.ascp.csi.v1alpha1.ObjectVersion.newBuilder().setId("a").setVersion("1"))
            .addCurrentObjectVersion(
                io.ascp.csi.v1alpha1.ObjectVersion.newBuilder().setId("a").setVersion("2"))
            .addCurrentObjectVersion(
                io.ascp.csi.v1alpha1.ObjectVersion.newBuilder().setId("").setVersion("3")));
    MountRequest sent = mounter.requests.get(0);
    assertThat(sent.defaultFileMode()).isEqualTo(0600);
    assertThat(sent.currentVersions())
        .containsExactly(new ObjectVersion("a", "2"), new ObjectVersion("b", "1"));
    assertThat(sent.parameters().region()).isEqualTo("eu-west-1");
    CallerIdentity identity = sent.identity();
    assertThat(identity.namespace()).isEqualTo("shop");
    assertThat(identity.serviceAccount()).isEqualTo("web");
    assertThat(identity.podName()).isEqualTo("web-0");
    assertThat(identity.podUid()).isEqualTo("uid-1");
    assertThat(identity.authMode()).isEqualTo(AuthMode.IRSA);
    assertThat(identity.roleArn()).contains("arn:aws:iam::123456789012:role/web");
    assertThat(identity.tokens()).containsOnlyKeys("sts.amazonaws.com", "pods.eks.amazonaws.com");
    assertThat(identity.token("sts.amazonaws.com").orElseThrow().token())
        .isEqualTo(TOKEN_MARKER + "-sts");
    assertThat(identity.token("sts.amazonaws.com").orElseThrow().expirationTimestamp())
        .contains("2026-12-01T00:00:00Z");
    assertThat(identity.toString()).doesNotContain(TOKEN_MARKER);
  }

  @Test
  void podIdentityNeedsNoKubernetesLookupWhenTheRegionIsGiven() {
    attributes.put("usePodIdentity", "true");
    attributes.put("region", "us-west-2");
    attributes.put("preferredAddressType", "IPv6");
    mount(request());
    CallerIdentity identity = mounter.requests.get(0).identity();
    assertThat(identity.authMode()).isEqualTo(AuthMode.POD_IDENTITY);
    assertThat(identity.roleArn()).isEmpty();
    assertThat(identity.preferredAddressType()).isEqualTo(AddressPreference.IPV6);
    assertThat(kube.lookups).isEmpty();
  }

  // ---- Regions ----

  @Test
  void theRegionAttributeWins() {
    attributes.put("region", "ap-south-1");
    awsRegionEnv = Optional.of("us-east-2");
    mount(request());
    assertThat(mounter.requests.get(0).parameters().region()).isEqualTo("ap-south-1");
    assertThat(kube.lookups).containsExactly("sa shop/web");
  }

  @Test
  void awsRegionEnvBeatsTheNodeLabel() {
    awsRegionEnv = Optional.of("us-east-2");
    mount(request());
    assertThat(mounter.requests.get(0).parameters().region()).isEqualTo("us-east-2");
    assertThat(kube.lookups).doesNotContain("pod shop/web-0");
  }

  @Test
  void theNodeLabelIsTheLastResort() {
    awsRegionEnv = Optional.of("");
    mount(request());
    assertThat(mounter.requests.get(0).parameters().region()).isEqualTo("eu-west-1");
    assertThat(kube.lookups).containsExactly("pod shop/web-0", "sa shop/web");
  }

  @Test
  void aFailedRegionLookup() {
    kube.regions.clear();
    AscpException e = failure(request());
    assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_LOOKUP);
    assertThat(e).hasMessage("failed to retrieve region from node. error pods \"web-0\" not found");
  }

  @Test
  void theFailoverRegion() {
    attributes.put("failoverRegion", "eu-central-1");
    mount(request());
    assertThat(mounter.requests.get(0).parameters().region()).isEqualTo("eu-west-1");
    attributes.put("failoverRegion", "eu-west-1");
    assertThat(failure(request()))
        .hasMessage("eu-west-1: failover region cannot be the same as the primary region");
  }

  // ---- The order of checks: the first error of each bad-request class ----

  @Test
  void missingMountPathComesFirst() {
    AscpException e =
        failure(request().setTargetPath("").setAttributes("garbage").setPermission(""));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
    assertThat(e).hasMessage("Missing mount path");
    assertThat(parser.calls).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[]", "{\"a\":1}", "x" + TOKEN_MARKER})
  void badAttributesComeSecond(String attributesJson) {
    AscpException e = failure(request().setAttributes(attributesJson).setPermission(""));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
    assertThat(e.getMessage()).startsWith("failed to unmarshal attributes, error: ");
    assertThat(parser.calls).isEmpty();
  }

  @Test
  void attributesErrorTextsAreGoLike() {
    assertThat(failure(request().setAttributes("")))
        .hasMessage("failed to unmarshal attributes, error: unexpected end of JSON input");
    assertThat(failure(request().setAttributes("{\"a\":true}")))
        .hasMessage(
            "failed to unmarshal attributes, error: json: cannot unmarshal bool into Go value of"
                + " type string");
  }

  @Test
  void missingTokensComeThird() {
    attributes.remove("csi.storage.k8s.io/serviceAccount.tokens");
    AscpException e = failure(request().setPermission(""));
    assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS);
    assertThat(e)
        .hasMessage(
            "CSI token error: serviceAccount.tokens not provided - ensure tokenRequests is"
                + " configured in CSIDriver - ensure tokenRequests is configured in CSIDriver spec");
    assertThat(parser.calls).isEmpty();
  }

  @Test
  void unparsableTokensNeverEchoTheToken() {
    attributes.put(
        "csi.storage.k8s.io/serviceAccount.tokens",
        "{\"sts.amazonaws.com\":{\"token\":" + TOKEN_MARKER + "}}");
    AscpException e = failure(request());
    assertThat(e)
        .hasMessage(
            "CSI token error: failed to parse serviceAccount.tokens: invalid character at offset"
                + " 30 looking for beginning of value - ensure tokenRequests is configured in"
                + " CSIDriver spec");
  }

  @Test
  void badPermissionComesFourth() {
    attributes.put("region", "");
    AscpException e = failure(request().setPermission(""));
    assertThat(e)
        .hasMessage("failed to unmarshal file permission, error: unexpected end of JSON input");
    assertThat(kube.lookups).isEmpty();
  }

  @Test
  void usePodIdentityIsParsedAfterTheRegion() {
    attributes.put("usePodIdentity", "yes");
    kube.regions.clear();
    assertThat(failure(request()).getMessage()).startsWith("failed to retrieve region from node.");
    kube.regions.put("shop/web-0", "eu-west-1");
    assertThat(failure(request()))
        .hasMessage(
            "failed to parse usePodIdentity value, error: strconv.ParseBool: parsing \"yes\":"
                + " invalid syntax");
  }

  @Test
  void tokensJsonNullMeansTheAudienceIsNotFound() {
    attributes.put("csi.storage.k8s.io/serviceAccount.tokens", "null");
    AscpException e = failure(request());
    assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS);
    assertThat(e)
        .hasMessage(
            "IRSA token extraction failed: token for audience \"sts.amazonaws.com\" not found -"
                + " ensure tokenRequests includes this audience in CSIDriver");
    attributes.put("usePodIdentity", "true");
    assertThat(failure(request()))
        .hasMessage(
            "Pod Identity token extraction failed: token for audience \"pods.eks.amazonaws.com\""
                + " not found - ensure tokenRequests includes this audience in CSIDriver");
  }

  @Test
  void anEmptyToken() {
    attributes.put(
        "csi.storage.k8s.io/serviceAccount.tokens", "{\"sts.amazonaws.com\":{\"token\":\"\"}}");
    assertThat(failure(request()))
        .hasMessage(
            "IRSA token extraction failed: token for audience \"sts.amazonaws.com\" is empty");
  }

  @Test
  void serviceAccountLookupAndAnnotation() {
    kube.roles.clear();
    AscpException e = failure(request());
    assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_LOOKUP);
    assertThat(e)
        .hasMessage("failed to get service account shop/web: serviceaccounts \"web\" not found");
    kube.roles.put("shop/web", "");
    e = failure(request());
    assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS);
    assertThat(e)
        .hasMessage("An IAM role must be associated with service account web (namespace: shop)");
  }

  @Test
  void objectsAreParsedAfterTheCredentials() {
    attributes.put("objects", "bad");
    kube.roles.clear();
    assertThat(failure(request()).getMessage()).startsWith("failed to get service account");
    assertThat(parser.calls).doesNotContain("parse");
    kube.roles.put("shop/web", "arn:aws:iam::123456789012:role/web");
    assertThat(failure(request())).hasMessage("Object name must be specified");
    assertThat(mounter.requests).isEmpty();
  }

  @Test
  void theStepsRunInTheReferenceOrder() {
    attributes.put("failoverRegion", "eu-central-1");
    mount(request());
    assertThat(parser.calls).containsExactly("permission", "failover", "usePodIdentity", "parse");
  }

  @Test
  void secretsMayBeNullOrAnything() {
    mount(request().setSecrets("null"));
    mount(request().setSecrets("{}"));
    mount(request().setSecrets(""));
    assertThat(mounter.requests).hasSize(3);
  }

  @Test
  void aCheckpointStopsTheMount() {
    MountHandler handler = handler();
    int[] checks = {0};
    assertThatThrownBy(
            () ->
                handler.mount(
                    request().build(),
                    () -> {
                      if (++checks[0] == 3) {
                        throw new IllegalStateException("cancelled");
                      }
                    }))
        .hasMessage("cancelled");
    assertThat(mounter.requests).isEmpty();
  }

  @Test
  void theMountersFailurePassesThrough() {
    Mounter failing =
        request -> {
          throw new AscpException(
              ErrorCode.NOT_FOUND,
              "Failed to fetch secret from all regions. Verify secret exists and required"
                  + " permissions are granted for: db");
        };
    MountHandler handler =
        new MountHandler(false, new Wiring(parser, failing, writer), kube, Optional.empty());
    assertThatThrownBy(() -> handler.mount(request().build(), MountHandler.Checkpoint.NONE))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(writer.targets).isEmpty();
  }

  @Test
  void unwiredPiecesFailWithInternal() {
    MountHandler handler = new MountHandler(false, Wiring.unwired(), kube, Optional.empty());
    assertThatThrownBy(() -> handler.mount(request().build(), MountHandler.Checkpoint.NONE))
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessage(Wiring.UNWIRED_MESSAGE);
  }

  @Test
  void versionsInTheResponseFollowTheResult() {
    mounter.result = new io.ascp.api.MountResult(List.of(), List.of(new ObjectVersion("x", "7")));
    assertThat(mount(request()).getObjectVersionList())
        .extracting(io.ascp.csi.v1alpha1.ObjectVersion::getId)
        .containsExactly("x");
  }
}
