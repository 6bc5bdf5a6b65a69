// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/** JMH micro-benchmarks of the mount pipeline's in-process steps (no socket, no process). */
@NullMarked
package io.ascp.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
