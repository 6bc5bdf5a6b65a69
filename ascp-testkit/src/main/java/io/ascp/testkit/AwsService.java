// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

/** An AWS service the testkit emulates. */
public enum AwsService {
  /** AWS Secrets Manager; IAM prefix and SigV4 signing name {@code secretsmanager}. */
  SECRETS_MANAGER("secretsmanager"),
  /** AWS Systems Manager Parameter Store; IAM prefix and signing name {@code ssm}. */
  SSM("ssm"),
  /** AWS Security Token Service; IAM prefix and signing name {@code sts}. */
  STS("sts"),
  /** The EKS Pod Identity agent (backed by the {@code eks-auth} service). */
  EKS_AUTH("eks-auth");

  private final String signingName;

  AwsService(String signingName) {
    this.signingName = signingName;
  }

  /** The service's IAM action prefix and SigV4 signing name, e.g. {@code secretsmanager}. */
  public String signingName() {
    return signingName;
  }
}
