// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * AWS SDK v2 sources for ascp-java: the Secrets Manager and Parameter Store {@link
 * io.ascp.api.spi.SecretSource}s, and the credentials of each caller (IRSA, EKS Pod Identity, or
 * the default chain).
 *
 * <p>The entry point is {@link io.ascp.aws.AwsSources}, configured with {@link
 * io.ascp.aws.AwsSourcesConfig}; everything else in this package is package-private. The sources
 * adapt: they read what a batch asks for, concurrently within the batch, and map AWS failures to
 * {@link io.ascp.api.ErrorCode}s with the reference provider's message texts. Failover between
 * regions, circuit breaking and value caching are the mount pipeline's business (ascp-core).
 */
@NullMarked
package io.ascp.aws;

import org.jspecify.annotations.NullMarked;
