// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The secrets of one region, with Secrets Manager's semantics. Not thread-safe: {@link FakeAws}
 * serialises every call under its lock.
 *
 * <p>Implementation notes. Rules followed, from the Secrets Manager API reference: a secret's ARN
 * ends with {@code -} and six random characters, and a partial ARN (without them) finds the secret
 * too; a version id is the caller's {@code ClientRequestToken} (32 to 64 characters), and a put
 * that repeats a token with the same value is a no-op; a staging label sits on exactly one version;
 * moving {@code AWSCURRENT} moves {@code AWSPREVIOUS} to the version it left; a version without
 * labels is deprecated (still readable by id, absent from {@code VersionIdsToStages}, pruned beyond
 * 100 when older than a day); values are at most 65,536 bytes; a secret scheduled for deletion can
 * be described and restored but not read or changed, and disappears when its recovery window ends.
 */
final class SecretsManagerState {
  static final String AWSCURRENT = "AWSCURRENT";
  static final String AWSPREVIOUS = "AWSPREVIOUS";
  static final String AWSPENDING = "AWSPENDING";
  static final int MAX_VALUE_BYTES = 65_536;
  static final int MAX_BATCH_IDS = 20;
  static final int MAX_STAGES_PER_VERSION = 20;
  static final int MAX_DEPRECATED_VERSIONS = 100;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
  private static final String MARKED_FOR_DELETION =
      "You can't perform this operation on the secret because it was marked for deletion.";

  /** A value as written: the bytes and whether they are a {@code SecretBinary}. */
  // Internal: the array is never exposed without a copy.
  @SuppressWarnings("ArrayRecordComponent")
  record Value(byte[] bytes, boolean binary) {
    boolean sameAs(Value other) {
      return binary == other.binary && Arrays.equals(bytes, other.bytes);
    }
  }

  /** What {@code GetSecretValue} returns. */
  @SuppressWarnings("ArrayRecordComponent")
  record ValueView(
      String arn,
      String name,
      String versionId,
      byte[] value,
      boolean binary,
      List<String> stages,
      Instant created) {}

  /** What {@code DescribeSecret} returns. */
  record SecretView(
      String arn,
      String name,
      String description,
      Instant created,
      Instant lastChanged,
      Optional<Instant> lastAccessed,
      Optional<Instant> deletedDate,
      Map<String, List<String>> versionIdsToStages) {}

  /** What {@code CreateSecret} and {@code PutSecretValue} return. */
  record WriteResult(String arn, String name, Optional<String> versionId, List<String> stages) {}

  /** One entry of {@code BatchGetSecretValue}'s {@code Errors}. */
  record BatchError(String secretId, String errorCode, String message) {}

  /** What {@code BatchGetSecretValue} returns. */
  record BatchResult(List<ValueView> values, List<BatchError> errors) {}

  /** What {@code DeleteSecret} returns. */
  record DeleteResult(String arn, String name, Instant deletionDate) {}

  private static final class Version {
    final String id;
    final Value value;
    final Instant created;
    final LinkedHashSet<String> stages = new LinkedHashSet<>();

    Version(String id, Value value, Instant created) {
      this.id = id;
      this.value = value;
      this.created = created;
    }
  }

  private static final class Secret {
    final String name;
    final String arn;
    final String description;
    final Instant created;
    Instant lastChanged;
    Optional<Instant> lastAccessed = Optional.empty();
    Optional<Instant> deletionDate = Optional.empty();
    final LinkedHashMap<String, Version> versions = new LinkedHashMap<>();

    Secret(String name, String arn, String description, Instant created) {
      this.name = name;
      this.arn = arn;
      this.description = description;
      this.created = created;
      this.lastChanged = created;
    }

    Optional<Version> holderOf(String stage) {
      for (Version v : versions.values()) {
        if (v.stages.contains(stage)) {
          return Optional.of(v);
        }
      }
      return Optional.empty();
    }
  }

