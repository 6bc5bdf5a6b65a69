// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The implementation of ascp-core; not exported by the module, so nothing here is API even where a
 * class is public.
 *
 * <p>Parsing follows the reference provider's decoding chain exactly: {@link
 * io.ascp.core.internal.GoYaml} reads the {@code objects} YAML the way go-yaml v2 does (YAML 1.1
 * scalar resolution, aliases, merge keys), {@link io.ascp.core.internal.DescriptorDecoder} applies
 * the {@code sigs.k8s.io/yaml} and Go {@code encoding/json} rules (case-insensitive keys, scalars
 * coerced to strings), {@link io.ascp.core.internal.DescriptorValidator} runs the reference's
 * checks in its order with its messages, and {@link io.ascp.core.internal.FileLayout} names the
 * files and runs the checks the reference lacks. {@link io.ascp.core.internal.JsonKeyExtractor}
 * extracts {@code jmesPath} values.
 */
@NullMarked
package io.ascp.core.internal;

import org.jspecify.annotations.NullMarked;
