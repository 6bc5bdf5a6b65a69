// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The entry points of ascp-core: the time source ({@link io.ascp.core.Ticker}) and the in-memory
 * secret source ({@link io.ascp.core.InMemorySecretSource}).
 */
@NullMarked
package io.ascp.core;

import org.jspecify.annotations.NullMarked;
