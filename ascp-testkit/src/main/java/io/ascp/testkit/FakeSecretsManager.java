// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import io.ascp.api.spi.SecretValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * The Secrets Manager of one region of a {@link FakeAws}, for seeding and inspecting secrets in
 * tests. Every method behaves as the AWS operation of the same name (same validation, same version
 * and staging-label movement, same errors, thrown as {@link AwsException}), but is not an API call:
 * no faults, no access rules, no recording.
 *
 * <pre>{@code
 * FakeSecretsManager sm = aws.secretsManager("us-east-1");
 * sm.createSecret("app/db", "pw-1"); // version 1: AWSCURRENT
 * String v2 = sm.putSecretValue("app/db", "pw-2"); // v2: AWSCURRENT, v1: AWSPREVIOUS
 * String v3 = sm.rotate("app/db", "pw-3"); // v3: AWSCURRENT, v2: AWSPREVIOUS
 * }</pre>
 *
 * <p>Secret ids may be names, full ARNs or partial ARNs (without the six-character suffix). A view
 * is cheap and holds no state of its own; it is thread-safe.
 */
public final class FakeSecretsManager {
  /** The staging label of the current version. */
  public static final String AWSCURRENT = SecretsManagerState.AWSCURRENT;

  /** The staging label of the previous current version. */
  public static final String AWSPREVIOUS = SecretsManagerState.AWSPREVIOUS;

  /** The staging label of a version being rotated in. */
  public static final String AWSPENDING = SecretsManagerState.AWSPENDING;

  private final FakeAws aws;
  private final String region;

  FakeSecretsManager(FakeAws aws, String region) {
    this.aws = aws;
    this.region = region;
  }

  /** The region of this Secrets Manager. */
  public String region() {
    return region;
  }

  /**
   * Creates a secret whose first version holds {@code value} and carries {@code AWSCURRENT}.
   *
   * @return the secret's ARN
   */
  public String createSecret(String name, String value) {
    return createSecret(name, SecretInput.string(requireNonNull(value, "value")));
  }

  /**
   * Creates a secret whose first version is {@code input} (its stages are ignored: the first
   * version always carries {@code AWSCURRENT}, as with {@code CreateSecret}).
   *
   * @return the secret's ARN
   */
  public String createSecret(String name, SecretInput input) {
    requireNonNull(name, "name");
    requireNonNull(input, "input");
    return run(
        now ->
            state()
                .createSecret(
                    Access.ALLOW_ALL, now, name, input.versionId(), Optional.of(value(input)), "")
                .arn());
  }

  /**
   * Creates a secret without a value (a later {@link #putSecretValue} adds the first version).
   *
   * @return the secret's ARN
   */
  public String createSecretWithoutValue(String name) {
    requireNonNull(name, "name");
    return run(
        now ->
            state()
                .createSecret(Access.ALLOW_ALL, now, name, Optional.empty(), Optional.empty(), "")
                .arn());
  }

  /**
   * Adds a version holding {@code value} and moves {@code AWSCURRENT} to it ({@code AWSPREVIOUS}
   * follows to the version that was current).
   *
   * @return the new version id
   */
  public String putSecretValue(String secretId, String value) {
    return putSecretValue(secretId, SecretInput.string(requireNonNull(value, "value")));
  }

  /**
   * Adds the version {@code input} with its staging labels ({@code AWSCURRENT} when it has none).
   *
   * @return the version id
   */
  public String putSecretValue(String secretId, SecretInput input) {
    requireNonNull(secretId, "secretId");
    requireNonNull(input, "input");
    return run(
        now ->
            state()
                .putSecretValue(
                    Access.ALLOW_ALL,
                    now,
                    secretId,
                    input.versionId(),
                    Optional.of(value(input)),
                    input.stages())
                .versionId()
                .orElseThrow());
  }

  /**
   * Rotates the secret the way a rotation function does: adds a version holding {@code newValue}
   * with {@code AWSPENDING}, then moves {@code AWSCURRENT} to it ({@code AWSPREVIOUS} follows to
   * the old current version; {@code AWSPENDING} stays on the new one, as after a rotation).
   *
   * @return the new version id
   */
  public String rotate(String secretId, String newValue) {
    requireNonNull(secretId, "secretId");
    requireNonNull(newValue, "newValue");
    return run(
        now -> {
          SecretsManagerState s = state();
          String current =
              s.getSecretValue(Access.ALLOW_ALL, now, secretId, Optional.empty(), Optional.empty())
                  .versionId();
          String pending =
              s.putSecretValue(
                      Access.ALLOW_ALL,
                      now,
                      secretId,
                      Optional.empty(),
                      Optional.of(
                          new SecretsManagerState.Value(
                              newValue.getBytes(StandardCharsets.UTF_8), false)),
                      List.of(AWSPENDING))
                  .versionId()
                  .orElseThrow();
          s.updateSecretVersionStage(
              Access.ALLOW_ALL,
              now,
              secretId,
              AWSCURRENT,
              Optional.of(pending),
              Optional.of(current));
          return pending;
        });
  }

  /**
   * Moves {@code stage} to {@code versionId}, from whichever version carries it (as {@code
   * UpdateSecretVersionStage} with {@code RemoveFromVersionId} set to that version).
   */
  public void updateSecretVersionStage(String secretId, String stage, String versionId) {
    requireNonNull(secretId, "secretId");
    requireNonNull(stage, "stage");
    requireNonNull(versionId, "versionId");
    run(
        now -> {
          SecretsManagerState s = state();
          Optional<String> holder =
              s
                  .describeSecret(Access.ALLOW_ALL, now, secretId)
                  .versionIdsToStages()
                  .entrySet()
                  .stream()
                  .filter(e -> e.getValue().contains(stage))
                  .map(Map.Entry::getKey)
                  .findFirst();
          return s.updateSecretVersionStage(
              Access.ALLOW_ALL, now, secretId, stage, Optional.of(versionId), holder);
        });
  }

