// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.api.CallerIdentity;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.SecretSource;
import io.ascp.testkit.AwsEmulator;
import io.ascp.testkit.ContractFixture;
import io.ascp.testkit.SecretSourceContractTest;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The testkit's {@link SecretSourceContractTest} on one source of {@link AwsSources}, through the
 * real SDK and the production HTTP client against an {@link AwsEmulator} seeded with {@link
 * ContractFixture#seed}. Each source reads one object type, so each runs the tests of its type.
 * Subclasses choose the source, the configuration and the caller.
 */
abstract class EmulatorContract extends SecretSourceContractTest {
  private @Nullable AwsEmulator emulator;
  private @Nullable AwsSources sources;

  /** The object type of the source under test. */
  abstract ObjectType type();

  /** Changes the configuration of the sources under test. */
  AwsSourcesConfig.Builder configure(AwsSourcesConfig.Builder config) {
    return config;
  }

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
    AwsEmulator e = AwsEmulator.start();
    emulator = e;
    fixture.seed(e.aws(), region());
    AwsSources s = Emulated.sources(e, this::configure);
    sources = s;
    return new RequestIdNormalizingSource(s.source(type()));
  }

  @Override
  protected void closeSource(SecretSource source) {
    if (sources != null) {
      sources.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  /** An IRSA caller whose token the emulator's STS exchanges. */
  static CallerIdentity irsaCaller() {
    return Emulated.irsa("contract", "reader", Emulated.role("contract-reader"));
  }
}
