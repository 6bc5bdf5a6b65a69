// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretDescription;
import io.ascp.api.spi.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiValuesTest {
  private static final String MARKER = "s3cr3t-MARKER-value";

  @Test
  void mountedFileCopiesContentsAndHidesThemInToString() {
    byte[] bytes = MARKER.getBytes(StandardCharsets.UTF_8);
    MountedFile file = new MountedFile("db/password", 0600, bytes);
    bytes[0] = 'X';
    assertThat(file.contentsAsString()).isEqualTo(MARKER);
    file.contents()[0] = 'Y';
    assertThat(file.contentsAsString()).isEqualTo(MARKER);
    assertThat(file.toString())
        .doesNotContain(MARKER)
        .contains("db/password", "0600", "size=" + MARKER.length());
    assertThat(file).isEqualTo(new MountedFile("db/password", 0600, MARKER.getBytes(UTF8)));
    assertThat(file.hashCode())
        .isEqualTo(new MountedFile("db/password", 0600, MARKER.getBytes(UTF8)).hashCode());
    assertThat(file).isNotEqualTo(new MountedFile("db/password", 0644, MARKER.getBytes(UTF8)));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  @Test
  void mountedFileRejectsModesAbove0777AndEmptyPaths() {
    assertThatThrownBy(() -> new MountedFile("a", 01000, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("01000");
    assertThatThrownBy(() -> new MountedFile("", 0644, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretValueHidesContents() {
    SecretValue value = new SecretValue("MySecret", "v1", MARKER.getBytes(UTF8), false);
    assertThat(value.toString()).doesNotContain(MARKER).contains("MySecret", "v1");
    assertThat(value.size()).isEqualTo(MARKER.length());
    assertThat(value).isEqualTo(new SecretValue("MySecret", "v1", MARKER.getBytes(UTF8), false));
  }

  @Test
  void tokensNeverAppearInToString() {
    CallerIdentity identity =
        CallerIdentity.builder()
            .namespace("ns")
            .serviceAccount("sa")
            .podName("pod")
            .token(CallerIdentity.STS_AUDIENCE, ServiceAccountToken.of(MARKER))
            .authMode(AuthMode.IRSA)
            .roleArn("arn:aws:iam::123456789012:role/r")
            .build();
    assertThat(identity.toString()).doesNotContain(MARKER).contains("sts.amazonaws.com");
    assertThat(identity.token(CallerIdentity.STS_AUDIENCE).orElseThrow().token()).isEqualTo(MARKER);
    assertThat(identity.tokens().toString()).doesNotContain(MARKER);
    assertThat(identity.toBuilder().build()).isEqualTo(identity);
  }

  @Test
  void identityBuilderRejectsEmptyRole() {
    assertThatThrownBy(() -> CallerIdentity.builder().roleArn(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CallerIdentity.defaultChain().authMode()).isEqualTo(AuthMode.DEFAULT_CHAIN);
  }

  @Test
  void listsAreDefensivelyCopied() {
    List<SecretObject> objects = new ArrayList<>();
    objects.add(SecretObject.builder("a", ObjectType.SECRETS_MANAGER).build());
    MountParameters params = MountParameters.of("us-east-1", objects);
    objects.clear();
    assertThat(params.objects()).hasSize(1);
    assertThatThrownBy(() -> params.objects().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void failoverRegionMustDifferFromPrimary() {
    assertThatThrownBy(
            () ->
                new MountParameters(
                    "us-east-1",
                    Optional.of("us-east-1"),
                    PathTranslation.DEFAULT,
                    false,
                    AddressPreference.AUTO,
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    MountParameters two =
        new MountParameters(
            "us-east-1",
            Optional.of("us-west-2"),
            PathTranslation.DEFAULT,
            false,
            AddressPreference.AUTO,
            List.of());
    assertThat(two.regions()).containsExactly("us-east-1", "us-west-2");
  }

  @Test
  void objectTypeAndAddressPreferenceParse() {
    assertThat(ObjectType.fromParameterValue("secretsmanager"))
        .contains(ObjectType.SECRETS_MANAGER);
    assertThat(ObjectType.fromParameterValue("ssmparameter")).contains(ObjectType.SSM_PARAMETER);
    assertThat(ObjectType.fromParameterValue("SecretsManager")).isEmpty();
    assertThat(ObjectType.fromParameterValue("ssm")).isEmpty();
    assertThat(AddressPreference.fromParameterValue("IPv6")).isEqualTo(AddressPreference.IPV6);
    assertThat(AddressPreference.fromParameterValue("ipv4")).isEqualTo(AddressPreference.IPV4);
    assertThat(AddressPreference.fromParameterValue("other")).isEqualTo(AddressPreference.AUTO);
  }

  @Test
  void pathTranslationAcceptsOneByteCharactersOnly() {
    assertThat(PathTranslation.of('-').replacement()).contains('-');
    assertThat(PathTranslation.DISABLED.enabled()).isFalse();
    assertThatThrownBy(() -> PathTranslation.of('é')).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorCodesKnowWhatIsRetryable() {
    assertThat(new AscpException(ErrorCode.THROTTLED, "slow down").isRetryable()).isTrue();
    assertThat(ErrorCode.BACKEND_UNAVAILABLE.isRetryable()).isTrue();
    assertThat(ErrorCode.NOT_FOUND.isRetryable()).isFalse();
    assertThat(new AscpException(ErrorCode.NOT_FOUND, "gone").toString())
        .isEqualTo("AscpException{NOT_FOUND: gone}");
  }

  @Test
  void objectVersionsSortById() {
    List<ObjectVersion> versions =
        new ArrayList<>(List.of(new ObjectVersion("b", "1"), new ObjectVersion("a", "2")));
    versions.sort(null);
    assertThat(versions).extracting(ObjectVersion::id).containsExactly("a", "b");
  }

  @Test
  void batchesAndDescriptionsValidate() {
    assertThatThrownBy(
            () ->
                new FetchBatch(
                    ObjectType.SSM_PARAMETER,
                    "us-east-1",
                    CallerIdentity.defaultChain(),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    SecretDescription d = new SecretDescription("s", Map.of("v1", Set.of("AWSCURRENT")));
    assertThat(d.stagesOf("v1")).containsExactly("AWSCURRENT");
    assertThat(d.stagesOf("v2")).isEmpty();
    assertThat(ObjectRequest.of("x").version()).isEmpty();
  }

  @Test
  void secretObjectBuilderRoundTrips() {
    SecretObject object =
        SecretObject.builder("MySecret", ObjectType.SECRETS_MANAGER)
            .objectAlias("alias")
            .objectVersionLabel("AWSPREVIOUS")
            .filePermission(0600)
            .addJmesPath(JmesPathEntry.of("username", "user"))
            .failoverObject(FailoverObject.NONE)
            .build();
    assertThat(object.toBuilder().build()).isEqualTo(object);
    assertThatThrownBy(
            () -> SecretObject.builder("x", ObjectType.SSM_PARAMETER).filePermission(010000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mountResultHasTypedAccessors() {
    MountResult result =
        new MountResult(
            List.of(
                new MountedFile("a", 0644, "alpha".getBytes(UTF8)),
                new MountedFile("b", 0600, new byte[] {0, (byte) 0xff})),
            List.of(new ObjectVersion("a", "v1"), new ObjectVersion("b", "v2")));
    assertThat(result.string("a")).isEqualTo("alpha");
    assertThat(result.bytes("b")).containsExactly(0, 0xff);
    assertThat(result.version("b")).contains("v2");
    assertThat(result.version("c")).isEmpty();
    assertThatThrownBy(() -> result.string("c"))
        .isInstanceOf(java.util.NoSuchElementException.class)
        .hasMessage("No file c in this mount; its files are [a, b]");
  }
}
