// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api.spi;

import io.ascp.api.AscpException;
import java.util.List;
import java.util.Optional;

/**
 * A backend that reads secrets or parameters: fetches one batch of objects of one type in one
 * region as one identity.
 *
 * <p>The mount pipeline owns the policy (concurrency across batches, failover between regions,
 * circuit breaking, caching); a source only reads. It may fetch the objects of a batch in any order
 * or concurrently and may split the batch to fit backend limits, but it returns exactly one {@link
 * FetchResult} per requested object, in request order.
 *
 * <p>Failures of one object are returned as {@link FetchResult.Failed}; a failure of the whole
 * batch (for example, credentials could not be obtained) may instead be thrown as an {@link
 * AscpException}. Any other exception is a bug in the source. Implementations must be thread-safe:
 * several batches may be fetched at once.
 *
 * <p>Whether a source owns resources (clients, executors) is stated by each implementation; the
 * mount pipeline never closes a source it is given.
 */
public interface SecretSource {

  /**
   * Fetches every object of {@code batch}.
   *
   * @return one result per object of the batch, in the same order
   * @throws AscpException when the whole batch failed
   */
  List<FetchResult> fetch(FetchBatch batch);

  /**
   * Reads the version metadata of one object without reading its value (Secrets Manager {@code
   * DescribeSecret}), so the pipeline can tell whether a mounted version is still current.
   *
   * @return the description, or empty when this source cannot describe objects (the default)
   * @throws AscpException when the backend call failed
   */
  default Optional<SecretDescription> describe(DescribeRequest request) {
    return Optional.empty();
  }
}
