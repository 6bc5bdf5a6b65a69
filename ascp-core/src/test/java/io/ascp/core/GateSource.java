// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretSource;
import io.ascp.api.spi.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A source whose calls block until the test opens the gate, and whose values name the identity that
 * read them ({@code <role>|<pod uid>|<name>}), so a value served to the wrong identity shows.
 * Errors are set per pod name and object ({@code <pod>|<name>}). An interrupted call answers every
 * object with an {@code INTERNAL} failure and keeps the flag.
 */
final class GateSource implements SecretSource {
  final List<FetchBatch> batches = new CopyOnWriteArrayList<>();
  final Map<String, ErrorCode> errors = new ConcurrentHashMap<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /** Makes the next calls wait until {@link #open()}. */
  GateSource close() {
    gate = new CountDownLatch(1);
    return this;
  }

  void open() {
    gate.countDown();
  }

  /**
   * The value of {@code name} for every identity with the {@link IdentityKey} of {@code identity}.
   */
  static String valueOf(CallerIdentity identity, String name) {
    return IdentityKey.of(identity) + "|" + name;
  }

  @Override
  public List<FetchResult> fetch(FetchBatch batch) {
    batches.add(batch);
    List<FetchResult> results = new ArrayList<>();
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      for (ObjectRequest r : batch.objects()) {
        results.add(
            FetchResult.failed(r, new AscpException(ErrorCode.INTERNAL, "call interrupted")));
      }
      return results;
    }
    for (ObjectRequest r : batch.objects()) {
      ErrorCode code = errors.get(batch.identity().podName() + "|" + r.name());
      if (code != null) {
        results.add(FetchResult.failed(r, new AscpException(code, "failed: " + r.name())));
      } else {
        byte[] value = valueOf(batch.identity(), r.name()).getBytes(StandardCharsets.UTF_8);
        results.add(
            FetchResult.found(
                r, new SecretValue(r.name(), r.version().orElse("v1"), value, false)));
      }
    }
    return results;
  }

  /** The object names of every call, one list per call, in call order. */
  List<List<String>> names() {
    List<List<String>> out = new ArrayList<>();
    for (FetchBatch b : batches) {
      out.add(b.objects().stream().map(ObjectRequest::name).toList());
    }
    return out;
  }
}
