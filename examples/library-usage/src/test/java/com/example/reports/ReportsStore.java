// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.reports;

import io.ascp.testkit.FakeAws;
import io.ascp.testkit.SecretInput;

/** The reports service's objects, seeded into a test's {@link FakeAws}. */
final class ReportsStore {
  static final String DB_SECRET = "reports/db";
  static final String SIGNING_KEY_SECRET = "reports/signing-key";
  static final String BUCKET_PARAMETER = "/reports/export-bucket";
  static final byte[] SIGNING_KEY = {0x30, (byte) 0x82, 0x01, 0x00, (byte) 0xff};
  static final String BUCKET = "s3://reports-demo";

  private ReportsStore() {}

  static String dbJson(String password) {
    return "{\"username\":\"reports\",\"password\":\"" + password + "\"}";
  }

  /**
   * Seeds every object in {@code region}.
   *
   * @return the version id of the database secret
   */
  static String seed(FakeAws aws, String region, String password) {
    aws.secretsManager(region).createSecret(DB_SECRET, dbJson(password));
    aws.secretsManager(region).createSecret(SIGNING_KEY_SECRET, SecretInput.binary(SIGNING_KEY));
    aws.parameterStore(region).putParameter(BUCKET_PARAMETER, BUCKET);
    return aws.secretsManager(region)
        .describeSecret(DB_SECRET)
        .versionWithStage("AWSCURRENT")
        .orElseThrow();
  }
}
