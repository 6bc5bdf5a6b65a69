// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.kube;

import io.ascp.api.AscpListener;
import java.util.Optional;

/**
 * The Kubernetes API reads a Mount may need (DESIGN.md §6.6): the IAM role annotated on the pod's
 * service account (IRSA) and the region label of the pod's node (when neither the {@code region}
 * parameter nor {@code AWS_REGION} gives the region). GETs only; positive answers are cached
 * briefly, "not found" never.
 *
 * <p>Failures throw {@link io.ascp.api.AscpException} with {@link
 * io.ascp.api.ErrorCode#KUBERNETES_LOOKUP} and the inner message the reference provider wraps, for
 * example {@code pods "web-0" not found} or {@code Region not found}.
 *
 * <p>An implementation that created its Kubernetes client owns it and closes it in {@link
 * #close()}.
 */
public interface KubernetesLookups extends AutoCloseable {
  /** The annotation on a service account that names its IAM role (IRSA). */
  String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

  /** The node label that holds the node's region. */
  String REGION_LABEL = "topology.kubernetes.io/region";

  /**
   * The value of {@value #ROLE_ARN_ANNOTATION} on service account {@code namespace/name}; empty
   * when the annotation is missing or empty.
   */
  Optional<String> serviceAccountRoleArn(String namespace, String name);

  /**
   * The {@value #REGION_LABEL} label of the node that pod {@code namespace/name} runs on.
   *
   * @param podUid the pod's uid, the cache key (may be empty: then nothing is cached)
   */
  String podRegion(String namespace, String name, String podUid);

  /**
   * Reports every lookup from now on to {@code listener} as an {@link
   * AscpListener.KubernetesLookup}; the daemon calls it once, before it serves. The default reports
   * nothing.
   */
  default void observe(AscpListener listener) {}

  /** Releases the client, if this object created it. */
  @Override
  void close();
}
