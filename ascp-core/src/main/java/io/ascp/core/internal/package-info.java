// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The implementation of ascp-core behind its public entry points: parsing, validation, file layout
 * and JSON key extraction. Not exported; nothing here is API.
 */
@NullMarked
package io.ascp.core.internal;

import org.jspecify.annotations.NullMarked;
