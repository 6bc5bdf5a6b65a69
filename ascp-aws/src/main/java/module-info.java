// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * AWS SDK v2 sources for ascp-java: Secrets Manager and Parameter Store, IRSA and EKS Pod Identity
 * credentials. The entry point is {@link io.ascp.aws.AwsSources}.
 */
@org.jspecify.annotations.NullMarked
@SuppressWarnings("requires-transitive-automatic")
module io.ascp.aws {
  requires static transitive org.jspecify;
  requires transitive io.ascp.api;
  requires transitive software.amazon.awssdk.auth;
  requires java.net.http;
  requires org.slf4j;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache;
  requires software.amazon.awssdk.protocols.jsoncore;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.services.secretsmanager;
  requires software.amazon.awssdk.services.ssm;
  requires software.amazon.awssdk.services.sts;
  requires software.amazon.awssdk.utils;

  exports io.ascp.aws;
}
