// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The entry points of ascp-core: parsing a mount's parameters with the reference provider's
 * semantics ({@link io.ascp.core.ParameterParser}, {@link io.ascp.core.AttributeKeys}), the time
 * source ({@link io.ascp.core.Ticker}) and, later, mounting them.
 */
@NullMarked
package io.ascp.core;

import org.jspecify.annotations.NullMarked;
