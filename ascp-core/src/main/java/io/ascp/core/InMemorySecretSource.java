// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.DescribeRequest;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretDescription;
import io.ascp.api.spi.SecretSource;
import io.ascp.api.spi.SecretValue;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory {@link SecretSource} of Secrets Manager secrets and SSM parameters: the embedded
 * default for local development, the quick start, the command line and library users' tests.
 *
 * <p>Secrets keep versions with ids and stages ({@code AWSCURRENT}, {@code AWSPREVIOUS}, custom
 * stages) that move as in Secrets Manager when a version is added; parameters keep numbered
 * versions ({@code 1..n}) and labels that move as in Parameter Store. Objects are found by name,
 * and by ARN when an entry declares one; a request may select a version id (number) or a stage
 * (label). By default an entry exists in every region; an entry may be limited to some regions, so
 * that one region can lack an object or hold other content than another.
 *
 * <p>Build one with {@link #builder()}, or load a seed file with {@link #fromFile(Path)} (the
 * format is described in {@code docs/library.md}, section "The in-memory source and its seed
 * file"):
 *
 * <pre>{@code
 * InMemorySecretSource source =
 *     InMemorySecretSource.builder()
 *         .secret("prod/app/db", "{\"username\":\"demo\",\"password\":\"not-a-real-password\"}")
 *         .secret(
 *             "prod/app/api-key",
 *             s ->
 *                 s.stringVersion("v1", "demo-key-1")
 *                     .stringVersion("v2", "demo-key-2")) // v2 is AWSCURRENT, v1 AWSPREVIOUS
 *         .parameter("/demo/log-level", "info")
 *         .parameter(
 *             "/demo/feature",
 *             p -> p.version("off").version("on", "stable")) // version 2 carries "stable"
 *         .build();
 * }</pre>
 *
 * <p>Failures are per object ({@link FetchResult.Failed}), with Secrets Manager's messages ({@code
 * Secrets Manager can't find the specified secret.} and its version variants) and the reference
 * provider's message for SSM names that do not resolve ({@code 400: <region>: invalid parameters:
 * a, b}, every missing selector of the batch, each failed object carrying it). The caller identity
 * is ignored: the source does no access control.
 *
 * <p>Instances are immutable and thread-safe. The source owns no resources and needs no closing;
 * values are copied on the way in and out, and {@link #toString()} shows only counts.
 */
public final class InMemorySecretSource implements SecretSource {
  /*
   * Entries are indexed by name and by ARN; each key maps to the entries (one per disjoint
   * region set) that carry it. Lookups never scan the store. Values are kept as private byte
   * arrays that no method exposes; SecretValue copies them.
   */

  /** The seed-file format version this class reads ({@code formatVersion: 1}). */
  public static final int SEED_FORMAT_VERSION = 1;

  /** The stage Secrets Manager gives the version it returns by default. */
  public static final String AWSCURRENT = "AWSCURRENT";

  /** The stage Secrets Manager moves to the version that was current before the current one. */
  public static final String AWSPREVIOUS = "AWSPREVIOUS";

  private static final String SECRET_NOT_FOUND = "Secrets Manager can't find the specified secret.";

  private final Map<String, List<StoredSecret>> secretsByName;
  private final Map<String, List<StoredSecret>> secretsByArn;
  private final Map<String, List<StoredParameter>> parametersByName;
  private final Map<String, List<StoredParameter>> parametersByArn;
  private final List<StoredSecret> secrets;
  private final List<StoredParameter> parameters;

  private InMemorySecretSource(Builder b) {
    this.secrets = List.copyOf(b.secrets);
    this.parameters = List.copyOf(b.parameters);
    this.secretsByName = index(secrets, s -> Optional.of(s.name));
    this.secretsByArn = index(secrets, s -> s.arn);
    this.parametersByName = index(parameters, p -> Optional.of(p.name));
    this.parametersByArn = index(parameters, p -> p.arn);
  }

  /** A builder of an empty store. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads a store from a seed file in JSON or YAML.
   *
   * @param seedFile the file; read completely, UTF-8
   * @throws AscpException with {@link ErrorCode#INVALID_PARAMETERS} when the file cannot be read or
   *     is not a valid seed; the message names the entry and the field, never a value
   */
  public static InMemorySecretSource fromFile(Path seedFile) {
    return SeedFileParser.parseFile(requireNonNull(seedFile, "seedFile"));
  }

  /**
   * Loads a store from the text of a seed document in JSON or YAML (a document whose first
   * non-blank character is <code>{</code> is read as JSON, anything else as YAML).
   *
   * @throws AscpException with {@link ErrorCode#INVALID_PARAMETERS} when the text is not a valid
   *     seed; the message names the entry and the field, never a value
   */
  public static InMemorySecretSource fromString(String seed) {
    return SeedFileParser.parse(requireNonNull(seed, "seed"), "<string>");
  }

  /**
   * Loads a store from a seed document in JSON or YAML, UTF-8, read to its end. The stream is not
   * closed: the caller owns it.
   *
   * @throws AscpException with {@link ErrorCode#INVALID_PARAMETERS} when the stream cannot be read
   *     or is not a valid seed; the message names the entry and the field, never a value
   */
  public static InMemorySecretSource fromStream(InputStream seed) {
    return SeedFileParser.parseStream(requireNonNull(seed, "seed"), "<stream>");
  }

  /**
   * A copy of this store in which the secret {@code name} has one more string version, {@code
   * AWSCURRENT}, added as Secrets Manager's {@code PutSecretValue} adds it: the version that was
   * current becomes {@code AWSPREVIOUS}. This store is unchanged; swap the copy in to simulate a
   * rotation. A secret with entries for several region sets gets the version in each.
   *
   * @param versionId the new version's id: 1 to 64 letters, digits, {@code .}, {@code _} or {@code
   *     -}, not yet used by the secret
   * @param value the new secret string
   * @throws IllegalArgumentException when the store has no secret {@code name}, or the version id
   *     is invalid or taken
   */
  public InMemorySecretSource withSecretVersion(String name, String versionId, String value) {
    requireNonNull(name, "name");
    requireNonNull(versionId, "versionId");
    requireNonNull(value, "value");
    Builder copy = new Builder();
    boolean found = false;
    for (StoredSecret secret : secrets) {
      if (secret.name.equals(name)) {
        found = true;
        SecretSpec spec = new SecretSpec(secret.name);
        spec.arn = secret.arn;
        spec.regions = secret.regions;
        for (StoredVersion v : secret.versions) {
          spec.versions.add(new MutableVersion(v.id, v.value, v.binary, v.stages));
        }
        spec.addVersion(Optional.of(versionId), value.getBytes(UTF_8), false, List.of(AWSCURRENT));
        copy.secrets.add(spec.build());
      } else {
        copy.secrets.add(secret);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("no secret " + Names.quote(name) + " in the store");
    }
    copy.parameters.addAll(parameters);
    return copy.build();
  }

  /**
   * Reads every object of the batch from the store.
   *
   * @return one result per object, in request order
   */
  @Override
  public List<FetchResult> fetch(FetchBatch batch) {
    requireNonNull(batch, "batch");
    return batch.type() == ObjectType.SECRETS_MANAGER
        ? fetchSecrets(batch)
        : fetchParameters(batch);
  }

  /**
   * The stages of each staged version of a secret, like Secrets Manager's {@code DescribeSecret}
   * (versions without stages are left out, as there).
   *
   * @return the description; never empty, as this source can describe secrets
   * @throws AscpException with {@link ErrorCode#NOT_FOUND} when the secret does not exist in the
   *     request's region
   */
  @Override
  public Optional<SecretDescription> describe(DescribeRequest request) {
    requireNonNull(request, "request");
    StoredSecret secret =
        findSecret(request.name(), request.region())
            .orElseThrow(
                () ->
                    new AscpException(
                        ErrorCode.NOT_FOUND,
                        request.region()
                            + ": Failed to describe secret "
                            + request.name()
                            + ": ResourceNotFoundException: "
                            + SECRET_NOT_FOUND));
    Map<String, Set<String>> stages = new TreeMap<>();
    for (StoredVersion v : secret.versions) {
      if (!v.stages.isEmpty()) {
        stages.put(v.id, v.stages);
      }
    }
    return Optional.of(new SecretDescription(secret.name, stages));
  }

  /** Counts only, e.g. {@code InMemorySecretSource{secrets=3, parameters=2}}; never a value. */
  @Override
  public String toString() {
    return "InMemorySecretSource{secrets="
        + secrets.size()
        + ", parameters="
        + parameters.size()
        + "}";
  }

  private List<FetchResult> fetchSecrets(FetchBatch batch) {
    List<FetchResult> results = new ArrayList<>(batch.objects().size());
    for (ObjectRequest request : batch.objects()) {
      results.add(fetchSecret(request, batch.region()));
    }
    return results;
  }

  private FetchResult fetchSecret(ObjectRequest request, String region) {
    Optional<StoredSecret> found = findSecret(request.name(), region);
    if (found.isEmpty()) {
      return failedSecret(
          request, region, ErrorCode.NOT_FOUND, "ResourceNotFoundException", SECRET_NOT_FOUND);
    }
    StoredSecret secret = found.get();
    StoredVersion version;
    if (request.version().isPresent()) {
      String id = request.version().get();
      Optional<StoredVersion> byId =
          secret.versions.stream().filter(v -> v.id.equals(id)).findFirst();
      if (byId.isEmpty()) {
        return failedSecret(
            request,
            region,
            ErrorCode.NOT_FOUND,
            "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for VersionId: " + id);
      }
      version = byId.get();
      if (request.versionLabel().isPresent()
          && !version.stages.contains(request.versionLabel().get())) {
        return failedSecret(
            request,
            region,
            ErrorCode.INVALID_PARAMETERS,
            "InvalidRequestException",
            "You provided a VersionStage that is not associated to the provided VersionId.");
      }
    } else {
      String stage = request.versionLabel().orElse(AWSCURRENT);
      Optional<StoredVersion> byStage =
          secret.versions.stream().filter(v -> v.stages.contains(stage)).findFirst();
      if (byStage.isEmpty()) {
        return failedSecret(
            request,
            region,
            ErrorCode.NOT_FOUND,
            "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for staging label: " + stage);
      }
      version = byStage.get();
    }
    return FetchResult.found(
        request, new SecretValue(secret.name, version.id, version.value, version.binary));
  }

  private List<FetchResult> fetchParameters(FetchBatch batch) {
    List<ObjectRequest> requests = batch.objects();
    List<Optional<SecretValue>> values = new ArrayList<>(requests.size());
    Set<String> missing = new LinkedHashSet<>();
    for (ObjectRequest request : requests) {
      Optional<SecretValue> value = fetchParameter(request, batch.region());
      if (value.isEmpty()) {
        missing.add(selector(request));
      }
      values.add(value);
    }
    String message =
        "400: " + batch.region() + ": invalid parameters: " + String.join(", ", missing);
    List<FetchResult> results = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      Optional<SecretValue> value = values.get(i);
      results.add(
          value.isPresent()
              ? FetchResult.found(requests.get(i), value.get())
              : failed(requests.get(i), ErrorCode.NOT_FOUND, message));
    }
    return results;
  }

  private Optional<SecretValue> fetchParameter(ObjectRequest request, String region) {
    Optional<StoredParameter> found = findParameter(request.name(), region);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredParameter parameter = found.get();
    // As in GetParameters, the reference sends "name:<version>" when a version is set, else
    // "name:<label>"; a selector of digits is a version number, anything else a label.
    Optional<String> selector = request.version().or(request::versionLabel);
    Optional<StoredVersion> version;
    if (selector.isEmpty()) {
      version = Optional.of(parameter.versions.get(parameter.versions.size() - 1));
    } else if (isVersionNumber(selector.get())) {
      version = versionNumber(parameter, selector.get());
    } else {
      String label = selector.get();
      version = parameter.versions.stream().filter(v -> v.stages.contains(label)).findFirst();
    }
    return version.map(v -> new SecretValue(parameter.name, v.id, v.value, false));
  }

  private static Optional<StoredVersion> versionNumber(StoredParameter parameter, String digits) {
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    if (trimmed.length() > 9) {
      return Optional.empty();
    }
    int number = Integer.parseInt(trimmed);
    return number >= 1 && number <= parameter.versions.size()
        ? Optional.of(parameter.versions.get(number - 1))
        : Optional.empty();
  }

  private static boolean isVersionNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String selector(ObjectRequest request) {
    return request
        .version()
        .or(request::versionLabel)
        .map(s -> request.name() + ":" + s)
        .orElse(request.name());
  }

  private Optional<StoredSecret> findSecret(String key, String region) {
    return find(key, region, secretsByName, secretsByArn);
  }

  private Optional<StoredParameter> findParameter(String key, String region) {
    return find(key, region, parametersByName, parametersByArn);
  }

  private static <T extends Stored> Optional<T> find(
      String key, String region, Map<String, List<T>> byName, Map<String, List<T>> byArn) {
    if (key.startsWith("arn:")) {
      // An ARN names one region: like the real service, it resolves only there.
      if (!region.equals(Names.arnRegion(key))) {
        return Optional.empty();
      }
      return byArn.getOrDefault(key, List.of()).stream()
          .filter(e -> e.visibleIn(region))
          .findFirst();
    }
    return byName.getOrDefault(key, List.of()).stream()
        .filter(e -> e.visibleIn(region))
        .findFirst();
  }

  /**
   * A Secrets Manager failure in the message shape of DESIGN §6.3 (as the AWS source reports it):
   * {@code <region>: Failed fetching secret <name>: <AWS error code>: <AWS message>}.
   */
  private static FetchResult failedSecret(
      ObjectRequest request, String region, ErrorCode code, String awsCode, String awsMessage) {
    return failed(
        request,
        code,
        region + ": Failed fetching secret " + request.name() + ": " + awsCode + ": " + awsMessage);
  }

  private static FetchResult failed(ObjectRequest request, ErrorCode code, String message) {
    return FetchResult.failed(request, new AscpException(code, message));
  }

  private static <T extends Stored> Map<String, List<T>> index(
      List<T> entries, java.util.function.Function<T, Optional<String>> key) {
    Map<String, List<T>> index = new HashMap<>();
    for (T e : entries) {
      key.apply(e).ifPresent(k -> index.computeIfAbsent(k, x -> new ArrayList<>()).add(e));
    }
    Map<String, List<T>> copy = new HashMap<>();
    index.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Map.copyOf(copy);
  }

  /**
   * A builder of an {@link InMemorySecretSource}. Each method checks its arguments at once and
   * throws {@link IllegalArgumentException} naming the bad name, id, stage, label or region (never
   * a value). Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final List<StoredSecret> secrets = new ArrayList<>();
    private final List<StoredParameter> parameters = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a secret with one string version, {@code AWSCURRENT}, whose id is derived from the name
     * (a stable UUID).
     */
    public Builder secret(String name, String value) {
      requireNonNull(value, "value");
      return secret(name, s -> s.addVersion(Optional.empty(), value.getBytes(UTF_8), false, null));
    }

    /**
     * Adds a secret with one binary version ({@code SecretBinary}), {@code AWSCURRENT}, whose id is
     * derived from the name (a stable UUID).
     */
    public Builder binarySecret(String name, byte[] value) {
      requireNonNull(value, "value");
      return secret(name, s -> s.addVersion(Optional.empty(), value.clone(), true, null));
    }

    /**
     * Adds a secret described by {@code spec}, which must add at least one version.
     *
     * @throws IllegalArgumentException when the name is invalid, when the spec is, or when a secret
     *     of the same name (or ARN) already exists in one of the same regions
     */
    public Builder secret(String name, Consumer<SecretSpec> spec) {
      requireNonNull(spec, "spec");
      SecretSpec s = new SecretSpec(Names.secretName(name));
      spec.accept(s);
      StoredSecret secret = s.build();
      checkNoOverlap(secrets, secret, "secret");
      secrets.add(secret);
      return this;
    }

    /** Adds a {@code String} parameter with one version (version 1). */
    public Builder parameter(String name, String value) {
      requireNonNull(value, "value");
      return parameter(name, p -> p.version(value));
    }

    /**
     * Adds a parameter described by {@code spec}, which must add at least one version.
     *
     * @throws IllegalArgumentException when the name is invalid, when the spec is, or when a
     *     parameter of the same name (or ARN) already exists in one of the same regions
     */
    public Builder parameter(String name, Consumer<ParameterSpec> spec) {
      requireNonNull(spec, "spec");
      ParameterSpec p = new ParameterSpec(Names.parameterName(name));
      spec.accept(p);
      StoredParameter parameter = p.build();
      checkNoOverlap(parameters, parameter, "parameter");
      parameters.add(parameter);
      return this;
    }

    /** The store; later changes to this builder do not affect it. */
    public InMemorySecretSource build() {
      return new InMemorySecretSource(this);
    }

    private static <T extends Stored> void checkNoOverlap(List<T> existing, T added, String kind) {
      for (T e : existing) {
        boolean sameKey =
            e.name.equals(added.name) || (e.arn.isPresent() && e.arn.equals(added.arn));
        if (sameKey && e.overlaps(added)) {
          String key = e.name.equals(added.name) ? added.name : added.arn.orElseThrow();
          throw new IllegalArgumentException(
              "duplicate "
                  + kind
                  + " "
                  + Names.quote(key)
                  + ": two entries with the same name or ARN need disjoint regions");
        }
      }
    }
  }

  /**
   * The description of one secret inside {@link Builder#secret(String, Consumer)}: its ARN, its
   * regions and its versions, oldest first. Adding a version moves its stages to it as Secrets
   * Manager does: a version added with {@code AWSCURRENT} takes it from the previous holder, which
   * gets {@code AWSPREVIOUS}; any other stage moves from the version that carried it.
   */
  public static final class SecretSpec {
    private final String name;
    private Optional<String> arn = Optional.empty();
    private Set<String> regions = Set.of();
    private final List<MutableVersion> versions = new ArrayList<>();

    private SecretSpec(String name) {
      this.name = name;
    }

    /**
     * Declares the secret's ARN, so it can be fetched by it (only in the ARN's region, as in AWS):
     * {@code arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>}.
     */
    public SecretSpec arn(String arn) {
      this.arn = Optional.of(Names.secretArn(arn, name));
      return this;
    }

    /** Limits the secret to these regions; by default it exists in every region. */
    public SecretSpec regions(String... regions) {
      return regions(Arrays.asList(regions));
    }

    /** Limits the secret to these regions; by default it exists in every region. */
    public SecretSpec regions(Collection<String> regions) {
      this.regions = Names.regions(regions);
      return this;
    }

    /**
     * Adds a string version ({@code SecretString}).
     *
     * @param versionId the version id: 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}
     * @param value the secret string
     * @param stages its stages; none means {@code AWSCURRENT}, as {@code PutSecretValue} does
     */
    public SecretSpec stringVersion(String versionId, String value, String... stages) {
      requireNonNull(value, "value");
      return addVersion(
          Optional.of(versionId), value.getBytes(UTF_8), false, stagesOrCurrent(stages));
    }

    /**
     * Adds a binary version ({@code SecretBinary}).
     *
     * @param versionId the version id: 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}
     * @param value the secret binary (copied)
     * @param stages its stages; none means {@code AWSCURRENT}, as {@code PutSecretValue} does
     */
    public SecretSpec binaryVersion(String versionId, byte[] value, String... stages) {
      requireNonNull(value, "value");
      return addVersion(Optional.of(versionId), value.clone(), true, stagesOrCurrent(stages));
    }

    private static List<String> stagesOrCurrent(String[] stages) {
      return stages.length == 0 ? List.of(AWSCURRENT) : Arrays.asList(stages);
    }

    /**
     * Adds a version; a missing id is derived from the name and position, and {@code null} stages
     * mean {@code AWSCURRENT}. The value is taken, not copied.
     */
    SecretSpec addVersion(
        Optional<String> versionId,
        byte[] value,
        boolean binary,
        @org.jspecify.annotations.Nullable List<String> stages) {
      String id =
          versionId.isPresent()
              ? Names.versionId(versionId.get())
              : UUID.nameUUIDFromBytes(
                      ("ascp-in-memory/secret/" + name + "/" + versions.size()).getBytes(UTF_8))
                  .toString();
      for (MutableVersion v : versions) {
        if (v.id.equals(id)) {
          throw new IllegalArgumentException(
              "secret " + Names.quote(name) + " has two versions with id " + Names.quote(id));
        }
      }
      Set<String> newStages = new TreeSet<>();
      for (String stage : stages == null ? List.of(AWSCURRENT) : stages) {
        if (!newStages.add(Names.stage(stage))) {
          throw new IllegalArgumentException("stage " + Names.quote(stage) + " is listed twice");
        }
      }
      if (newStages.contains(AWSCURRENT) && newStages.contains(AWSPREVIOUS)) {
        throw new IllegalArgumentException(
            "a version cannot carry both AWSCURRENT and AWSPREVIOUS (secret "
                + Names.quote(name)
                + ", version "
                + Names.quote(id)
                + ")");
      }
      if (newStages.contains(AWSCURRENT)) {
        for (MutableVersion v : versions) {
          if (v.stages.remove(AWSCURRENT)) {
            versions.forEach(w -> w.stages.remove(AWSPREVIOUS));
            v.stages.add(AWSPREVIOUS);
          }
        }
      }
      for (String stage : newStages) {
        versions.forEach(v -> v.stages.remove(stage));
      }
      versions.add(new MutableVersion(id, value, binary, newStages));
      return this;
    }

    private StoredSecret build() {
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("secret " + Names.quote(name) + " has no version");
      }
      if (versions.stream().noneMatch(v -> v.stages.contains(AWSCURRENT))) {
        throw new IllegalArgumentException(
            "secret " + Names.quote(name) + " has no version with the stage AWSCURRENT");
      }
      arn.ifPresent(a -> Names.checkArnRegion(a, regions, name));
      return new StoredSecret(name, arn, regions, freeze(versions));
    }
  }

  /**
   * The description of one parameter inside {@link Builder#parameter(String, Consumer)}: its type,
   * ARN, regions and versions, oldest first (version numbers 1, 2, …). Adding a version with a
   * label moves the label to it, as {@code LabelParameterVersion} does.
   */
  public static final class ParameterSpec {
    private static final int MAX_LABELS_PER_VERSION = 10;

    private final String name;
    private Optional<String> arn = Optional.empty();
    private Set<String> regions = Set.of();
    private final List<MutableVersion> versions = new ArrayList<>();

    private ParameterSpec(String name) {
      this.name = name;
    }

    /**
     * Declares the parameter's ARN, so it can be fetched by it (only in the ARN's region, as in
     * AWS): {@code arn:<partition>:ssm:<region>:<account>:parameter/<name without leading />}.
     */
    public ParameterSpec arn(String arn) {
      this.arn = Optional.of(Names.parameterArn(arn, name));
      return this;
    }

    /** Limits the parameter to these regions; by default it exists in every region. */
    public ParameterSpec regions(String... regions) {
      return regions(Arrays.asList(regions));
    }

    /** Limits the parameter to these regions; by default it exists in every region. */
    public ParameterSpec regions(Collection<String> regions) {
      this.regions = Names.regions(regions);
      return this;
    }

    /**
     * Adds the next version (numbered from 1) with the given value and labels.
     *
     * @param value the value, not empty; for a {@code StringList}, the items joined by commas
     * @param labels labels moved to this version: up to 10, each 1 to 100 letters, digits, {@code
     *     .}, {@code _} or {@code -}, not starting with a digit, {@code aws} or {@code ssm}
     */
    public ParameterSpec version(String value, String... labels) {
      requireNonNull(value, "value");
      if (value.isEmpty()) {
        throw new IllegalArgumentException(
            "parameter " + Names.quote(name) + ": a value must not be empty");
      }
      if (labels.length > MAX_LABELS_PER_VERSION) {
        throw new IllegalArgumentException(
            "parameter " + Names.quote(name) + ": a version carries at most 10 labels");
      }
      Set<String> newLabels = new TreeSet<>();
      for (String label : labels) {
        if (!newLabels.add(Names.label(label))) {
          throw new IllegalArgumentException("label " + Names.quote(label) + " is listed twice");
        }
      }
      for (String label : newLabels) {
        versions.forEach(v -> v.stages.remove(label));
      }
      String number = Integer.toString(versions.size() + 1);
      versions.add(new MutableVersion(number, value.getBytes(UTF_8), false, newLabels));
      return this;
    }

    private StoredParameter build() {
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("parameter " + Names.quote(name) + " has no version");
      }
      arn.ifPresent(a -> Names.checkArnRegion(a, regions, name));
      return new StoredParameter(name, arn, regions, freeze(versions));
    }
  }

  private static List<StoredVersion> freeze(List<MutableVersion> versions) {
    List<StoredVersion> frozen = new ArrayList<>(versions.size());
    for (MutableVersion v : versions) {
      frozen.add(new StoredVersion(v.id, v.value, v.binary, Set.copyOf(v.stages)));
    }
    return List.copyOf(frozen);
  }

  private static final class MutableVersion {
    final String id;
    final byte[] value;
    final boolean binary;
    final Set<String> stages;

    MutableVersion(String id, byte[] value, boolean binary, Set<String> stages) {
      this.id = id;
      this.value = value;
      this.binary = binary;
      this.stages = new TreeSet<>(stages);
    }
  }

  /** One immutable version: a secret's (id, stages) or a parameter's (number, labels). */
  private static final class StoredVersion {
    final String id;
    final byte[] value;
    final boolean binary;
    final Set<String> stages;

    StoredVersion(String id, byte[] value, boolean binary, Set<String> stages) {
      this.id = id;
      this.value = value;
      this.binary = binary;
      this.stages = stages;
    }
  }

  private abstract static class Stored {
    final String name;
    final Optional<String> arn;
    final Set<String> regions;
    final List<StoredVersion> versions;

    Stored(String name, Optional<String> arn, Set<String> regions, List<StoredVersion> versions) {
      this.name = name;
      this.arn = arn;
      this.regions = regions;
      this.versions = versions;
    }

    boolean visibleIn(String region) {
      return regions.isEmpty() || regions.contains(region);
    }

    boolean overlaps(Stored other) {
      if (regions.isEmpty() || other.regions.isEmpty()) {
        return true;
      }
      return regions.stream().anyMatch(other.regions::contains);
    }
  }

  private static final class StoredSecret extends Stored {
    StoredSecret(
        String name, Optional<String> arn, Set<String> regions, List<StoredVersion> versions) {
      super(name, arn, regions, versions);
    }
  }

  private static final class StoredParameter extends Stored {
    StoredParameter(
        String name, Optional<String> arn, Set<String> regions, List<StoredVersion> versions) {
      super(name, arn, regions, versions);
    }
  }

  /** The rules for names, ids, stages, labels, regions and ARNs, with AWS's limits. */
  static final class Names {
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9/_.-]{1,2048}");
    private static final Pattern VERSION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern STAGE = Pattern.compile("[\\x21-\\x7e]{1,256}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern SECRET_ARN =
        Pattern.compile(
            "arn:[a-z][a-z-]*:secretsmanager:([a-z0-9-]+):[0-9]{12}:secret:(.+)-[A-Za-z0-9]{6}");
    private static final Pattern PARAMETER_ARN =
        Pattern.compile("arn:[a-z][a-z-]*:ssm:([a-z0-9-]+):[0-9]{12}:parameter/(.+)");

    private Names() {}

    static String secretName(String name) {
      requireNonNull(name, "name");
      if (!SECRET_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "invalid secret name "
                + quote(name)
                + ": 1 to 512 letters, digits or any of /_+=.@- are allowed");
      }
      return name;
    }

    static String parameterName(String name) {
      requireNonNull(name, "name");
      if (!PARAMETER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "invalid parameter name "
                + quote(name)
                + ": 1 to 2048 letters, digits or any of /_.- are allowed");
      }
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("aws")
          || lower.startsWith("ssm")
          || lower.startsWith("/aws")
          || lower.startsWith("/ssm")) {
        throw new IllegalArgumentException(
            "invalid parameter name " + quote(name) + ": aws and ssm are reserved prefixes");
      }
      if (name.contains("/") && !name.startsWith("/")) {
        throw new IllegalArgumentException(
            "invalid parameter name "
                + quote(name)
                + ": a name with a hierarchy must be fully qualified (start with /)");
      }
      return name;
    }

    static String versionId(String id) {
      requireNonNull(id, "versionId");
      if (!VERSION_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "invalid version id "
                + quote(id)
                + ": 1 to 64 letters, digits or any of ._- are allowed");
      }
      return id;
    }

    static String stage(String stage) {
      requireNonNull(stage, "stage");
      if (!STAGE.matcher(stage).matches()) {
        throw new IllegalArgumentException(
            "invalid stage " + quote(stage) + ": 1 to 256 printable ASCII characters, no spaces");
      }
      return stage;
    }

    static String label(String label) {
      requireNonNull(label, "label");
      String lower = label.toLowerCase(java.util.Locale.ROOT);
      if (!LABEL.matcher(label).matches()
          || Character.isDigit(label.charAt(0))
          || lower.startsWith("aws")
          || lower.startsWith("ssm")) {
        throw new IllegalArgumentException(
            "invalid label "
                + quote(label)
                + ": 1 to 100 letters, digits or any of ._-, not starting with a digit, aws or"
                + " ssm");
      }
      return label;
    }

    static Set<String> regions(Collection<String> regions) {
      requireNonNull(regions, "regions");
      Set<String> set = new TreeSet<>();
      for (String r : regions) {
        requireNonNull(r, "region");
        if (!REGION.matcher(r).matches()) {
          throw new IllegalArgumentException(
              "invalid region " + quote(r) + ": lower-case letters, digits and - are allowed");
        }
        if (!set.add(r)) {
          throw new IllegalArgumentException("region " + quote(r) + " is listed twice");
        }
      }
      if (set.isEmpty()) {
        throw new IllegalArgumentException(
            "regions must not be empty (leave them out for every region)");
      }
      return Set.copyOf(set);
    }

    static String secretArn(String arn, String name) {
      requireNonNull(arn, "arn");
      Matcher m = SECRET_ARN.matcher(arn);
      if (!m.matches() || !m.group(2).equals(name)) {
        throw new IllegalArgumentException(
            "invalid ARN "
                + quote(arn)
                + " for secret "
                + quote(name)
                + ": expected arn:<partition>:secretsmanager:<region>:<account>:secret:"
                + name
                + "-<6 letters or digits>");
      }
      return arn;
    }

    static String parameterArn(String arn, String name) {
      requireNonNull(arn, "arn");
      Matcher m = PARAMETER_ARN.matcher(arn);
      String bare = name.startsWith("/") ? name.substring(1) : name;
      if (!m.matches() || !m.group(2).equals(bare)) {
        throw new IllegalArgumentException(
            "invalid ARN "
                + quote(arn)
                + " for parameter "
                + quote(name)
                + ": expected arn:<partition>:ssm:<region>:<account>:parameter/"
                + bare);
      }
      return arn;
    }

    /** The region field of an ARN, or an empty string. */
    static String arnRegion(String arn) {
      String[] parts = arn.split(":", 5);
      return parts.length == 5 ? parts[3] : "";
    }

    static void checkArnRegion(String arn, Set<String> regions, String name) {
      String region = arnRegion(arn);
      if (!regions.isEmpty() && !regions.contains(region)) {
        throw new IllegalArgumentException(
            "the ARN of "
                + quote(name)
                + " names region "
                + region
                + ", which is not among its regions");
      }
    }

    /** {@code s} in double quotes, control characters escaped. */
    static String quote(String s) {
      StringBuilder b = new StringBuilder(s.length() + 2).append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          b.append('\\').append(c);
        } else if (Character.isISOControl(c)) {
          b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
      return b.append('"').toString();
    }
  }
}
