// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The ascp-java testkit: an AWS-faithful in-memory Secrets Manager and Parameter Store, an AWS HTTP
 * emulator, JUnit 5 extensions and the SecretSource contract suite.
 */
@NullMarked
package io.ascp.testkit;

import org.jspecify.annotations.NullMarked;
