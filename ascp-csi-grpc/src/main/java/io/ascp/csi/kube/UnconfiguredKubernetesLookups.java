// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.kube;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import java.util.Optional;

/**
 * The lookups of a daemon that found no Kubernetes configuration (not in a pod, no {@code
 * KUBECONFIG}): the daemon still serves, and each Mount that needs a lookup fails with a clear
 * {@link ErrorCode#KUBERNETES_LOOKUP} message.
 */
final class UnconfiguredKubernetesLookups implements KubernetesLookups {
  static final String MESSAGE =
      "no Kubernetes API configuration (not running in a pod and KUBECONFIG is not set)";

  @Override
  public Optional<String> serviceAccountRoleArn(String namespace, String name) {
    throw new AscpException(ErrorCode.KUBERNETES_LOOKUP, MESSAGE);
  }

  @Override
  public String podRegion(String namespace, String name, String podUid) {
    throw new AscpException(
        ErrorCode.KUBERNETES_LOOKUP,
        MESSAGE + "; set the region parameter of the SecretProviderClass or AWS_REGION");
  }

  @Override
  public void close() {}
}
