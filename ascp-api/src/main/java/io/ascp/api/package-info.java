// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * Values shared by every ascp-java module: the parsed parameters of a {@code SecretProviderClass}
 * ({@link io.ascp.api.MountParameters}, {@link io.ascp.api.SecretObject}), who is asking ({@link
 * io.ascp.api.CallerIdentity}), what a mount produces ({@link io.ascp.api.MountResult}, {@link
 * io.ascp.api.MountedFile}, {@link io.ascp.api.ObjectVersion}) and how it fails ({@link
 * io.ascp.api.AscpException} with a stable {@link io.ascp.api.ErrorCode}).
 *
 * <p>Every type here is an immutable value. Types that hold secret material or tokens never show it
 * in {@code toString()}.
 */
@NullMarked
package io.ascp.api;

import org.jspecify.annotations.NullMarked;
