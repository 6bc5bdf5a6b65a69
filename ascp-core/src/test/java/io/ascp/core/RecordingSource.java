// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.spi.DescribeRequest;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretDescription;
import io.ascp.api.spi.SecretSource;
import io.ascp.api.spi.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A scriptable source: values and errors per (region, name), and a record of every batch with a
 * global sequence number at its start and its end (so tests prove overlap without clocks).
 */
final class RecordingSource implements SecretSource {
  record Call(FetchBatch batch, long startSeq, long endSeq) {}

  private static final AtomicLong SEQ = new AtomicLong();

  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final Map<String, ErrorCode> errors = new ConcurrentHashMap<>();
  private final Map<String, ErrorCode> regionErrors = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Set<String>>> stages = new ConcurrentHashMap<>();
  private final Map<String, ErrorCode> describeErrors = new ConcurrentHashMap<>();
  final List<Call> calls = new CopyOnWriteArrayList<>();
  final List<DescribeRequest> describes = new CopyOnWriteArrayList<>();
  volatile Consumer<FetchBatch> onFetch = b -> {};

  RecordingSource value(String region, String name, String value) {
    values.put(region + "|" + name, value);
    return this;
  }

  RecordingSource error(String region, String name, ErrorCode code) {
    errors.put(region + "|" + name, code);
    return this;
  }

  /** Every batch sent to {@code region} throws {@code code} (or clears it with null). */
  RecordingSource regionDown(String region, ErrorCode code) {
    regionErrors.put(region, code);
    return this;
  }

  RecordingSource regionUp(String region) {
    regionErrors.remove(region);
    return this;
  }

  /** Makes {@code describe} answer that {@code version} carries {@code versionStages}. */
  RecordingSource stages(String region, String name, String version, String... versionStages) {
    stages.put(region + "|" + name, Map.of(version, Set.of(versionStages)));
    return this;
  }

  RecordingSource describeError(String region, String name, ErrorCode code) {
    describeErrors.put(region + "|" + name, code);
    return this;
  }

  @Override
  public Optional<SecretDescription> describe(DescribeRequest request) {
    describes.add(request);
    String key = request.region() + "|" + request.name();
    ErrorCode code = describeErrors.get(key);
    if (code != null) {
      throw new AscpException(
          code, request.region() + ": Failed to describe secret " + request.name() + ": " + code);
    }
    return Optional.of(new SecretDescription(request.name(), stages.getOrDefault(key, Map.of())));
  }

  @Override
  public List<FetchResult> fetch(FetchBatch batch) {
    long start = SEQ.incrementAndGet();
    try {
      onFetch.accept(batch);
      ErrorCode down = regionErrors.get(batch.region());
      if (down != null) {
        throw new AscpException(down, batch.region() + ": region is down (" + down + ")");
      }
      List<FetchResult> results = new ArrayList<>();
      for (ObjectRequest request : batch.objects()) {
        String key = batch.region() + "|" + request.name();
        ErrorCode code = errors.get(key);
        String value = values.get(key);
        if (code != null) {
          results.add(
              FetchResult.failed(
                  request,
                  new AscpException(
                      code,
                      batch.region()
                          + ": Failed fetching secret "
                          + request.name()
                          + ": "
                          + code)));
        } else if (value == null) {
          results.add(
              FetchResult.failed(
                  request,
                  new AscpException(
                      ErrorCode.NOT_FOUND,
                      batch.region() + ": Failed fetching secret " + request.name() + ": gone")));
        } else {
          // A pinned version id is the id returned, as in Secrets Manager.
          String version =
              request
                  .version()
                  .orElse(batch.region() + "/cur/" + request.versionLabel().orElse(""));
          results.add(
              FetchResult.found(
                  request,
                  new SecretValue(
                      request.name(), version, value.getBytes(StandardCharsets.UTF_8), false)));
        }
      }
      return results;
    } finally {
      calls.add(new Call(batch, start, SEQ.incrementAndGet()));
    }
  }

  List<String> regionsCalled() {
    List<String> regions = new ArrayList<>();
    for (Call call : calls) {
      regions.add(call.batch().region());
    }
    return regions;
  }
}
