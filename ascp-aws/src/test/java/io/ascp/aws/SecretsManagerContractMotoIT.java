// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.api.ObjectType;

/** The contract suite on the Secrets Manager source against moto_server. */
class SecretsManagerContractMotoIT extends MotoContract {
  @Override
  ObjectType type() {
    return ObjectType.SECRETS_MANAGER;
  }
}
