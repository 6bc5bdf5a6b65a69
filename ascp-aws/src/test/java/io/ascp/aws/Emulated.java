// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.AddressPreference;
import io.ascp.api.AscpException;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.MountParameters;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectType;
import io.ascp.api.ServiceAccountToken;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretValue;
import io.ascp.core.AttributeKeys;
import io.ascp.core.ParameterParser;
import io.ascp.core.SecretMounter;
import io.ascp.testkit.AwsEmulator;
import io.ascp.testkit.FakeTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What the tests against the testkit's {@link AwsEmulator} share: {@link AwsSources} pointed at the
 * emulator through the real SDK and the production HTTP client, callers with emulator-accepted
 * tokens, and small builders of batches and mounts.
 */
final class Emulated {
  static final String EAST = "us-east-1";
  static final String WEST = "us-west-2";
  static final String ACCOUNT = "123456789012";

  /**
   * The access key of {@link AuthMode#DEFAULT_CHAIN} callers; the emulator's principal for them.
   */
  static final String DEFAULT_KEY = "AKIADEFAULTCHAIN";

  static final StaticCredentialsProvider DEFAULT_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create(DEFAULT_KEY, "default-secret"));

  /** Far enough ahead that every token stays valid (and cacheable) for the whole run. */
  static final Instant TOKEN_EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

  private Emulated() {}

  static String role(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
  }

  /** A configuration pointed at {@code emulator}, for every service and the Pod Identity agent. */
  static AwsSourcesConfig.Builder config(AwsEmulator emulator) {
    return AwsSourcesConfig.builder()
        .endpoint(emulator.endpoint())
        .podIdentityAgentUrls(List.of(emulator.podIdentityAgentUri()));
  }

  /** Sources pointed at {@code emulator}; the caller closes them. */
  static AwsSources sources(AwsEmulator emulator) {
    return sources(emulator, b -> b);
  }

  /** Sources pointed at {@code emulator} with a changed configuration; the caller closes them. */
  static AwsSources sources(AwsEmulator emulator, UnaryOperator<AwsSourcesConfig.Builder> config) {
    return AwsSources.builder()
        .config(config.apply(config(emulator)).build())
        .credentialsProvider(DEFAULT_CREDENTIALS)
        .build();
  }

  /** A mounter that reads each object type from its AWS source; the caller closes it. */
  static SecretMounter mounter(AwsSources sources) {
    return SecretMounter.builder()
        .source(ObjectType.SECRETS_MANAGER, sources.secretsManager())
        .source(ObjectType.SSM_PARAMETER, sources.parameterStore())
        .build();
  }

  /**
   * An IRSA caller of service account {@code namespace/serviceAccount} assuming {@code roleArn}.
   */
  static CallerIdentity irsa(String namespace, String serviceAccount, String roleArn) {
    return CallerIdentity.builder()
        .namespace(namespace)
        .serviceAccount(serviceAccount)
        .podName(serviceAccount + "-0")
        .podUid(namespace + "-" + serviceAccount + "-uid")
        .authMode(AuthMode.IRSA)
        .roleArn(roleArn)
        .token(
            CallerIdentity.STS_AUDIENCE,
            token(namespace, serviceAccount, CallerIdentity.STS_AUDIENCE))
        .build();
  }

  /** An EKS Pod Identity caller: pod {@code podUid} of {@code namespace/serviceAccount}. */
  static CallerIdentity podIdentity(
      String namespace, String serviceAccount, String podUid, AddressPreference preference) {
    return CallerIdentity.builder()
        .namespace(namespace)
        .serviceAccount(serviceAccount)
        .podName(serviceAccount + "-" + podUid)
        .podUid(podUid)
        .authMode(AuthMode.POD_IDENTITY)
        .preferredAddressType(preference)
        .token(
            CallerIdentity.POD_IDENTITY_AUDIENCE,
            token(namespace, serviceAccount, CallerIdentity.POD_IDENTITY_AUDIENCE))
        .build();
  }

  /** A token as the CSI driver passes it, which the emulator's STS and agent accept. */
  static ServiceAccountToken token(String namespace, String serviceAccount, String audience) {
    return new ServiceAccountToken(
        FakeTokens.serviceAccountToken(namespace, serviceAccount, audience, TOKEN_EXPIRY),
        Optional.of(TOKEN_EXPIRY.toString()));
  }

  static FetchBatch secrets(String region, CallerIdentity identity, String... names) {
    return secrets(region, identity, Arrays.stream(names).map(ObjectRequest::of).toList());
  }

  static FetchBatch secrets(String region, CallerIdentity identity, List<ObjectRequest> objects) {
    return new FetchBatch(ObjectType.SECRETS_MANAGER, region, identity, objects);
  }

  static FetchBatch parameters(String region, CallerIdentity identity, String... names) {
    return parameters(region, identity, Arrays.stream(names).map(ObjectRequest::of).toList());
  }

  static FetchBatch parameters(
      String region, CallerIdentity identity, List<ObjectRequest> objects) {
    return new FetchBatch(ObjectType.SSM_PARAMETER, region, identity, objects);
  }

  static ObjectRequest request(String name, @Nullable String version, @Nullable String label) {
    return new ObjectRequest(name, Optional.ofNullable(version), Optional.ofNullable(label));
  }

  static SecretValue value(FetchResult r) {
    assertThat(r).as("result for %s", r.request().name()).isInstanceOf(FetchResult.Found.class);
    return ((FetchResult.Found) r).value();
  }

  static String text(FetchResult r) {
    return new String(value(r).contents(), StandardCharsets.UTF_8);
  }

  static AscpException error(FetchResult r) {
    assertThat(r).as("result for %s", r.request().name()).isInstanceOf(FetchResult.Failed.class);
    return ((FetchResult.Failed) r).error();
  }

  /**
   * The parameters of a mount in {@code region} (and {@code failoverRegion}, when given) of the
   * {@code objects} YAML of a {@code SecretProviderClass}, parsed as the provider parses them.
   */
  static MountParameters mountParameters(
      String region, @Nullable String failoverRegion, String objectsYaml) {
    Map<String, String> attributes = new HashMap<>();
    attributes.put(AttributeKeys.OBJECTS, objectsYaml);
    if (failoverRegion != null) {
      attributes.put(AttributeKeys.FAILOVER_REGION, failoverRegion);
    }
    return ParameterParser.parse(attributes, region);
  }

  /** The contents of the mounted file {@code path}, as text. */
  static String file(MountResult result, String path) {
    return result.files().stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .map(MountedFile::contents)
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .orElseThrow(() -> new AssertionError("no file " + path + " in " + result));
  }

  /** The version reported for the mounted file {@code path}. */
  static String version(MountResult result, String path) {
    return result.versions().stream()
        .filter(v -> v.id().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no version of " + path + " in " + result))
        .version();
  }
}
