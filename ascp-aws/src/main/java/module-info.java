// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * AWS SDK v2 sources for ascp-java: Secrets Manager and Parameter Store, IRSA and EKS Pod Identity
 * credentials.
 */
@org.jspecify.annotations.NullMarked
module io.ascp.aws {
  requires static transitive org.jspecify;

  exports io.ascp.aws;
}
