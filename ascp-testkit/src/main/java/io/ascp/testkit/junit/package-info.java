// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * JUnit 5 extensions of the ascp-java testkit: {@link io.ascp.testkit.junit.AwsEmulatorExtension}
 * starts an {@link io.ascp.testkit.AwsEmulator} for a test class, {@link
 * io.ascp.testkit.junit.MotoServerExtension} starts {@code moto_server}.
 */
@NullMarked
package io.ascp.testkit.junit;

import org.jspecify.annotations.NullMarked;
