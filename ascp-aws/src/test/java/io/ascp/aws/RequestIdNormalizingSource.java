// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.spi.DescribeRequest;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.SecretDescription;
import io.ascp.api.spi.SecretSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The source under the contract suite, with the AWS request id of every failure message replaced by
 * a fixed text; everything else passes through unchanged.
 *
 * <p>Why: the suite's determinism tests ({@code sameBatchGivesSameAnswers}, {@code
 * concurrentBatchesGetSequentialAnswers}) compare failure messages verbatim, while DESIGN §6.3
 * requires a fatal error's message to carry the AWS request id, which is different for every call
 * by definition (AWS support needs it). The rest of each message — code, the reference's prefix,
 * the AWS error code and message, the HTTP status, the caller — is still compared verbatim, and
 * every other test of the suite sees the same messages with one token replaced. The normalization
 * only removes text, so it cannot hide a leaked value.
 */
final class RequestIdNormalizingSource implements SecretSource {
  private static final Pattern REQUEST_ID = Pattern.compile("Request ID: [^,)]*");
  static final String NORMALIZED = "Request ID: <normalized>";

  private final SecretSource delegate;

  RequestIdNormalizingSource(SecretSource delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override
  public List<FetchResult> fetch(FetchBatch batch) {
    List<FetchResult> out = new ArrayList<>();
    for (FetchResult r : delegate.fetch(batch)) {
      out.add(
          r instanceof FetchResult.Failed f
              ? FetchResult.failed(f.request(), normalize(f.error()))
              : r);
    }
    return out;
  }

  @Override
  public Optional<SecretDescription> describe(DescribeRequest request) {
    try {
      return delegate.describe(request);
    } catch (AscpException e) {
      throw normalize(e);
    }
  }

  static AscpException normalize(AscpException e) {
    String message = REQUEST_ID.matcher(e.getMessage()).replaceAll(NORMALIZED);
    return new AscpException(e.code(), message, e.getCause());
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
