// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The entry points of ascp-core: parsing a mount's parameters with the reference provider's
 * semantics ({@link io.ascp.core.ParameterParser}, {@link io.ascp.core.AttributeKeys}), the
 * in-memory secret source ({@link io.ascp.core.InMemorySecretSource}), the atomic directory writer
 * ({@link io.ascp.core.AtomicDirectoryWriter}) and the time source ({@link io.ascp.core.Ticker}).
 */
@NullMarked
package io.ascp.core;

import org.jspecify.annotations.NullMarked;
