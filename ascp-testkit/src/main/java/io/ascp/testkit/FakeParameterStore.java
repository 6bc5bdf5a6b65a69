// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import io.ascp.api.spi.SecretValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The Parameter Store of one region of a {@link FakeAws}, for seeding and inspecting parameters in
 * tests. Every method behaves as the AWS operation of the same name (same validation, versions,
 * labels and errors, thrown as {@link AwsException}), except that {@code putParameter} overwrites
 * an existing parameter (a seeding convenience; through the emulator {@code PutParameter} needs
 * {@code Overwrite} as on AWS). These methods are not API calls: no faults, no access rules, no
 * recording.
 *
 * <pre>{@code
 * FakeParameterStore ps = aws.parameterStore("us-east-1");
 * ps.putParameter("/app/url", "https://v1.example.test"); // version 1
 * ps.putParameter("/app/url", "https://v2.example.test"); // version 2
 * ps.labelParameterVersion("/app/url", 1, "stable");
 * }</pre>
 *
 * <p>A view is cheap and holds no state of its own; it is thread-safe.
 */
public final class FakeParameterStore {
  private final FakeAws aws;
  private final String region;

  FakeParameterStore(FakeAws aws, String region) {
    this.aws = aws;
    this.region = region;
  }

  /** The region of this Parameter Store. */
  public String region() {
    return region;
  }

  /**
   * Creates or overwrites a {@code String} parameter in the Standard tier (or the tier it already
   * has).
   *
   * @return the new version number
   */
  public long putParameter(String name, String value) {
    return putParameter(name, ParameterType.STRING, value);
  }

  /**
   * Creates or overwrites a parameter of the given type.
   *
   * @return the new version number
   */
  public long putParameter(String name, ParameterType type, String value) {
    requireNonNull(type, "type");
    return put(name, type, value, Optional.empty());
  }

  /**
   * Creates or overwrites a parameter of the given type in the given tier.
   *
   * @return the new version number
   */
  public long putParameter(String name, ParameterType type, String value, ParameterTier tier) {
    requireNonNull(type, "type");
    requireNonNull(tier, "tier");
    return put(name, type, value, Optional.of(tier.awsName()));
  }

  /**
   * Creates or overwrites a {@code SecureString} parameter.
   *
   * @return the new version number
   */
  public long putSecureString(String name, String value) {
    return putParameter(name, ParameterType.SECURE_STRING, value);
  }

  /**
   * Creates or overwrites a {@code StringList} parameter from its items (joined with commas, as AWS
   * stores them; an item may not contain a comma).
   *
   * @return the new version number
   */
  public long putStringList(String name, List<String> items) {
    requireNonNull(items, "items");
    for (String item : items) {
      if (requireNonNull(item, "item").contains(",")) {
        throw new IllegalArgumentException("a StringList item cannot contain a comma");
      }
    }
    return putParameter(name, ParameterType.STRING_LIST, String.join(",", items));
  }

  /**
   * Attaches labels to a version, moving each from the version that carried it.
   *
   * @return the labels AWS would reject as invalid (they are not attached)
   */
  public List<String> labelParameterVersion(String name, long version, String... labels) {
    requireNonNull(name, "name");
    List<String> list = List.of(labels);
    return run(
        now ->
            state()
                .labelParameterVersion(Access.ALLOW_ALL, now, name, OptionalLong.of(version), list)
                .invalidLabels());
  }

  /** Deletes a parameter and all its versions. */
  public void deleteParameter(String name) {
    requireNonNull(name, "name");
    run(
        now -> {
          state().deleteParameter(Access.ALLOW_ALL, name);
          return name;
        });
  }

  /** The ARN of the parameter {@code name}. */
  public String arn(String name) {
    requireNonNull(name, "name");
    return run(now -> state().arnOf(name));
  }

  /**
   * The decrypted value selected by {@code nameOrSelector} (a name or ARN, optionally followed by
   * {@code :version} or {@code :label}), if it exists.
   */
  public Optional<SecretValue> getParameter(String nameOrSelector) {
    requireNonNull(nameOrSelector, "nameOrSelector");
    return run(
        now -> {
          ParameterStoreState.GetParametersResult r =
              state().getParameters(Access.ALLOW_ALL, now, List.of(nameOrSelector), true);
          return r.parameters().stream()
              .findFirst()
              .map(
                  p ->
                      new SecretValue(
                          p.name(),
                          Long.toString(p.version()),
                          p.value().getBytes(StandardCharsets.UTF_8),
                          false));
        });
  }

  @Override
  public String toString() {
    return "FakeParameterStore{region=" + region + "}";
  }

  private long put(String name, ParameterType type, String value, Optional<String> tier) {
    requireNonNull(name, "name");
    requireNonNull(value, "value");
    return run(
        now ->
            state()
                .putParameter(
                    Access.ALLOW_ALL,
                    now,
                    name,
                    Optional.of(value),
                    Optional.of(type),
                    true,
                    tier,
                    Optional.empty())
                .version());
  }

  private ParameterStoreState state() {
    return aws.parameterState(region);
  }

  private <T> T run(Function<Instant, T> body) {
    return aws.locked(body);
  }
}
