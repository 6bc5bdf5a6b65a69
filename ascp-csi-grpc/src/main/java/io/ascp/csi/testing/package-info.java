// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * A CSI driver simulator for tests: {@link io.ascp.csi.testing.CsiDriverSimulator} calls a
 * provider's {@code Mount} over its Unix socket exactly as the Secrets Store CSI driver v1.6 does
 * (or v1.5, which also sends the mounted versions), applies the returned files with the driver's
 * atomic-writer rules, re-mounts as kubelet's republish does, and emulates the driver's sync of
 * mounted files into Kubernetes Secrets ({@link io.ascp.csi.testing.SecretSync}). {@link
 * io.ascp.csi.testing.ProviderDaemonExtension} starts an ascp-java provider daemon on a temporary
 * socket for a JUnit 5 test and hands it a simulator.
 *
 * <p>Nothing in this package needs a Kubernetes cluster or an AWS account. The package's API uses
 * plain Java and ascp-api types only; the generated gRPC stubs stay internal. See {@code
 * docs/simulator.md}.
 */
@NullMarked
package io.ascp.csi.testing;

import org.jspecify.annotations.NullMarked;
