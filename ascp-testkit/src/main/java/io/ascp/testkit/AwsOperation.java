// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An AWS API operation the testkit emulates, with its service and its API name. Faults are injected
 * and calls are recorded per operation.
 */
public enum AwsOperation {
  /** Secrets Manager {@code CreateSecret}. */
  CREATE_SECRET(AwsService.SECRETS_MANAGER, "CreateSecret"),
  /** Secrets Manager {@code PutSecretValue}. */
  PUT_SECRET_VALUE(AwsService.SECRETS_MANAGER, "PutSecretValue"),
  /** Secrets Manager {@code GetSecretValue}. */
  GET_SECRET_VALUE(AwsService.SECRETS_MANAGER, "GetSecretValue"),
  /** Secrets Manager {@code BatchGetSecretValue}. */
  BATCH_GET_SECRET_VALUE(AwsService.SECRETS_MANAGER, "BatchGetSecretValue"),
  /** Secrets Manager {@code DescribeSecret}. */
  DESCRIBE_SECRET(AwsService.SECRETS_MANAGER, "DescribeSecret"),
  /** Secrets Manager {@code UpdateSecretVersionStage}. */
  UPDATE_SECRET_VERSION_STAGE(AwsService.SECRETS_MANAGER, "UpdateSecretVersionStage"),
  /** Secrets Manager {@code DeleteSecret}. */
  DELETE_SECRET(AwsService.SECRETS_MANAGER, "DeleteSecret"),
  /** Secrets Manager {@code RestoreSecret}. */
  RESTORE_SECRET(AwsService.SECRETS_MANAGER, "RestoreSecret"),
  /** Parameter Store {@code PutParameter}. */
  PUT_PARAMETER(AwsService.SSM, "PutParameter"),
  /** Parameter Store {@code GetParameter}. */
  GET_PARAMETER(AwsService.SSM, "GetParameter"),
  /** Parameter Store {@code GetParameters}. */
  GET_PARAMETERS(AwsService.SSM, "GetParameters"),
  /** Parameter Store {@code LabelParameterVersion}. */
  LABEL_PARAMETER_VERSION(AwsService.SSM, "LabelParameterVersion"),
  /** Parameter Store {@code DeleteParameter}. */
  DELETE_PARAMETER(AwsService.SSM, "DeleteParameter"),
  /** STS {@code AssumeRoleWithWebIdentity}. */
  ASSUME_ROLE_WITH_WEB_IDENTITY(AwsService.STS, "AssumeRoleWithWebIdentity"),
  /** The EKS Pod Identity agent's credentials endpoint ({@code GET /v1/credentials}). */
  POD_IDENTITY_CREDENTIALS(AwsService.EKS_AUTH, "AssumeRoleForPodIdentity");

  private final AwsService service;
  private final String apiName;

  AwsOperation(AwsService service, String apiName) {
    this.service = service;
    this.apiName = apiName;
  }

  /** The service this operation belongs to. */
  public AwsService service() {
    return service;
  }

  /** The operation's name in the AWS API, e.g. {@code GetSecretValue}. */
  public String apiName() {
    return apiName;
  }

  /** The IAM action, e.g. {@code secretsmanager:GetSecretValue}. */
  public String iamAction() {
    return service.signingName() + ":" + apiName;
  }

  /** The operation of {@code service} named {@code apiName}, if the testkit emulates it. */
  public static Optional<AwsOperation> of(AwsService service, String apiName) {
    requireNonNull(service, "service");
    requireNonNull(apiName, "apiName");
    for (AwsOperation op : values()) {
      if (op.service == service && op.apiName.equals(apiName)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