  private final String region;
  private final String accountId;
  private final Ids ids;
  private final Map<String, Secret> byName = new TreeMap<>();

  SecretsManagerState(String region, String accountId, Ids ids) {
    this.region = region;
    this.accountId = accountId;
    this.ids = ids;
  }

  // ---------------------------------------------------------------------------------------------
  // Operations

  WriteResult createSecret(
      Access access,
      Instant now,
      String name,
      Optional<String> token,
      Optional<Value> value,
      String description) {
    purge(now);
    if (!NAME.matcher(name).matches()) {
      throw AwsException.invalidParameter(
          "Invalid name. Must be a valid name containing alphanumeric characters, or any of the"
              + " following: -/_+=.@!");
    }
    token.ifPresent(SecretsManagerState::checkToken);
    value.ifPresent(SecretsManagerState::checkSize);
    Secret existing = byName.get(name);
    access.check(
        AwsOperation.CREATE_SECRET, name, existing != null ? existing.arn : arnPrefix() + name);
    if (existing != null) {
      if (existing.deletionDate.isPresent()) {
        throw AwsException.invalidRequest(
            "You can't create this secret because a secret with this name is already scheduled"
                + " for deletion.");
      }
      Version same = token.map(existing.versions::get).orElse(null);
      if (same != null && value.isPresent() && same.value.sameAs(value.get())) {
        return new WriteResult(
            existing.arn, existing.name, Optional.of(same.id), List.copyOf(same.stages));
      }
      throw new AwsException(
          "ResourceExistsException",
          400,
          "The operation failed because the secret " + name + " already exists.");
    }
    Secret secret = new Secret(name, arnPrefix() + name + "-" + ids.arnSuffix(), description, now);
    byName.put(name, secret);
    if (value.isEmpty()) {
      return new WriteResult(secret.arn, name, Optional.empty(), List.of());
    }
    Version v =
        addVersion(secret, token.orElseGet(ids::uuid), value.get(), List.of(AWSCURRENT), now);
    return new WriteResult(secret.arn, name, Optional.of(v.id), List.copyOf(v.stages));
  }

  WriteResult putSecretValue(
      Access access,
      Instant now,
      String secretId,
      Optional<String> token,
      Optional<Value> value,
      List<String> stages) {
    purge(now);
    Secret secret = resolve(access, AwsOperation.PUT_SECRET_VALUE, secretId);
    if (secret.deletionDate.isPresent()) {
      throw AwsException.invalidRequest(MARKED_FOR_DELETION);
    }
    if (value.isEmpty()) {
      throw AwsException.invalidRequest("You must provide either SecretString or SecretBinary.");
    }
    token.ifPresent(SecretsManagerState::checkToken);
    checkSize(value.get());
    List<String> effective = stages.isEmpty() ? List.of(AWSCURRENT) : List.copyOf(stages);
    checkStages(effective);
    if (token.isPresent() && secret.versions.containsKey(token.get())) {
      Version same = secret.versions.get(token.get());
      if (same.value.sameAs(value.get())) {
        return new WriteResult(
            secret.arn, secret.name, Optional.of(same.id), List.copyOf(same.stages));
      }
      throw new AwsException(
          "ResourceExistsException",
          400,
          "You can't use ClientRequestToken "
              + token.get()
              + " because that value is already in use for a version of secret "
              + secret.arn
              + ".");
    }
    Version v = addVersion(secret, token.orElseGet(ids::uuid), value.get(), effective, now);
    return new WriteResult(secret.arn, secret.name, Optional.of(v.id), List.copyOf(v.stages));
  }

  ValueView getSecretValue(
      Access access,
      Instant now,
      String secretId,
      Optional<String> versionId,
      Optional<String> stage) {
    purge(now);
    Secret secret = resolve(access, AwsOperation.GET_SECRET_VALUE, secretId);
    return read(secret, now, versionId, stage);
  }

