// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * An application's configuration loaders, as a user of ascp-java writes them: one reads its
 * database settings with the AWS SDK, the other through ascp-java's {@code SecretMounter}.
 */
module com.example.orders {
  requires transitive io.ascp.core;
  requires transitive io.ascp.aws;
  requires transitive software.amazon.awssdk.services.secretsmanager;
  requires transitive software.amazon.awssdk.services.ssm;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;

  exports com.example.orders;
}
