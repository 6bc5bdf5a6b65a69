// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

/** How the caller authenticates to AWS. */
public enum AuthMode {
  /**
   * IAM roles for service accounts: the {@code sts.amazonaws.com} token is exchanged with STS
   * {@code AssumeRoleWithWebIdentity} for the role annotated on the service account.
   */
  IRSA,
  /**
   * EKS Pod Identity: the {@code pods.eks.amazonaws.com} token is exchanged with the node agent.
   */
  POD_IDENTITY,
  /** The AWS SDK default credentials chain of the process (library and CLI use). */
  DEFAULT_CHAIN
}
