// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.orders;

import io.ascp.testkit.FakeAws;

/** The orders service's objects, seeded into a test's {@link FakeAws}. */
final class OrdersStore {
  static final String URL = "jdbc:postgresql://db.example.test/orders";
  static final String USERNAME = "orders";

  private OrdersStore() {}

  /**
   * Seeds the URL and user parameters and the password secret in {@code region}.
   *
   * @return the password's version id
   */
  static String seed(FakeAws aws, String region, String password) {
    seedParameters(aws, region);
    aws.secretsManager(region).createSecret(SdkConfigLoader.PASSWORD_SECRET, password);
    return currentVersion(aws, region);
  }

  /** Seeds the parameters only: the password secret is missing. */
  static void seedParameters(FakeAws aws, String region) {
    aws.parameterStore(region).putParameter(SdkConfigLoader.URL_PARAMETER, URL);
    aws.parameterStore(region).putParameter(SdkConfigLoader.USERNAME_PARAMETER, USERNAME);
  }

  /** The version id that carries {@code AWSCURRENT} on the password secret. */
  static String currentVersion(FakeAws aws, String region) {
    return aws.secretsManager(region)
        .describeSecret(SdkConfigLoader.PASSWORD_SECRET)
        .versionWithStage("AWSCURRENT")
        .orElseThrow();
  }
}
