// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.api.ObjectType;

/**
 * The contract suite on the Secrets Manager source in {@code BatchGetSecretValue} mode against the
 * emulator, as the default-chain caller.
 */
class SecretsManagerBatchModeEmulatorContractIT extends EmulatorContract {
  @Override
  ObjectType type() {
    return ObjectType.SECRETS_MANAGER;
  }

  @Override
  AwsSourcesConfig.Builder configure(AwsSourcesConfig.Builder config) {
    return config.batchGetSecretValue(true);
  }
}
