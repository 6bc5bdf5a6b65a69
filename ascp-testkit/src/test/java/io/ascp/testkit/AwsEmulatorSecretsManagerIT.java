// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** The real AWS SDK v2 Secrets Manager client against the emulator. */
class AwsEmulatorSecretsManagerIT {
  private static final AwsEmulator EMULATOR = AwsEmulator.start();
  private static final Sdk SDK = new Sdk(EMULATOR.endpoint());
  private final SecretsManagerClient sm = SDK.secretsManager("us-east-1");

  @AfterAll
  static void stop() {
    SDK.close();
    EMULATOR.close();
  }

  @BeforeEach
  void reset() {
    EMULATOR.aws().reset();
  }

  @Test
  void createPutAndGetMoveStagesAsAws() {
    String t1 = "11111111-1111-4111-8111-111111111111";
    String t2 = "22222222-2222-4222-8222-222222222222";
    CreateSecretResponse created =
        sm.createSecret(b -> b.name("app/db").secretString("pw-1").clientRequestToken(t1));
    assertThat(created.versionId()).isEqualTo(t1);
    assertThat(created.arn())
        .matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-[A-Za-z0-9]{6}");

    PutSecretValueResponse put =
        sm.putSecretValue(b -> b.secretId("app/db").secretString("pw-2").clientRequestToken(t2));
    assertThat(put.versionStages()).containsExactly("AWSCURRENT");

    GetSecretValueResponse current = sm.getSecretValue(b -> b.secretId("app/db"));
    assertThat(current.secretString()).isEqualTo("pw-2");
    assertThat(current.versionId()).isEqualTo(t2);
    assertThat(current.versionStages()).containsExactly("AWSCURRENT");
    assertThat(current.createdDate()).isNotNull();

    GetSecretValueResponse previous =
        sm.getSecretValue(b -> b.secretId("app/db").versionStage("AWSPREVIOUS"));
    assertThat(previous.secretString()).isEqualTo("pw-1");
    assertThat(sm.getSecretValue(b -> b.secretId("app/db").versionId(t1)).secretString())
        .isEqualTo("pw-1");

    DescribeSecretResponse d = sm.describeSecret(b -> b.secretId("app/db"));
    assertThat(d.versionIdsToStages())
        .isEqualTo(Map.of(t1, List.of("AWSPREVIOUS"), t2, List.of("AWSCURRENT")));
    assertThat(d.arn()).isEqualTo(created.arn());
  }

  @Test
  void sdkGeneratedTokensBecomeVersionIds() {
    CreateSecretResponse created = sm.createSecret(b -> b.name("auto").secretString("v"));
    assertThat(created.versionId()).hasSize(36);
    assertThat(sm.getSecretValue(b -> b.secretId("auto")).versionId())
        .isEqualTo(created.versionId());
  }

  @Test
  void binarySecretsRoundTrip() {
    byte[] bytes = {0, 1, 2, (byte) 0xFE, (byte) 0xFF};
    sm.createSecret(b -> b.name("bin").secretBinary(SdkBytes.fromByteArray(bytes)));
    GetSecretValueResponse r = sm.getSecretValue(b -> b.secretId("bin"));
    assertThat(r.secretBinary().asByteArray()).containsExactly(bytes);
    assertThat(r.secretString()).isNull();
  }

