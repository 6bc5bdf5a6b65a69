// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

/**
 * The attribute keys of a mount request that ascp-java reads: the {@code SecretProviderClass}
 * parameters and the pod attributes the CSI driver adds. The names are the reference provider's.
 *
 * <p>The driver also sends attributes the pipeline does not read (for example {@code
 * csi.storage.k8s.io/ephemeral}); they are ignored, and their values never appear in a message or a
 * log line.
 */
public final class AttributeKeys {
  /** The pod's name, used to look up its node's region. */
  public static final String POD_NAME = "csi.storage.k8s.io/pod.name";

  /** The pod's namespace, used for the service account and region lookups. */
  public static final String POD_NAMESPACE = "csi.storage.k8s.io/pod.namespace";

  /** The pod's uid (the reference does not read it; ascp-java keys its per-pod caches by it). */
  public static final String POD_UID = "csi.storage.k8s.io/pod.uid";

  /** The pod's service account, whose role annotation IRSA assumes. */
  public static final String SERVICE_ACCOUNT_NAME = "csi.storage.k8s.io/serviceAccount.name";

  /** The service account tokens by audience, as JSON; required. Its value is never echoed. */
  public static final String SERVICE_ACCOUNT_TOKENS = "csi.storage.k8s.io/serviceAccount.tokens";

  /** The name of the {@code SecretProviderClass}, added by the driver; reported in logs only. */
  public static final String SECRET_PROVIDER_CLASS = "secretProviderClass";

  /** The primary region; empty means {@code AWS_REGION}, then the node's region label. */
  public static final String REGION = "region";

  /** The region to read from when the primary region fails; optional. */
  public static final String FAILOVER_REGION = "failoverRegion";

  /** The character that replaces {@code /} in file names, or {@code False}; default {@code _}. */
  public static final String PATH_TRANSLATION = "pathTranslation";

  /** The YAML (or JSON) list of objects to mount. */
  public static final String OBJECTS = "objects";

  /** Whether EKS Pod Identity (rather than IRSA) authenticates the pod; Go boolean syntax. */
  public static final String USE_POD_IDENTITY = "usePodIdentity";

  /** The Pod Identity agent address family: {@code ipv4}, {@code ipv6}, or anything else (auto). */
  public static final String PREFERRED_ADDRESS_TYPE = "preferredAddressType";

  private AttributeKeys() {}
}
