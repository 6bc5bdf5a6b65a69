// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.spi.SecretSource;

/**
 * The contract holds in another region, for a pod identity, under access rules that grant exactly
 * the fixture's objects, and with time driven by a {@link FakeTicker}.
 */
class FakeAwsSourceInOtherRegionContractTest extends SecretSourceContractTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/contract";
  private final FakeAws aws = FakeAws.builder().ticker(FakeTicker.create()).seed(42).build();

  @Override
  protected SecretSource createSource(ContractFixture fixture) {
    fixture.seed(aws, region());
    aws.iam()
        .allow(ROLE, AwsService.SECRETS_MANAGER, "*contract/*")
        .allow(ROLE, AwsService.SSM, "*contract/*")
        .allow("someone-else", AwsService.SSM, "*");
    return aws.secretSource();
  }

  @Override
  protected String region() {
    return "eu-central-1";
  }

  @Override
  protected CallerIdentity identity() {
    return CallerIdentity.builder()
        .namespace("team-a")
        .serviceAccount("app")
        .authMode(AuthMode.IRSA)
        .roleArn(ROLE)
        .build();
  }
}