  /** Removes {@code stage} from the version that carries it ({@code AWSCURRENT} cannot be). */
  public void removeStage(String secretId, String stage) {
    requireNonNull(secretId, "secretId");
    requireNonNull(stage, "stage");
    run(
        now -> {
          SecretsManagerState s = state();
          String holder =
              s
                  .describeSecret(Access.ALLOW_ALL, now, secretId)
                  .versionIdsToStages()
                  .entrySet()
                  .stream()
                  .filter(e -> e.getValue().contains(stage))
                  .map(Map.Entry::getKey)
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "no version of " + secretId + " carries " + stage));
          return s.updateSecretVersionStage(
              Access.ALLOW_ALL, now, secretId, stage, Optional.empty(), Optional.of(holder));
        });
  }

  /**
   * Schedules the secret for deletion after {@code recoveryWindow} (7 to 30 days). Until then it
   * can be described and restored, not read; afterwards (on the store's clock) it is gone.
   */
  public void deleteSecret(String secretId, Duration recoveryWindow) {
    requireNonNull(secretId, "secretId");
    requireNonNull(recoveryWindow, "recoveryWindow");
    long days = recoveryWindow.toDays();
    if (days * 86_400 != recoveryWindow.getSeconds() || recoveryWindow.getNano() != 0) {
      throw new IllegalArgumentException("a recovery window is a whole number of days");
    }
    run(
        now ->
            state()
                .deleteSecret(Access.ALLOW_ALL, now, secretId, OptionalInt.of((int) days), false));
  }

  /** Deletes the secret at once, without a recovery window. */
  public void forceDeleteSecret(String secretId) {
    requireNonNull(secretId, "secretId");
    run(now -> state().deleteSecret(Access.ALLOW_ALL, now, secretId, OptionalInt.empty(), true));
  }

  /** Cancels the scheduled deletion of a secret. */
  public void restoreSecret(String secretId) {
    requireNonNull(secretId, "secretId");
    run(now -> state().restoreSecret(Access.ALLOW_ALL, now, secretId));
  }

  /** The secret's ARN. */
  public String arn(String secretId) {
    return describeSecret(secretId).arn();
  }

  /** The secret's metadata, as {@code DescribeSecret} returns it. */
  public SecretInfo describeSecret(String secretId) {
    requireNonNull(secretId, "secretId");
    return run(
        now -> {
          SecretsManagerState.SecretView v =
              state().describeSecret(Access.ALLOW_ALL, now, secretId);
          Map<String, Set<String>> stages = new LinkedHashMap<>();
          v.versionIdsToStages().forEach((k, s) -> stages.put(k, Set.copyOf(s)));
          return new SecretInfo(v.arn(), v.name(), stages, v.deletedDate());
        });
  }

  /** The value carrying {@code AWSCURRENT}, as {@code GetSecretValue} returns it. */
  public SecretValue getSecretValue(String secretId) {
    return get(secretId, Optional.empty(), Optional.empty());
  }

  /** The value carrying {@code stage}. */
  public SecretValue getSecretValueByStage(String secretId, String stage) {
    return get(secretId, Optional.empty(), Optional.of(requireNonNull(stage, "stage")));
  }

  /** The value of version {@code versionId}. */
  public SecretValue getSecretValueByVersionId(String secretId, String versionId) {
    return get(secretId, Optional.of(requireNonNull(versionId, "versionId")), Optional.empty());
  }

  /** Whether a secret with this id exists (scheduled for deletion or not). */
  public boolean exists(String secretId) {
    requireNonNull(secretId, "secretId");
    return run(now -> state().exists(now, secretId));
  }

  @Override
  public String toString() {
    return "FakeSecretsManager{region=" + region + "}";
  }

  /**
   * A secret's metadata.
   *
   * @param arn the secret's ARN
   * @param name the secret's name
   * @param versionIdsToStages the staging labels of each labelled version (deprecated versions,
   *     without labels, are absent as in {@code DescribeSecret})
   * @param deletionDate when the secret will be deleted, if it is scheduled for deletion
   */
  public record SecretInfo(
      String arn,
      String name,
      Map<String, Set<String>> versionIdsToStages,
      Optional<Instant> deletionDate) {
    /** Checks the components and copies the map. */
    public SecretInfo {
      requireNonNull(arn, "arn");
      requireNonNull(name, "name");
      Map<String, Set<String>> copy = new LinkedHashMap<>();
      versionIdsToStages.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
      versionIdsToStages = Collections.unmodifiableMap(copy);
      requireNonNull(deletionDate, "deletionDate");
    }

    /** The version that carries {@code stage}, if any. */
    public Optional<String> versionWithStage(String stage) {
      return versionIdsToStages.entrySet().stream()
          .filter(e -> e.getValue().contains(stage))
          .map(Map.Entry::getKey)
          .findFirst();
    }
  }

  private SecretValue get(String secretId, Optional<String> versionId, Optional<String> stage) {
    requireNonNull(secretId, "secretId");
    return run(
        now -> {
          SecretsManagerState.ValueView v =
              state().getSecretValue(Access.ALLOW_ALL, now, secretId, versionId, stage);
          return new SecretValue(v.name(), v.versionId(), v.value(), v.binary());
        });
  }

  private SecretsManagerState state() {
    return aws.secretsState(region);
  }

  private <T> T run(Function<Instant, T> body) {
    return aws.locked(body);
  }

  private static SecretsManagerState.Value value(SecretInput input) {
    return new SecretsManagerState.Value(input.contents(), input.binary());
  }
}
