// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The Secrets Store CSI driver provider daemon of ascp-java: {@link io.ascp.csi.Main} is the entry
 * point of {@code ascp-provider.jar}. The daemon serves the driver's {@code v1alpha1} provider API
 * on {@code <provider-volume>/aws.sock}.
 */
@NullMarked
package io.ascp.csi;

import org.jspecify.annotations.NullMarked;
