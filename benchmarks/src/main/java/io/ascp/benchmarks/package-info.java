// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The socket-level benchmarks of docs/performance.md: each {@code *Benchmark} class is a main class
 * that starts the provider's fat jar as a separate process, drives it over its Unix socket and
 * prints its figures as Markdown tables; {@code RotationCallsBenchmark} instead simulates an hour
 * of re-mounts in process on a fake clock and counts AWS calls. Not tests: nothing here runs during
 * a build.
 */
@NullMarked
package io.ascp.benchmarks;

import org.jspecify.annotations.NullMarked;
