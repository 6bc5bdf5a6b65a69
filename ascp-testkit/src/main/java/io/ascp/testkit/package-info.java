// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The ascp-java testkit: {@link io.ascp.testkit.FakeAws}, an AWS-faithful in-memory Secrets Manager
 * and Parameter Store with faults, access rules and call recording; {@link
 * io.ascp.testkit.AwsEmulator}, an HTTP server the real AWS SDK talks to; {@link
 * io.ascp.testkit.FakeTicker} for virtual time; and {@link
 * io.ascp.testkit.SecretSourceContractTest}, the suite every {@code SecretSource} must pass. The
 * JUnit 5 extensions are in {@link io.ascp.testkit.junit}, the AssertJ assertions in {@link
 * io.ascp.testkit.assertions}.
 */
@NullMarked
package io.ascp.testkit;

import org.jspecify.annotations.NullMarked;
