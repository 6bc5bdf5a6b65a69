// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static io.ascp.testkit.FakeSecretsManager.AWSCURRENT;
import static io.ascp.testkit.FakeSecretsManager.AWSPENDING;
import static io.ascp.testkit.FakeSecretsManager.AWSPREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Secrets Manager's rules, through the seeding API. */
class SecretsManagerSemanticsTest {
  private final FakeTicker ticker = FakeTicker.create();
  private final FakeAws aws = FakeAws.builder().ticker(ticker).build();
  private final FakeSecretsManager sm = aws.secretsManager("us-east-1");

  private static String token(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  private static String code(Runnable r) {
    try {
      r.run();
    } catch (AwsException e) {
      return e.error().code();
    }
    throw new AssertionError("expected an AWS error");
  }

  @Test
  void putMovesCurrentAndPreviousLikeAws() {
    sm.createSecret("s", SecretInput.string("v1").withVersionId(token(1)));
    sm.putSecretValue("s", SecretInput.string("v2").withVersionId(token(2)));
    sm.putSecretValue("s", SecretInput.string("v3").withVersionId(token(3)));
    // v1 lost its last label: deprecated, absent from VersionIdsToStages, still readable by id.
    assertThat(sm.describeSecret("s").versionIdsToStages())
        .isEqualTo(Map.of(token(2), Set.of(AWSPREVIOUS), token(3), Set.of(AWSCURRENT)));
    assertThat(text(sm.getSecretValueByVersionId("s", token(1)))).isEqualTo("v1");
  }

  @Test
  void pendingAndCustomStagesDoNotDisturbCurrent() {
    sm.createSecret("s", SecretInput.string("v1").withVersionId(token(1)));
    sm.putSecretValue("s", SecretInput.string("v2").withVersionId(token(2)).withStages(AWSPENDING));
    sm.putSecretValue("s", SecretInput.string("v3").withVersionId(token(3)).withStages("blue"));
    assertThat(sm.describeSecret("s").versionIdsToStages())
        .isEqualTo(
            Map.of(
                token(1), Set.of(AWSCURRENT),
                token(2), Set.of(AWSPENDING),
                token(3), Set.of("blue")));
    // A stage moves off the version that had it.
    sm.putSecretValue("s", SecretInput.string("v4").withVersionId(token(4)).withStages("blue"));
    assertThat(sm.describeSecret("s").versionWithStage("blue")).contains(token(4));
    assertThat(sm.describeSecret("s").versionIdsToStages()).doesNotContainKey(token(3));
  }

  @Test
  void putWithCurrentAfterAPromotedPendingMovesPreviousCorrectly() {
    // The sequence where moto 5.2.1 leaves AWSCURRENT on two versions (see the differential IT).
    sm.createSecret("s", SecretInput.string("v1").withVersionId(token(1)));
    sm.putSecretValue("s", SecretInput.string("v2").withVersionId(token(2)));
    sm.putSecretValue("s", SecretInput.string("v3").withVersionId(token(3)).withStages(AWSPENDING));
    sm.updateSecretVersionStage("s", AWSCURRENT, token(3));
    sm.putSecretValue("s", SecretInput.string("v4").withVersionId(token(4)));
    assertThat(sm.describeSecret("s").versionIdsToStages())
        .isEqualTo(
            Map.of(
                token(3), Set.of(AWSPENDING, AWSPREVIOUS),
                token(4), Set.of(AWSCURRENT)));
  }

  @Test
  void rotateAddsPendingThenPromotesIt() {
    sm.createSecret("s", SecretInput.string("v1").withVersionId(token(1)));
    String v2 = sm.rotate("s", "v2");
    assertThat(text(sm.getSecretValue("s"))).isEqualTo("v2");
    assertThat(sm.getSecretValue("s").version()).isEqualTo(v2);
    assertThat(sm.describeSecret("s").versionIdsToStages())
        .isEqualTo(Map.of(token(1), Set.of(AWSPREVIOUS), v2, Set.of(AWSPENDING, AWSCURRENT)));
    String v3 = sm.rotate("s", "v3");
    assertThat(sm.describeSecret("s").versionIdsToStages())
        .isEqualTo(Map.of(v2, Set.of(AWSPREVIOUS), v3, Set.of(AWSPENDING, AWSCURRENT)));
  }

  @Test
  void updateSecretVersionStageRules() {
    sm.createSecret("s", SecretInput.string("v1").withVersionId(token(1)));
    sm.putSecretValue("s", SecretInput.string("v2").withVersionId(token(2)).withStages("green"));
    sm.updateSecretVersionStage("s", AWSCURRENT, token(2));
    assertThat(sm.describeSecret("s").versionIdsToStages())
        .isEqualTo(Map.of(token(1), Set.of(AWSPREVIOUS), token(2), Set.of("green", AWSCURRENT)));
    sm.removeStage("s", "green");
    assertThat(sm.describeSecret("s").versionIdsToStages().get(token(2)))
        .containsExactly(AWSCURRENT);
    assertThat(code(() -> sm.removeStage("s", AWSCURRENT))).isEqualTo("InvalidParameterException");
    assertThat(code(() -> sm.updateSecretVersionStage("s", "x", token(9))))
        .isEqualTo("ResourceNotFoundException");
  }

  @Test
  void aVersionCarriesAtMostTwentyStages() {
    String[] stages = new String[21];
    for (int i = 0; i < stages.length; i++) {
      stages[i] = "s" + i;
    }
    sm.createSecret("s", "v1");
    assertThat(code(() -> sm.putSecretValue("s", SecretInput.string("v").withStages(stages))))
        .isEqualTo("ValidationException");
  }

  @Test
  void repeatingATokenIsIdempotentOnlyWithTheSameValue() {
    sm.createSecret("s", SecretInput.string("v1").withVersionId(token(1)));
    assertThat(sm.putSecretValue("s", SecretInput.string("v1").withVersionId(token(1))))
        .isEqualTo(token(1));
    assertThat(
            code(() -> sm.putSecretValue("s", SecretInput.string("other").withVersionId(token(1)))))
        .isEqualTo("ResourceExistsException");
    assertThat(code(() -> sm.putSecretValue("s", SecretInput.string("x").withVersionId("short"))))
        .isEqualTo("InvalidParameterException");
  }

  @Test
  void arnsCarryASixCharacterSuffixAndPartialArnsResolve() {
    String arn = sm.createSecret("team/app", "v");
    assertThat(arn).matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:team/app-\\w{6}");
    assertThat(text(sm.getSecretValue(arn))).isEqualTo("v");
    assertThat(
            text(
                sm.getSecretValue("arn:aws:secretsmanager:us-east-1:123456789012:secret:team/app")))
        .isEqualTo("v");
    assertThat(code(() -> sm.getSecretValue(arn.replace("123456789012", "210987654321"))))
        .isEqualTo("ResourceNotFoundException");
    assertThat(code(() -> sm.getSecretValue(arn + "x"))).isEqualTo("ResourceNotFoundException");
    // Same seed, same suffix: runs are reproducible.
    assertThat(FakeAws.create().secretsManager("us-east-1").createSecret("team/app", "v"))
        .isEqualTo(arn);
  }

  @Test
  void namesAndSizesAreValidated() {
    assertThat(code(() -> sm.createSecret("has space", "v")))
        .isEqualTo("InvalidParameterException");
    assertThat(code(() -> sm.createSecret("x".repeat(513), "v")))
        .isEqualTo("InvalidParameterException");
    sm.createSecret("ok/Name_+=.@-", "v");
    sm.createSecret("max", SecretInput.binary(new byte[65_536]));
    assertThat(code(() -> sm.createSecret("big", SecretInput.binary(new byte[65_537]))))
        .isEqualTo("ValidationException");
    assertThat(code(() -> sm.putSecretValue("max", "x".repeat(65_537))))
        .isEqualTo("ValidationException");
  }

  @Test
  void aSecretWithoutValueHasNoCurrentVersion() {
    sm.createSecretWithoutValue("empty");
    assertThatThrownBy(() -> sm.getSecretValue("empty"))
        .isInstanceOf(AwsException.class)
        .hasMessage(
            "ResourceNotFoundException: Secrets Manager can't find the specified secret value for"
                + " staging label: AWSCURRENT");
    sm.putSecretValue("empty", "now");
    assertThat(text(sm.getSecretValue("empty"))).isEqualTo("now");
  }

  @Test
  void deletionLifecycleFollowsTheStoreClock() {
    sm.createSecret("s", "v");
    sm.deleteSecret("s", Duration.ofDays(7));
    assertThat(sm.describeSecret("s").deletionDate())
        .contains(FakeTicker.DEFAULT_START.plus(Duration.ofDays(7)));
    assertThat(code(() -> sm.getSecretValue("s"))).isEqualTo("InvalidRequestException");
    assertThat(code(() -> sm.putSecretValue("s", "w"))).isEqualTo("InvalidRequestException");
    assertThat(code(() -> sm.createSecret("s", "w"))).isEqualTo("InvalidRequestException");
    sm.restoreSecret("s");
    assertThat(text(sm.getSecretValue("s"))).isEqualTo("v");

    sm.deleteSecret("s", Duration.ofDays(7));
    ticker.advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(sm.exists("s")).isTrue();
    ticker.advance(Duration.ofSeconds(1));
    assertThat(sm.exists("s")).isFalse();
    sm.createSecret("s", "new");
    assertThat(text(sm.getSecretValue("s"))).isEqualTo("new");

    assertThatThrownBy(() -> sm.deleteSecret("s", Duration.ofDays(6)))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("between 7 and 30");
    assertThatThrownBy(() -> sm.deleteSecret("s", Duration.ofHours(170)))
        .isInstanceOf(IllegalArgumentException.class);
    sm.forceDeleteSecret("s");
    assertThat(sm.exists("s")).isFalse();
  }

  @Test
  void deprecatedVersionsArePrunedBeyondAHundredOnceADayOld() {
    sm.createSecret("s", "v0");
    String first = sm.getSecretValue("s").version();
    for (int i = 1; i <= 101; i++) {
      sm.putSecretValue("s", "v" + i);
    }
    // 100 deprecated versions, all younger than a day: kept.
    assertThat(sm.getSecretValueByVersionId("s", first).size()).isEqualTo(2);
    ticker.advance(Duration.ofDays(2));
    sm.putSecretValue("s", "v102");
    assertThat(code(() -> sm.getSecretValueByVersionId("s", first)))
        .isEqualTo("ResourceNotFoundException");
  }

  @Test
  void regionsAreIndependent() {
    sm.createSecret("s", "east");
    aws.secretsManager("us-west-2").createSecret("s", "west");
    assertThat(text(sm.getSecretValue("s"))).isEqualTo("east");
    assertThat(text(aws.secretsManager("us-west-2").getSecretValue("s"))).isEqualTo("west");
    assertThatThrownBy(() -> aws.secretsManager("not-a-region"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretInputNeverShowsItsValue() {
    SecretInput input = SecretInput.string("hunter2").withStages("x");
    assertThat(input.toString()).doesNotContain("hunter2").contains("size=7");
    assertThat(input).isEqualTo(SecretInput.string("hunter2").withStages("x"));
    byte[] bytes = input.contents();
    bytes[0] = 'X';
    assertThat(input.contents()[0]).isEqualTo((byte) 'h');
  }

  private static String text(io.ascp.api.spi.SecretValue v) {
    return new String(v.contents(), StandardCharsets.UTF_8);
  }
}
