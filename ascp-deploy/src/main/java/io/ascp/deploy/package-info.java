// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0

/**
 * Helpers that ship in the provider's container image next to the provider jar: {@link
 * io.ascp.deploy.SocketDirectoryInit}, the init step that lets a non-root provider create its
 * socket in the CSI driver's directory.
 */
@NullMarked
package io.ascp.deploy;

import org.jspecify.annotations.NullMarked;
