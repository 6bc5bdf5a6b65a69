// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretSource;
import io.ascp.testkit.junit.MotoServerExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the usage example of {@link AwsSources}'s Javadoc verbatim against moto, which the SDK finds
 * through the {@code aws.endpointUrl} system property (the example sets no endpoint, as a user's
 * code would not).
 */
class AwsSourcesExampleMotoIT {
  @RegisterExtension static final MotoServerExtension MOTO = new MotoServerExtension();

  static MotoFixture fixture;

  @BeforeAll
  static void startMoto() {
    fixture = new MotoFixture(MOTO.server());
  }

  @AfterAll
  static void stopMoto() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @BeforeEach
  void pointTheSdkAtMoto() {
    fixture.secretsManager.createSecret(b -> b.name("MySecret").secretString("s3cr3t"));
    System.setProperty("aws.endpointUrl", fixture.moto.endpoint().toString());
  }

  @AfterEach
  void restore() {
    System.clearProperty("aws.endpointUrl");
  }

  @Test
  void theJavadocExampleRuns() {
    List<FetchResult> results;
    // Copied into the Javadoc of AwsSources: keep both in step.
    try (AwsSources aws =
        AwsSources.builder()
            .config(AwsSourcesConfig.builder().eksAddonVersion("v1.2.3-eksbuild.1").build())
            .build()) {
      SecretSource secrets = aws.secretsManager();
      results =
          secrets.fetch(
              new FetchBatch(
                  ObjectType.SECRETS_MANAGER,
                  "us-east-1",
                  CallerIdentity.defaultChain(),
                  List.of(ObjectRequest.of("MySecret"))));
    }
    assertThat(results).singleElement().isInstanceOf(FetchResult.Found.class);
  }
}
