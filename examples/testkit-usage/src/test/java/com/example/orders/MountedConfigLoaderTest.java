// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.orders;

import static io.ascp.testkit.assertions.AscpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.MountResult;
import io.ascp.core.SecretMounter;
import io.ascp.testkit.AwsError;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.FakeAws;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests code that mounts through ascp-java, fast: the mounter reads the testkit's in-memory AWS
 * ({@link FakeAws#secretSource()}) without HTTP, with AWS's semantics, faults and call recording.
 */
class MountedConfigLoaderTest {
  private static final MountParameters SPC =
      MountedConfigLoader.parameters(Path.of("k8s/secretproviderclass.yaml"));

  private final FakeAws aws = FakeAws.create();
  private final SecretMounter mounter = SecretMounter.builder().source(aws.secretSource()).build();
  private final MountedConfigLoader loader = new MountedConfigLoader(mounter, SPC);

  @AfterEach
  void close() {
    mounter.close();
  }

  @Test
  void mountsTheFilesAPodGets() {
    String v1 = OrdersStore.seed(aws, "us-east-1", "pw-1");

    MountResult result = loader.mount();

    assertThat(result)
        .hasExactlyFiles("db-url", "db-username", "db-password")
        .hasVersion("db-password", v1)
        .hasVersion("db-url", "1");
    assertThat(result).hasFile("db-password").withMode(0400).withContent("pw-1");
    assertThat(result).hasFile("db-url").withMode(0644).withContent(OrdersStore.URL);
    assertThat(loader.load())
        .isEqualTo(new DatabaseConfig(OrdersStore.URL, OrdersStore.USERNAME, "pw-1"));
  }

  @Test
  void aRotatedPasswordShowsOnTheNextMountWithItsNewVersion() {
    OrdersStore.seed(aws, "us-east-1", "pw-1");
    loader.mount();

    String v2 = aws.secretsManager("us-east-1").rotate(SdkConfigLoader.PASSWORD_SECRET, "pw-2");

    MountResult after = loader.mount();
    assertThat(after).hasVersion("db-password", v2);
    assertThat(after).hasFile("db-password").withContent("pw-2");
  }

  @Test
  void whenThePrimaryRegionIsDownTheFailoverRegionServes() {
    OrdersStore.seed(aws, "us-east-1", "pw-east");
    OrdersStore.seed(aws, "us-west-2", "pw-west");
    aws.regionDown("us-east-1");

    assertThat(loader.load().password()).isEqualTo("pw-west");

    assertThat(aws).calls().inRegion("us-west-2").allSucceeded();
    assertThat(aws).calls().inRegion("us-east-1").hasErrorCount("ConnectionFailure", 2);
  }

  @Test
  void aMissingSecretFailsTheMountAndNamesIt() {
    OrdersStore.seedParameters(aws, "us-east-1");

    assertThatThrownBy(loader::load)
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("orders/db-password");
  }

  @Test
  void throttlingInEveryRegionFailsWithTheReferenceMessage() {
    OrdersStore.seed(aws, "us-east-1", "pw-1");
    OrdersStore.seed(aws, "us-west-2", "pw-1");
    aws.inject(
        AwsFault.error(AwsError.throttling()).operation(AwsOperation.GET_SECRET_VALUE).build());

    assertThatThrownBy(loader::load)
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED))
        .hasMessageStartingWith(
            "Failed to fetch secret from all regions. Verify secret exists and required"
                + " permissions are granted for: orders/db-password")
        .hasMessageNotContaining("pw-1");
    // One attempt per region: the store's SecretSource does not retry (the AWS SDK would).
    assertThat(aws).calls().ofOperation(AwsOperation.GET_SECRET_VALUE).hasSize(2);
  }
}