  SecretView describeSecret(Access access, Instant now, String secretId) {
    purge(now);
    Secret s = resolve(access, AwsOperation.DESCRIBE_SECRET, secretId);
    Map<String, List<String>> stages = new LinkedHashMap<>();
    for (Version v : s.versions.values()) {
      if (!v.stages.isEmpty()) {
        stages.put(v.id, List.copyOf(v.stages));
      }
    }
    return new SecretView(
        s.arn,
        s.name,
        s.description,
        s.created,
        s.lastChanged,
        s.lastAccessed,
        s.deletionDate,
        stages);
  }

  BatchResult batchGetSecretValue(
      Access access,
      Instant now,
      List<String> secretIds,
      Function<String, Optional<AwsError>> faultOf) {
    purge(now);
    if (secretIds.isEmpty()) {
      throw AwsException.validation(
          "1 validation error detected: Value '[]' at 'secretIdList' failed to satisfy constraint:"
              + " Member must have length greater than or equal to 1");
    }
    if (secretIds.size() > MAX_BATCH_IDS) {
      throw AwsException.validation(
          "1 validation error detected: Value '"
              + "["
              + String.join(", ", secretIds)
              + "]"
              + "' at 'secretIdList' failed to satisfy constraint: Member must have length less"
              + " than or equal to "
              + MAX_BATCH_IDS);
    }
    List<ValueView> values = new ArrayList<>();
    List<BatchError> errors = new ArrayList<>();
    for (String id : secretIds) {
      try {
        Optional<AwsError> fault = faultOf.apply(id);
        if (fault.isPresent()) {
          throw new AwsException(fault.get());
        }
        Secret secret = resolve(access, AwsOperation.GET_SECRET_VALUE, id);
        values.add(read(secret, now, Optional.empty(), Optional.empty()));
      } catch (AwsException e) {
        errors.add(new BatchError(id, e.error().code(), e.error().message()));
      }
    }
    return new BatchResult(values, errors);
  }

  WriteResult updateSecretVersionStage(
      Access access,
      Instant now,
      String secretId,
      String stage,
      Optional<String> moveTo,
      Optional<String> removeFrom) {
    purge(now);
    Secret secret = resolve(access, AwsOperation.UPDATE_SECRET_VERSION_STAGE, secretId);
    if (secret.deletionDate.isPresent()) {
      throw AwsException.invalidRequest(MARKED_FOR_DELETION);
    }
    checkStages(List.of(stage));
    if (moveTo.isEmpty() && removeFrom.isEmpty()) {
      throw AwsException.invalidParameter(
          "You must specify MoveToVersionId, RemoveFromVersionId, or both.");
    }
    Optional<Version> holder = secret.holderOf(stage);
    if (removeFrom.isPresent()) {
      if (!secret.versions.containsKey(removeFrom.get())) {
        throw versionNotFound(removeFrom.get());
      }
      if (holder.isEmpty() || !holder.get().id.equals(removeFrom.get())) {
        throw AwsException.invalidParameter(
            "The staging label "
                + stage
                + " isn't attached to the version "
                + removeFrom.get()
                + " that you specified in RemoveFromVersionId.");
      }
    }
    if (moveTo.isEmpty()) {
      if (stage.equals(AWSCURRENT)) {
        throw AwsException.invalidParameter(
            "You can't remove the staging label AWSCURRENT from a version without attaching it to"
                + " another version. Specify MoveToVersionId.");
      }
      holder.ifPresent(h -> h.stages.remove(stage));
      secret.lastChanged = now;
      return new WriteResult(secret.arn, secret.name, Optional.empty(), List.of());
    }
    Version target = secret.versions.get(moveTo.get());
    if (target == null) {
      throw versionNotFound(moveTo.get());
    }
    if (holder.isPresent() && holder.get() != target && removeFrom.isEmpty()) {
      throw AwsException.invalidParameter(
          "The parameter RemoveFromVersionId can't be empty. Staging label "
              + stage
              + " is currently attached to version "
              + holder.get().id
              + ", so you must explicitly reference that version in RemoveFromVersionId.");
    }
    if (holder.isPresent() && holder.get() == target) {
      return new WriteResult(secret.arn, secret.name, Optional.empty(), List.of());
    }
    if (target.stages.size() >= MAX_STAGES_PER_VERSION) {
      throw new AwsException(
          "LimitExceededException",
          400,
          "A version can have at most " + MAX_STAGES_PER_VERSION + " staging labels.");
    }
    holder.ifPresent(h -> h.stages.remove(stage));
    target.stages.add(stage);
    if (stage.equals(AWSCURRENT) && holder.isPresent()) {
      secret.holderOf(AWSPREVIOUS).ifPresent(p -> p.stages.remove(AWSPREVIOUS));
      holder.get().stages.add(AWSPREVIOUS);
    }
    secret.lastChanged = now;
    return new WriteResult(secret.arn, secret.name, Optional.empty(), List.of());
  }

