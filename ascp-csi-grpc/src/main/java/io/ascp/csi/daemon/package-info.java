// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The provider daemon: the gRPC server on the provider's Unix socket, the {@code v1alpha1} service,
 * the mapping of Mount requests to the ascp-core pipeline in the reference provider's order of
 * checks, and the mapping of failures to gRPC statuses. Not exported.
 */
@NullMarked
package io.ascp.csi.daemon;

import org.jspecify.annotations.NullMarked;
