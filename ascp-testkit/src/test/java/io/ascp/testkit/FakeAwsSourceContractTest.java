// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import io.ascp.api.spi.SecretSource;

/** The store's own {@code SecretSource} passes the contract every source must pass. */
class FakeAwsSourceContractTest extends SecretSourceContractTest {
  private final FakeAws aws = FakeAws.create();

  @Override
  protected SecretSource createSource(ContractFixture fixture) {
    fixture.seed(aws, region());
    return aws.secretSource();
  }
}
