// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

/** The keys of the Mount {@code attributes} the daemon itself reads (reference §2.2). */
final class AttributeNames {
  static final String POD_NAMESPACE = "csi.storage.k8s.io/pod.namespace";
  static final String POD_NAME = "csi.storage.k8s.io/pod.name";
  static final String POD_UID = "csi.storage.k8s.io/pod.uid";
  static final String SERVICE_ACCOUNT = "csi.storage.k8s.io/serviceAccount.name";
  static final String SERVICE_ACCOUNT_TOKENS = "csi.storage.k8s.io/serviceAccount.tokens";
  static final String SECRET_PROVIDER_CLASS = "secretProviderClass";
  static final String REGION = "region";
  static final String FAILOVER_REGION = "failoverRegion";
  static final String USE_POD_IDENTITY = "usePodIdentity";
  static final String PREFERRED_ADDRESS_TYPE = "preferredAddressType";

  private AttributeNames() {}
}
