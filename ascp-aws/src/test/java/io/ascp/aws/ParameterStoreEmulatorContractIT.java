// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.api.CallerIdentity;
import io.ascp.api.ObjectType;

/** The contract suite on the Parameter Store source against the emulator, as an IRSA caller. */
class ParameterStoreEmulatorContractIT extends EmulatorContract {
  @Override
  ObjectType type() {
    return ObjectType.SSM_PARAMETER;
  }

  @Override
  protected CallerIdentity identity() {
    return irsaCaller();
  }
}