  @Test
  void fullAndPartialArnsFindTheSecret() {
    String arn = sm.createSecret(b -> b.name("by/arn").secretString("v")).arn();
    String partial = arn.substring(0, arn.length() - 7);
    assertThat(sm.getSecretValue(b -> b.secretId(arn)).secretString()).isEqualTo("v");
    assertThat(sm.getSecretValue(b -> b.secretId(partial)).secretString()).isEqualTo("v");
    String otherRegion = arn.replace("us-east-1", "us-west-2");
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId(otherRegion)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void errorsRaiseTheModelledExceptionClasses() {
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId("nope")))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Secrets Manager can't find the specified secret.");
              assertThat(e.requestId()).isNotBlank();
            });
    sm.createSecret(b -> b.name("dup").secretString("v"));
    assertThatThrownBy(() -> sm.createSecret(b -> b.name("dup").secretString("w")))
        .isInstanceOf(ResourceExistsException.class);
    assertThatThrownBy(() -> sm.createSecret(b -> b.name("bad name!").secretString("w")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId("dup").versionStage("AWSPENDING")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("staging label: AWSPENDING");
  }

  @Test
  void valuesOver64KibAreRejected() {
    String big = "x".repeat(65_537);
    assertThatThrownBy(() -> sm.createSecret(b -> b.name("big").secretString(big)))
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    sm.createSecret(b -> b.name("max").secretString("x".repeat(65_536)));
  }

  @Test
  void batchGetSecretValueReturnsValuesAndPerIdErrors() {
    sm.createSecret(b -> b.name("a").secretString("va"));
    sm.createSecret(b -> b.name("b").secretBinary(SdkBytes.fromUtf8String("vb")));
    BatchGetSecretValueResponse r =
        sm.batchGetSecretValue(b -> b.secretIdList("a", "missing", "b"));
    assertThat(r.secretValues()).extracting(v -> v.name()).containsExactly("a", "b");
    assertThat(r.secretValues().get(1).secretBinary().asString(StandardCharsets.UTF_8))
        .isEqualTo("vb");
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).secretId()).isEqualTo("missing");
    assertThat(r.errors().get(0).errorCode()).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void batchGetSecretValueTakesAtMostTwentyIds() {
    List<String> ids = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "s" + i).toList();
    assertThatThrownBy(() -> sm.batchGetSecretValue(b -> b.secretIdList(ids)))
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.statusCode()).isEqualTo(400);
            });
    assertThat(sm.batchGetSecretValue(b -> b.secretIdList(ids.subList(0, 20))).errors())
        .hasSize(20);
  }

  @Test
  void updateSecretVersionStageMovesLabels() {
    sm.createSecret(b -> b.name("rot").secretString("v1"));
    String v1 = sm.getSecretValue(b -> b.secretId("rot")).versionId();
    String v2 =
        sm.putSecretValue(b -> b.secretId("rot").secretString("v2").versionStages("AWSPENDING"))
            .versionId();
    assertThatThrownBy(
            () ->
                sm.updateSecretVersionStage(
                    b -> b.secretId("rot").versionStage("AWSCURRENT").moveToVersionId(v2)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("RemoveFromVersionId");
    sm.updateSecretVersionStage(
        b ->
            b.secretId("rot")
                .versionStage("AWSCURRENT")
                .moveToVersionId(v2)
                .removeFromVersionId(v1));
    assertThat(sm.describeSecret(b -> b.secretId("rot")).versionIdsToStages())
        .isEqualTo(Map.of(v1, List.of("AWSPREVIOUS"), v2, List.of("AWSPENDING", "AWSCURRENT")));
  }

  @Test
  void deletedSecretsCanBeDescribedNotRead() {
    sm.createSecret(b -> b.name("gone").secretString("v"));
    sm.deleteSecret(b -> b.secretId("gone").recoveryWindowInDays(7L));
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId("gone")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("marked for deletion");
    assertThat(sm.describeSecret(b -> b.secretId("gone")).deletedDate()).isNotNull();
    sm.restoreSecret(b -> b.secretId("gone"));
    assertThat(sm.getSecretValue(b -> b.secretId("gone")).secretString()).isEqualTo("v");
    sm.deleteSecret(b -> b.secretId("gone").forceDeleteWithoutRecovery(true));
    assertThatThrownBy(() -> sm.describeSecret(b -> b.secretId("gone")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void regionComesFromTheSignature() {
    EMULATOR.aws().secretsManager("eu-west-1").createSecret("regional", "eu");
    try (SecretsManagerClient eu = SDK.secretsManager("eu-west-1")) {
      assertThat(eu.getSecretValue(b -> b.secretId("regional")).secretString()).isEqualTo("eu");
    }
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId("regional")))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
