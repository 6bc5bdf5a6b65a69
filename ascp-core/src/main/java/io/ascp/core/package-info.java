// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The entry points of ascp-core: the time source ({@link io.ascp.core.Ticker}), the in-memory
 * secret source ({@link io.ascp.core.InMemorySecretSource}) and the atomic directory writer ({@link
 * io.ascp.core.AtomicDirectoryWriter}).
 */
@NullMarked
package io.ascp.core;

import org.jspecify.annotations.NullMarked;
