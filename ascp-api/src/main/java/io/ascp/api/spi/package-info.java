// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The service-provider interface through which the mount pipeline reads secrets and parameters:
 * {@link io.ascp.api.spi.SecretSource}. The AWS SDK sources, the in-memory source and the testkit's
 * AWS-faithful store all implement it; so may a user's own backend.
 */
@NullMarked
package io.ascp.api.spi;

import org.jspecify.annotations.NullMarked;
