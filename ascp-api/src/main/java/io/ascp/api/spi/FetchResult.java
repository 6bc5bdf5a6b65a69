// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api.spi;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;

/** The outcome of reading one object of a {@link FetchBatch}: a value or a failure. */
public sealed interface FetchResult permits FetchResult.Found, FetchResult.Failed {

  /** The object this result answers. */
  ObjectRequest request();

  /** A value that was read. */
  static FetchResult found(ObjectRequest request, SecretValue value) {
    return new Found(request, value);
  }

  /** A failure to read one object. */
  static FetchResult failed(ObjectRequest request, AscpException error) {
    return new Failed(request, error);
  }

  /**
   * The object was read.
   *
   * @param request the object
   * @param value its value
   */
  record Found(ObjectRequest request, SecretValue value) implements FetchResult {
    /** Checks the components. */
    public Found {
      requireNonNull(request, "request");
      requireNonNull(value, "value");
    }
  }

  /**
   * The object could not be read.
   *
   * @param request the object
   * @param error why, with a safe message
   */
  record Failed(ObjectRequest request, AscpException error) implements FetchResult {
    /** Checks the components. */
    public Failed {
      requireNonNull(request, "request");
      requireNonNull(error, "error");
    }
  }
}
