// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.api.ObjectType;
import io.ascp.api.spi.SecretSource;
import io.ascp.testkit.ContractFixture;
import io.ascp.testkit.SecretSourceContractTest;
import io.ascp.testkit.junit.MotoServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The testkit's {@link SecretSourceContractTest} on one source of {@link AwsSources}, through the
 * real SDK against {@code moto_server}, an emulator independent of the testkit. moto is reset
 * before each test (by the testkit's {@link MotoServerExtension}) and seeded again through the SDK,
 * replaying the {@link ContractFixture} as AWS receives it.
 *
 * <p>No test of the suite is skipped, overridden or weakened for moto: the suite passes on moto
 * 5.2.1 as it passes on the emulator, with the same one adaptation for both (AWS request ids
 * normalized in failure messages, see {@link RequestIdNormalizingSource}). The known moto
 * deviations (the testkit's {@code EmulatorMotoDifferentialIT}) do not reach it: the sources match
 * parameters by {@code Name} and {@code ARN} (not by moto's missing {@code Selector}, nor by its
 * random order), classify {@code ResourceNotFoundException} by its code (moto answers it with HTTP
 * 404, AWS with 400), always read with {@code WithDecryption}, and the fixture leaves no version
 * without a staging label (moto would list it in {@code VersionIdsToStages}) and never puts {@code
 * AWSCURRENT} after a promoted {@code AWSPENDING}. The only trace of a deviation is moto's {@code
 * Status Code: 404} inside not-found messages, which the suite does not compare across backends.
 */
abstract class MotoContract extends SecretSourceContractTest {
  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  private @Nullable MotoFixture moto;
  private @Nullable AwsSources sources;
  private @Nullable ContractFixture fixture;

  /** The object type of the source under test. */
  abstract ObjectType type();

  @Override
  protected Set<ObjectType> supportedTypes() {
    return EnumSet.of(type());
  }

  /**
   * The source under test, its failure messages' AWS request ids normalized (see {@link
   * RequestIdNormalizingSource} for why).
   */
  @Override
  protected SecretSource createSource(ContractFixture fixture) {
    MotoFixture m = new MotoFixture(MOTO.server());
    moto = m;
    this.fixture = fixture;
    AwsSources s = m.sources(m.recorder(), b -> b);
    sources = s;
    return new RequestIdNormalizingSource(s.source(type()));
  }

  /** Seeds moto again after the extension reset it for this test. */
  @BeforeEach
  void seedMoto() {
    if (moto == null || fixture == null) {
      throw new IllegalStateException("the source under test was not created");
    }
    seed(fixture, moto.secretsManager, moto.ssm);
  }

  @Override
  protected void closeSource(SecretSource source) {
    if (sources != null) {
      sources.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  /**
   * Replays {@code fixture} as AWS would receive it: {@code CreateSecret} with the first version of
   * each secret, {@code PutSecretValue} with each later version's id and stages; {@code
   * PutParameter} once per value, then {@code LabelParameterVersion} per label.
   */
  static void seed(ContractFixture fixture, SecretsManagerClient sm, SsmClient ssm) {
    for (ContractFixture.SecretSpec s : fixture.secrets()) {
      List<ContractFixture.SecretVersionSpec> versions = s.versions();
      ContractFixture.SecretVersionSpec first = versions.get(0);
      if (!first.stages().equals(List.of("AWSCURRENT"))) {
        // CreateSecret has no VersionStages: its version is always AWSCURRENT.
        throw new IllegalArgumentException("the first version of " + s.name() + " is not current");
      }
      sm.createSecret(
          b -> {
            b.name(s.name()).clientRequestToken(first.versionId());
            if (first.binary()) {
              b.secretBinary(SdkBytes.fromByteArray(first.value()));
            } else {
              b.secretString(new String(first.value(), StandardCharsets.UTF_8));
            }
          });
      for (ContractFixture.SecretVersionSpec v : versions.subList(1, versions.size())) {
        sm.putSecretValue(
            b -> {
              b.secretId(s.name()).clientRequestToken(v.versionId()).versionStages(v.stages());
              if (v.binary()) {
                b.secretBinary(SdkBytes.fromByteArray(v.value()));
              } else {
                b.secretString(new String(v.value(), StandardCharsets.UTF_8));
              }
            });
      }
    }
    for (ContractFixture.ParameterSpec p : fixture.parameters()) {
      for (String value : p.values()) {
        ssm.putParameter(
            b -> b.name(p.name()).value(value).type(p.type().awsName()).overwrite(true));
      }
      p.labels()
          .forEach(
              (label, version) ->
                  ssm.labelParameterVersion(
                      b -> b.name(p.name()).parameterVersion(version).labels(label)));
    }
  }
}