  DeleteResult deleteSecret(
      Access access,
      Instant now,
      String secretId,
      OptionalInt recoveryWindowDays,
      boolean forceDelete) {
    purge(now);
    if (forceDelete && recoveryWindowDays.isPresent()) {
      throw AwsException.invalidParameter(
          "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    int days = recoveryWindowDays.orElse(30);
    if (days < 7 || days > 30) {
      throw AwsException.invalidParameter(
          "RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
    }
    Secret secret = resolve(access, AwsOperation.DELETE_SECRET, secretId);
    if (forceDelete) {
      byName.remove(secret.name);
      return new DeleteResult(secret.arn, secret.name, now);
    }
    if (secret.deletionDate.isPresent()) {
      throw AwsException.invalidRequest(MARKED_FOR_DELETION);
    }
    Instant deletion = now.plus(Duration.ofDays(days));
    secret.deletionDate = Optional.of(deletion);
    secret.lastChanged = now;
    return new DeleteResult(secret.arn, secret.name, deletion);
  }

  WriteResult restoreSecret(Access access, Instant now, String secretId) {
    purge(now);
    Secret secret = resolve(access, AwsOperation.RESTORE_SECRET, secretId);
    secret.deletionDate = Optional.empty();
    secret.lastChanged = now;
    return new WriteResult(secret.arn, secret.name, Optional.empty(), List.of());
  }

  /** Forgets every secret. */
  void clear() {
    byName.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private ValueView read(
      Secret secret, Instant now, Optional<String> versionId, Optional<String> stage) {
    if (secret.deletionDate.isPresent()) {
      throw AwsException.invalidRequest(MARKED_FOR_DELETION);
    }
    Version v;
    if (versionId.isPresent()) {
      v = secret.versions.get(versionId.get());
      if (v == null) {
        throw versionNotFound(versionId.get());
      }
      if (stage.isPresent() && !v.stages.contains(stage.get())) {
        throw AwsException.invalidRequest(
            "You provided a VersionStage that is not associated to the provided VersionId.");
      }
    } else {
      String label = stage.orElse(AWSCURRENT);
      v =
          secret
              .holderOf(label)
              .orElseThrow(
                  () ->
                      new AwsException(
                          "ResourceNotFoundException",
                          400,
                          "Secrets Manager can't find the specified secret value for staging"
                              + " label: "
                              + label));
    }
    secret.lastAccessed = Optional.of(now.truncatedTo(ChronoUnit.DAYS));
    return new ValueView(
        secret.arn,
        secret.name,
        v.id,
        v.value.bytes().clone(),
        v.value.binary(),
        List.copyOf(v.stages),
        v.created);
  }

  private Version addVersion(
      Secret secret, String versionId, Value value, List<String> stages, Instant now) {
    for (String stage : stages) {
      Optional<Version> holder = secret.holderOf(stage);
      holder.ifPresent(h -> h.stages.remove(stage));
      if (stage.equals(AWSCURRENT) && holder.isPresent()) {
        secret.holderOf(AWSPREVIOUS).ifPresent(p -> p.stages.remove(AWSPREVIOUS));
        holder.get().stages.add(AWSPREVIOUS);
      }
    }
    Version v = new Version(versionId, new Value(value.bytes().clone(), value.binary()), now);
    v.stages.addAll(stages);
    secret.versions.put(versionId, v);
    secret.lastChanged = now;
    prune(secret, now);
    return v;
  }

  private static void prune(Secret secret, Instant now) {
    long deprecated = secret.versions.values().stream().filter(v -> v.stages.isEmpty()).count();
    Iterator<Version> it = secret.versions.values().iterator();
    while (deprecated > MAX_DEPRECATED_VERSIONS && it.hasNext()) {
      Version v = it.next();
      if (v.stages.isEmpty() && v.created.plus(Duration.ofDays(1)).isBefore(now)) {
        it.remove();
        deprecated--;
      }
    }
  }

  private void purge(Instant now) {
    byName.values().removeIf(s -> s.deletionDate.map(d -> !d.isAfter(now)).orElse(false));
  }

  private Secret resolve(Access access, AwsOperation op, String secretId) {
    Optional<Secret> found = find(secretId);
    if (found.isPresent()) {
      access.check(op, found.get().name, found.get().arn);
      return found.get();
    }
    access.check(op, nameOf(secretId), secretId);
    throw new AwsException(AwsError.secretNotFound());
  }

  /** The secret named, or addressed by full or partial ARN, by {@code secretId}. */
  private Optional<Secret> find(String secretId) {
    if (!secretId.startsWith("arn:")) {
      return Optional.ofNullable(byName.get(secretId));
    }
    String[] p = secretId.split(":", 7);
    if (p.length != 7
        || !p[1].equals("aws")
        || !p[2].equals("secretsmanager")
        || !p[3].equals(region)
        || !p[4].equals(accountId)
        || !p[5].equals("secret")) {
      return Optional.empty();
    }
    for (Secret s : byName.values()) {
      if (s.arn.equals(secretId)) {
        return Optional.of(s);
      }
    }
    return Optional.ofNullable(byName.get(p[6]));
  }

  /** Whether {@code secretId} names an existing secret (scheduled for deletion or not). */
  boolean exists(Instant now, String secretId) {
    purge(now);
    return find(secretId).isPresent();
  }

  private static String nameOf(String secretId) {
    if (secretId.startsWith("arn:")) {
      String[] p = secretId.split(":", 7);
      return p.length == 7 ? p[6] : secretId;
    }
    return secretId;
  }

  private String arnPrefix() {
    return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:";
  }

  private static AwsException versionNotFound(String versionId) {
    return new AwsException(
        "ResourceNotFoundException",
        400,
        "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
  }

  private static void checkToken(String token) {
    if (token.length() < 32 || token.length() > 64) {
      throw AwsException.invalidParameter("ClientRequestToken must be 32-64 characters long.");
    }
  }

  private static void checkSize(Value value) {
    if (value.bytes().length > MAX_VALUE_BYTES) {
      throw AwsException.validation(
          "1 validation error detected: Value at '"
              + (value.binary() ? "secretBinary" : "secretString")
              + "' failed to satisfy constraint: Member must have length less than or equal to "
              + MAX_VALUE_BYTES);
    }
  }

  private static void checkStages(List<String> stages) {
    if (stages.size() > MAX_STAGES_PER_VERSION) {
      throw AwsException.validation(
          "1 validation error detected: Value at 'versionStages' failed to satisfy constraint:"
              + " Member must have length less than or equal to "
              + MAX_STAGES_PER_VERSION);
    }
    for (String s : stages) {
      if (s.isEmpty() || s.length() > 256) {
        throw AwsException.validation(
            "1 validation error detected: Value at 'versionStages' failed to satisfy constraint:"
                + " Member must have length between 1 and 256");
      }
    }
  }
}
