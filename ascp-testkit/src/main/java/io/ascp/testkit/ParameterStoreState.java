// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The parameters of one region, with Parameter Store's semantics. Not thread-safe: {@link FakeAws}
 * serialises every call under its lock.
 *
 * <p>Implementation notes. Rules followed, from the Parameter Store API reference and user guide:
 * names use {@code a-zA-Z0-9_.-/}, a name with {@code /} is fully qualified (starts with {@code
 * /}), at most 15 levels, and may not start with {@code aws} or {@code ssm}; {@code PutParameter}
 * takes no ARN, needs {@code Overwrite} to replace a value, and each write adds a version (at most
 * 100: the oldest goes, unless it carries a label); Standard values are at most 4 KiB, Advanced 8
 * KiB, and Advanced cannot go back to Standard; a label sits on one version of a parameter, at most
 * 10 per version, and invalid labels are returned, not rejected; {@code GetParameters} takes 1 to
 * 10 names, each a name or an ARN optionally followed by {@code :version} or {@code :label},
 * answers in alphabetical order with the {@code Selector} of each selected value, lists unknown
 * names, versions and labels in {@code InvalidParameters}, and returns a SecureString's ciphertext
 * unless decryption is asked for.
 */
final class ParameterStoreState {
  static final int MAX_NAMES = 10;
  static final int MAX_VERSIONS = 100;
  static final int MAX_LABELS_PER_VERSION = 10;
  static final int MAX_HIERARCHY_LEVELS = 15;
  static final int MAX_NAME_LENGTH = 1011;

