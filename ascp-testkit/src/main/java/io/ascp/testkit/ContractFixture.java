// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects a source under {@link SecretSourceContractTest} must hold: secrets with versions,
 * staging labels and binary values, and parameters with versions, labels and every type. Every
 * value contains {@link #MARKER}, so the suite can prove that no value leaks into a message or a
 * {@code toString()}.
 *
 * <p>To hold them, replay the fixture the way AWS would receive it: for each {@link SecretSpec},
 * {@code CreateSecret} with the first version, then {@code PutSecretValue} with each later
 * version's id ({@code ClientRequestToken}) and {@code VersionStages}, in order; for each {@link
 * ParameterSpec}, {@code PutParameter} once per value (with overwrite), then {@code
 * LabelParameterVersion} for each label. {@link #seed(FakeAws, String)} does exactly that on a
 * {@link FakeAws}.
 *
 * @param secrets the Secrets Manager secrets
 * @param parameters the Parameter Store parameters
 */
public record ContractFixture(List<SecretSpec> secrets, List<ParameterSpec> parameters) {
  /** The string planted in every value. */
  public static final String MARKER = "ascp-contract-marker-7f3a";

  /** A custom staging label the fixture uses. */
  public static final String CUSTOM_STAGE = "contract-custom";

  /** Checks the components and copies the lists. */
  public ContractFixture {
    secrets = List.copyOf(secrets);
    parameters = List.copyOf(parameters);
  }

  /**
   * One secret and its versions, in creation order.
   *
   * @param name the secret's name
   * @param versions its versions; the first is created with {@code CreateSecret}
   */
  public record SecretSpec(String name, List<SecretVersionSpec> versions) {
    /** Checks the components and copies the list. */
    public SecretSpec {
      requireNonNull(name, "name");
      versions = List.copyOf(versions);
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("a secret needs at least one version");
      }
    }
  }

  /**
   * One version of a secret.
   *
   * @param versionId the version id ({@code ClientRequestToken})
   * @param value the value (UTF-8 for a string)
   * @param binary whether the value is a {@code SecretBinary}
   * @param stages the {@code VersionStages} of the put that creates it
   */
  // The array is copied in and out, and equals/hashCode/toString are overridden below.
  @SuppressWarnings("ArrayRecordComponent")
  public record SecretVersionSpec(
      String versionId, byte[] value, boolean binary, List<String> stages) {
    /** Checks the components and copies the value and the list. */
    public SecretVersionSpec {
      requireNonNull(versionId, "versionId");
      value = requireNonNull(value, "value").clone();
      stages = List.copyOf(stages);
    }

    /** A copy of the value. */
    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SecretVersionSpec other
          && other.versionId.equals(versionId)
          && other.binary == binary
          && other.stages.equals(stages)
          && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
      return (versionId.hashCode() * 31 + Arrays.hashCode(value)) * 31 + stages.hashCode();
    }

    @Override
    public String toString() {
      return "SecretVersionSpec{versionId="
          + versionId
          + ", size="
          + value.length
          + (binary ? ", binary" : "")
          + ", stages="
          + stages
          + "}";
    }
  }

  /**
   * One parameter: its type, one value per version (version 1 first), and its labels.
   *
   * @param name the parameter's name
   * @param type its type
   * @param values the value of each version, oldest first
   * @param labels the version each label is attached to
   */
  public record ParameterSpec(
      String name, ParameterType type, List<String> values, Map<String, Long> labels) {
    /** Checks the components and copies the collections. */
    public ParameterSpec {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
      values = List.copyOf(values);
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      if (values.isEmpty()) {
        throw new IllegalArgumentException("a parameter needs at least one value");
      }
    }

    @Override
    public String toString() {
      return "ParameterSpec{name="
          + name
          + ", type="
          + type
          + ", versions="
          + values.size()
          + ", labels="
          + labels
          + "}";
    }
  }

  /** The secret named {@code name}. */
  public SecretSpec secret(String name) {
    requireNonNull(name, "name");
    return secrets.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no secret " + name + " in the fixture"));
  }

  /** The parameter named {@code name}. */
  public ParameterSpec parameter(String name) {
    requireNonNull(name, "name");
    return parameters.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no parameter " + name + " in the fixture"));
  }

  /** Stores every object of this fixture in {@code region} of {@code aws}. */
  public void seed(FakeAws aws, String region) {
    FakeSecretsManager sm = aws.secretsManager(region);
    for (SecretSpec s : secrets) {
      for (int i = 0; i < s.versions().size(); i++) {
        SecretVersionSpec v = s.versions().get(i);
        SecretInput input =
            (v.binary()
                    ? SecretInput.binary(v.value())
                    : SecretInput.string(new String(v.value(), StandardCharsets.UTF_8)))
                .withVersionId(v.versionId())
                .withStages(v.stages().toArray(String[]::new));
        if (i == 0) {
          sm.createSecret(s.name(), input);
        } else {
          sm.putSecretValue(s.name(), input);
        }
      }
    }
    FakeParameterStore ps = aws.parameterStore(region);
    for (ParameterSpec p : parameters) {
      for (String value : p.values()) {
        ps.putParameter(p.name(), p.type(), value);
      }
      p.labels().forEach((label, version) -> ps.labelParameterVersion(p.name(), version, label));
    }
  }

  /** The fixture the contract suite runs on. */
  public static ContractFixture standard() {
    List<SecretSpec> secrets = new ArrayList<>();
    secrets.add(
        new SecretSpec(
            "contract/plain",
            List.of(
                string(versionId(1, 1), "plain-1 " + MARKER, "AWSCURRENT"),
                string(versionId(1, 2), "plain-2 " + MARKER, "AWSCURRENT"))));
    byte[] bin = ("\u0000\u0001 " + MARKER + " ").getBytes(StandardCharsets.UTF_8);
    bin[bin.length - 1] = (byte) 0xFF;
    secrets.add(
        new SecretSpec(
            "contract/binary",
            List.of(new SecretVersionSpec(versionId(2, 1), bin, true, List.of("AWSCURRENT")))));
    secrets.add(
        new SecretSpec(
            "contract/staged",
            List.of(
                string(versionId(3, 1), "staged-1 " + MARKER, "AWSCURRENT"),
                string(versionId(3, 2), "staged-2 " + MARKER, "AWSCURRENT"),
                string(versionId(3, 3), "staged-3 " + MARKER, "AWSPENDING"),
                string(versionId(3, 4), "staged-4 " + MARKER, CUSTOM_STAGE))));
    secrets.add(
        new SecretSpec(
            "contract/json",
            List.of(
                string(
                    versionId(4, 1),
                    "{\"username\":\"app\",\"password\":\"" + MARKER + "\"}",
                    "AWSCURRENT"))));
    secrets.add(
        new SecretSpec(
            "contract/unicode",
            List.of(
                string(
                    versionId(5, 1), "h\u00e9llo \u2713 \ud83d\udd11 " + MARKER, "AWSCURRENT"))));

    List<ParameterSpec> parameters = new ArrayList<>();
    parameters.add(
        new ParameterSpec(
            "/contract/plain",
            ParameterType.STRING,
            List.of("param-1 " + MARKER, "param-2 " + MARKER, "param-3 " + MARKER),
            Map.of("stable", 1L, "candidate", 2L)));
    parameters.add(
        new ParameterSpec(
            "/contract/secure",
            ParameterType.SECURE_STRING,
            List.of("secure " + MARKER),
            Map.of()));
    parameters.add(
        new ParameterSpec(
            "/contract/list", ParameterType.STRING_LIST, List.of("a,b," + MARKER), Map.of()));
    for (int i = 0; i < 12; i++) {
      parameters.add(
          new ParameterSpec(
              String.format("/contract/many/p%02d", i),
              ParameterType.STRING,
              List.of(String.format("many-%02d %s", i, MARKER)),
              Map.of()));
    }
    return new ContractFixture(secrets, parameters);
  }

  /** The version id of version {@code version} of the fixture's secret number {@code secret}. */
  static String versionId(int secret, int version) {
    return String.format("c0a7ac70-%04d-4000-8000-%012d", secret, version);
  }

  private static SecretVersionSpec string(String versionId, String value, String stage) {
    return new SecretVersionSpec(
        versionId, value.getBytes(StandardCharsets.UTF_8), false, List.of(stage));
  }
}
