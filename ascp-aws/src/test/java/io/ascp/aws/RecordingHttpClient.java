// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An {@link SdkHttpClient} that records every call (operation, headers, start and end) and passes
 * it to a delegate. A hook runs before each call is sent, so a test can hold calls back.
 */
final class RecordingHttpClient implements SdkHttpClient {
  private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]*)");
  private static final Pattern AKID = Pattern.compile("Credential=([^/]+)/");

  /**
   * One recorded call.
   *
   * @param operation the {@code X-Amz-Target} operation or the query {@code Action}
   * @param uri the request URI
   * @param headers the request headers
   * @param body the request body as text
   * @param startNanos when the call was issued (before the hook)
   * @param endNanos when its response arrived
   */
  record Call(
      String operation,
      URI uri,
      Map<String, List<String>> headers,
      String body,
      long startNanos,
      long endNanos) {
    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    /** The access key id the call was signed with. */
    Optional<String> accessKeyId() {
      return header("Authorization").map(AKID::matcher).filter(Matcher::find).map(m -> m.group(1));
    }
  }

  private final SdkHttpClient delegate;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile Consumer<SdkHttpRequest> beforeSend = r -> {};

  RecordingHttpClient(SdkHttpClient delegate) {
    this.delegate = delegate;
  }

  void beforeSend(Consumer<SdkHttpRequest> hook) {
    this.beforeSend = hook;
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(String operation) {
    List<Call> out = new ArrayList<>();
    for (Call c : calls) {
      if (c.operation().endsWith(operation)) {
        out.add(c);
      }
    }
    return out;
  }

  void clear() {
    calls.clear();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest prepared = delegate.prepareRequest(request);
    SdkHttpRequest http = request.httpRequest();
    String body = request.contentStreamProvider().map(p -> read(p.newStream())).orElse("");
    String operation = http.firstMatchingHeader("X-Amz-Target").orElseGet(() -> queryAction(body));
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        long start = System.nanoTime();
        beforeSend.accept(http);
        try {
          return prepared.call();
        } finally {
          calls.add(
              new Call(operation, http.getUri(), http.headers(), body, start, System.nanoTime()));
        }
      }

      @Override
      public void abort() {
        prepared.abort();
      }
    };
  }

  private static String queryAction(String body) {
    Matcher m = ACTION.matcher(body);
    return m.find() ? m.group(1) : "";
  }

  private static String read(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String clientName() {
    return "Recording(" + delegate.clientName() + ")";
  }

  @Override
  public void close() {
    // Given, not owned: the test closes the delegate.
  }
}
