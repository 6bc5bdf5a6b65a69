// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The Kubernetes API reads of the daemon (fabric8 client on the JDK HTTP client): the service
 * account's IAM role annotation and the pod's node region, GETs only, rate-limited, with short
 * caches of positive answers. Not exported.
 */
@NullMarked
package io.ascp.csi.kube;

import org.jspecify.annotations.NullMarked;