  private static final Pattern NAME_CHARS = Pattern.compile("[a-zA-Z0-9_.\\-/]+");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9_.\\-]{1,100}");
  private static final String INVALID_NAME =
      "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as"
          + " a path, it can consist of sub-paths divided by slash symbol; each sub-path can be"
          + " formed as a mix of letters, numbers and the following 3 symbols .-_";
  private static final String DEFAULT_KEY = "alias/aws/ssm";

  /** One parameter value as {@code GetParameters} returns it. */
  record ParameterView(
      String name,
      String arn,
      ParameterType type,
      String value,
      long version,
      Optional<String> selector,
      Instant lastModified) {
    @Override
    public String toString() {
      return "ParameterView{name=" + name + ", version=" + version + "}";
    }
  }

  /** What {@code GetParameters} returns. */
  record GetParametersResult(List<ParameterView> parameters, List<String> invalidParameters) {}

  /** What {@code PutParameter} returns. */
  record PutResult(long version, ParameterTier tier) {}

  /** What {@code LabelParameterVersion} returns. */
  record LabelResult(List<String> invalidLabels, long version) {}

  private static final class Version {
    final long number;
    final ParameterType type;
    final String value;
    final ParameterTier tier;
    final String keyId;
    final Instant modified;
    final LinkedHashSet<String> labels = new LinkedHashSet<>();

    Version(
        long number,
        ParameterType type,
        String value,
        ParameterTier tier,
        String keyId,
        Instant modified) {
      this.number = number;
      this.type = type;
      this.value = value;
      this.tier = tier;
      this.keyId = keyId;
      this.modified = modified;
    }
  }

  private static final class Parameter {
    final String name;
    final String arn;
    final TreeMap<Long, Version> versions = new TreeMap<>();

    Parameter(String name, String arn) {
      this.name = name;
      this.arn = arn;
    }

    Version latest() {
      return versions.lastEntry().getValue();
    }

    Optional<Version> labelled(String label) {
      for (Version v : versions.values()) {
        if (v.labels.contains(label)) {
          return Optional.of(v);
        }
      }
      return Optional.empty();
    }
  }

  /** A requested name split into the parameter reference and its selector. */
  private record Ref(String base, Optional<String> selector) {}

  private final String region;
  private final String accountId;
  private final Map<String, Parameter> byName = new TreeMap<>();

  ParameterStoreState(String region, String accountId) {
    this.region = region;
    this.accountId = accountId;
  }

  // ---------------------------------------------------------------------------------------------
  // Operations

  PutResult putParameter(
      Access access,
      Instant now,
      String name,
      Optional<String> value,
      Optional<ParameterType> type,
      boolean overwrite,
      Optional<String> tierName,
      Optional<String> keyId) {
    checkName(name);
    Parameter existing = byName.get(name);
    access.check(AwsOperation.PUT_PARAMETER, name, existing != null ? existing.arn : arnOf(name));
    if (value.isEmpty() || value.get().isEmpty()) {
      throw AwsException.validation(
          "1 validation error detected: Value at 'value' failed to satisfy constraint: Member"
              + " must have length greater than or equal to 1");
    }
    int size = value.get().getBytes(StandardCharsets.UTF_8).length;
    if (size > ParameterTier.ADVANCED.maxValueBytes()) {
      throw AwsException.validation(
          "1 validation error detected: Value at 'value' failed to satisfy constraint: Member"
              + " must have length less than or equal to "
              + ParameterTier.ADVANCED.maxValueBytes());
    }
    if (existing != null && !overwrite) {
      throw new AwsException(
          "ParameterAlreadyExists",
          400,
          "The parameter already exists. To overwrite this value, set the overwrite option in the"
              + " request to true.");
    }
    if (existing == null && type.isEmpty()) {
      throw AwsException.validation("A parameter type is required when you create a parameter.");
    }
    Optional<Version> previous = Optional.ofNullable(existing).map(Parameter::latest);
    ParameterTier tier = tierOf(tierName, size, previous.map(v -> v.tier));
    if (size > tier.maxValueBytes()) {
      throw AwsException.validation(
          "Standard tier parameters support a maximum parameter value of 4096 characters. To"
              + " create a larger parameter value, upgrade the parameter to use the"
              + " advanced-parameter tier. For more information, see"
              + " https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html");
    }
    ParameterType effectiveType = type.orElseGet(() -> previous.orElseThrow().type);
    Parameter p = existing != null ? existing : new Parameter(name, arnOf(name));
    if (p.versions.size() >= MAX_VERSIONS) {
      Version oldest = p.versions.firstEntry().getValue();
      if (!oldest.labels.isEmpty()) {
        throw new AwsException(
            "ParameterMaxVersionLimitExceeded",
            400,
            "You attempted to create a new version of "
                + name
                + " by calling the PutParameter API with the overwrite flag. Version "
                + oldest.number
                + ", the oldest version, can't be deleted because it has a label associated with"
                + " it. Move the label to another version of the parameter, and try again.");
      }
      p.versions.pollFirstEntry();
    }
    long number = previous.map(v -> v.number + 1).orElse(1L);
    String key =
        effectiveType == ParameterType.SECURE_STRING
            ? keyId.orElseGet(() -> previous.map(v -> v.keyId).orElse(DEFAULT_KEY))
            : "";
    p.versions.put(number, new Version(number, effectiveType, value.get(), tier, key, now));
    byName.put(name, p);
    return new PutResult(number, tier);
  }

  GetParametersResult getParameters(
      Access access, Instant now, List<String> names, boolean withDecryption) {
    if (names.isEmpty()) {
      throw AwsException.validation(
          "1 validation error detected: Value '[]' at 'names' failed to satisfy constraint: Member"
              + " must have length greater than or equal to 1");
    }
    if (names.size() > MAX_NAMES) {
      throw AwsException.validation(
          "1 validation error detected: Value '["
              + String.join(", ", names)
              + "]' at 'names' failed to satisfy constraint: Member must have length less than or"
              + " equal to "
              + MAX_NAMES);
    }
    List<String> unique = List.copyOf(new LinkedHashSet<>(names));
    for (String requested : unique) {
      Optional<Parameter> p = parse(requested).flatMap(ref -> find(ref.base()));
      if (p.isPresent()) {
        access.check(AwsOperation.GET_PARAMETERS, p.get().name, p.get().arn);
      } else {
        access.check(AwsOperation.GET_PARAMETERS, requested, arnOf(requested));
      }
    }
    List<String> found = new ArrayList<>();
    List<ParameterView> views = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String requested : unique) {
      Optional<ParameterView> view = select(requested, withDecryption);
      if (view.isPresent()) {
        found.add(requested);
        views.add(view.get());
      } else {
        invalid.add(requested);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < views.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(found::get));
    List<ParameterView> sorted = new ArrayList<>();
    order.forEach(i -> sorted.add(views.get(i)));
    return new GetParametersResult(sorted, invalid);
  }

  ParameterView getParameter(Access access, Instant now, String name, boolean withDecryption) {
    Optional<Ref> ref = parse(name);
    Optional<Parameter> p = ref.flatMap(r -> find(r.base()));
    if (p.isEmpty()) {
      access.check(AwsOperation.GET_PARAMETER, name, arnOf(name));
      throw parameterNotFound(name);
    }
    access.check(AwsOperation.GET_PARAMETER, p.get().name, p.get().arn);
    Optional<String> selector = ref.orElseThrow().selector();
    if (selector.isPresent() && isVersionNumber(selector.get())) {
      return select(name, withDecryption)
          .orElseThrow(
              () ->
                  new AwsException(
                      "ParameterVersionNotFound",
                      400,
                      "Systems Manager could not find version "
                          + selector.get()
                          + " of "
                          + p.get().name
                          + ". Verify the version and try again."));
    }
    return select(name, withDecryption).orElseThrow(() -> parameterNotFound(name));
  }

  LabelResult labelParameterVersion(
      Access access, Instant now, String name, OptionalLong version, List<String> labels) {
    Parameter p = byName.get(name);
    if (p == null) {
      access.check(AwsOperation.LABEL_PARAMETER_VERSION, name, arnOf(name));
      throw parameterNotFound(name);
    }
    access.check(AwsOperation.LABEL_PARAMETER_VERSION, p.name, p.arn);
    if (labels.isEmpty() || labels.size() > MAX_LABELS_PER_VERSION) {
      throw AwsException.validation(
          "1 validation error detected: Value at 'labels' failed to satisfy constraint: Member"
              + " must have length between 1 and "
              + MAX_LABELS_PER_VERSION);
    }
    long number = version.orElse(p.latest().number);
    Version target = p.versions.get(number);
    if (target == null) {
      throw new AwsException(
          "ParameterVersionNotFound",
          400,
          "Systems Manager could not find version "
              + number
              + " of "
              + name
              + ". Verify the version and try again.");
    }
    List<String> invalid = new ArrayList<>();
    List<String> valid = new ArrayList<>();
    for (String label : labels) {
      if (isValidLabel(label)) {
        valid.add(label);
      } else {
        invalid.add(label);
      }
    }
    long added = valid.stream().distinct().filter(l -> !target.labels.contains(l)).count();
    if (target.labels.size() + added > MAX_LABELS_PER_VERSION) {
      throw new AwsException(
          "ParameterVersionLabelLimitExceeded",
          400,
          "A parameter version can have maximum 10 labels. Move one or more labels to another"
              + " version and try again.");
    }
    for (String label : valid) {
      for (Version v : p.versions.values()) {
        if (v != target) {
          v.labels.remove(label);
        }
      }
      target.labels.add(label);
    }
    return new LabelResult(invalid, number);
  }

  void deleteParameter(Access access, String name) {
    Parameter p = byName.get(name);
    if (p == null) {
      access.check(AwsOperation.DELETE_PARAMETER, name, arnOf(name));
      throw parameterNotFound(name);
    }
    access.check(AwsOperation.DELETE_PARAMETER, p.name, p.arn);
    byName.remove(name);
  }

  /** The ARN of the parameter named {@code name} (existing or not). */
  String arnOf(String name) {
    return "arn:aws:ssm:"
        + region
        + ":"
        + accountId
        + ":parameter"
        + (name.startsWith("/") ? name : "/" + name);
  }

  /** Forgets every parameter. */
  void clear() {
    byName.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private Optional<ParameterView> select(String requested, boolean withDecryption) {
    Optional<Ref> ref = parse(requested);
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    Optional<Parameter> found = find(ref.get().base());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Parameter p = found.get();
    Optional<String> selector = ref.get().selector();
    Optional<Version> v;
    if (selector.isEmpty()) {
      v = Optional.of(p.latest());
    } else if (isVersionNumber(selector.get())) {
      try {
        v = Optional.ofNullable(p.versions.get(Long.parseLong(selector.get())));
      } catch (NumberFormatException e) {
        v = Optional.empty();
      }
    } else {
      v = p.labelled(selector.get());
    }
    return v.map(
        version ->
            new ParameterView(
                p.name,
                p.arn,
                version.type,
                version.type == ParameterType.SECURE_STRING && !withDecryption
                    ? ciphertext(p, version)
                    : version.value,
                version.number,
                selector.map(s -> ":" + s),
                version.modified));
  }

  private Optional<Parameter> find(String base) {
    if (!base.startsWith("arn:")) {
      return Optional.ofNullable(byName.get(base));
    }
    String[] p = base.split(":", -1);
    if (p.length != 6
        || !p[1].equals("aws")
        || !p[2].equals("ssm")
        || !p[3].equals(region)
        || !p[4].equals(accountId)
        || !p[5].startsWith("parameter/")) {
      return Optional.empty();
    }
    String rest = p[5].substring("parameter/".length());
    if (rest.contains("/")) {
      return Optional.ofNullable(byName.get("/" + rest));
    }
    // A root-level name may have been created with or without its leading slash.
    Parameter bare = byName.get(rest);
    return bare != null ? Optional.of(bare) : Optional.ofNullable(byName.get("/" + rest));
  }

  private static Optional<Ref> parse(String requested) {
    if (requested.startsWith("arn:")) {
      String[] p = requested.split(":", -1);
      if (p.length == 6) {
        return Optional.of(new Ref(requested, Optional.empty()));
      }
      if (p.length == 7 && !p[6].isEmpty()) {
        return Optional.of(
            new Ref(requested.substring(0, requested.lastIndexOf(':')), Optional.of(p[6])));
      }
      return Optional.empty();
    }
    int colon = requested.indexOf(':');
    if (colon < 0) {
      return Optional.of(new Ref(requested, Optional.empty()));
    }
    String selector = requested.substring(colon + 1);
    if (selector.isEmpty() || selector.indexOf(':') >= 0) {
      return Optional.empty();
    }
    return Optional.of(new Ref(requested.substring(0, colon), Optional.of(selector)));
  }

  private static boolean isVersionNumber(String selector) {
    return selector.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean isValidLabel(String label) {
    String lower = label.toLowerCase(Locale.ROOT);
    return LABEL.matcher(label).matches()
        && !Character.isDigit(label.charAt(0))
        && !lower.startsWith("aws")
        && !lower.startsWith("ssm");
  }

  private static ParameterTier tierOf(
      Optional<String> requested, int size, Optional<ParameterTier> previous) {
    boolean wasAdvanced = previous.map(t -> t == ParameterTier.ADVANCED).orElse(false);
    if (requested.isEmpty()) {
      return wasAdvanced ? ParameterTier.ADVANCED : ParameterTier.STANDARD;
    }
    String name = requested.get();
    if (name.equals("Intelligent-Tiering")) {
      return wasAdvanced || size > ParameterTier.STANDARD.maxValueBytes()
          ? ParameterTier.ADVANCED
          : ParameterTier.STANDARD;
    }
    ParameterTier tier =
        ParameterTier.fromAwsName(name)
            .orElseThrow(
                () ->
                    AwsException.validation(
                        "1 validation error detected: Value '"
                            + name
                            + "' at 'tier' failed to satisfy constraint: Member must satisfy enum"
                            + " value set: [Advanced, Intelligent-Tiering, Standard]"));
    if (tier == ParameterTier.STANDARD && wasAdvanced) {
      throw AwsException.validation(
          "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from"
              + " the advanced-parameter tier to the standard-parameter tier. If necessary, you"
              + " can delete the advanced parameter and recreate it as a standard parameter.");
    }
    return tier;
  }

  private static void checkName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw AwsException.validation(
          "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must"
              + " have length between 1 and "
              + MAX_NAME_LENGTH);
    }
    String bare = name.startsWith("/") ? name.substring(1) : name;
    String lower = bare.toLowerCase(Locale.ROOT);
    if (!NAME_CHARS.matcher(name).matches()
        || lower.startsWith("aws")
        || lower.startsWith("ssm")
        || (name.contains("/") && !name.startsWith("/"))
        || name.contains("//")
        || name.endsWith("/")) {
      throw AwsException.validation(INVALID_NAME);
    }
    if (name.split("/", -1).length - 1 > MAX_HIERARCHY_LEVELS) {
      throw new AwsException(
          "HierarchyLevelLimitExceededException",
          400,
          "A hierarchy can have a maximum of 15 levels.");
    }
  }

  private static AwsException parameterNotFound(String name) {
    return new AwsException("ParameterNotFound", 400, "Parameter " + name + " not found.");
  }

  private static String ciphertext(Parameter p, Version v) {
    // Opaque and deterministic; derived from the ARN and version only, never from the value.
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((p.arn + "#" + v.number).getBytes(StandardCharsets.UTF_8));
      // The header bytes of a KMS ciphertext blob (its base64 starts with "AQICAH").
      byte[] header = {0x01, 0x02, 0x02, 0x00, 0x78};
      byte[] blob = new byte[header.length + digest.length];
      System.arraycopy(header, 0, blob, 0, header.length);
      System.arraycopy(digest, 0, blob, header.length, digest.length);
      return Base64.getEncoder().encodeToString(blob);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
