// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An in-memory {@link SdkHttpClient}: every request is answered by a function, nothing leaves the
 * JVM. Records the requests.
 */
final class StubHttpClient implements SdkHttpClient {

  /**
   * A recorded request.
   *
   * @param request the HTTP request
   * @param body its body as text
   */
  record Request(SdkHttpRequest request, String body) {}

  /**
   * A canned response.
   *
   * @param status the HTTP status
   * @param contentType the content type
   * @param body the body
   */
  record Response(int status, String contentType, String body) {
    static Response xml(int status, String body) {
      return new Response(status, "text/xml", body);
    }

    static Response json(int status, String body) {
      return new Response(status, "application/x-amz-json-1.1", body);
    }
  }

  private final Function<Request, Response> handler;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  StubHttpClient(Function<Request, Response> handler) {
    this.handler = handler;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    String body = request.contentStreamProvider().map(p -> read(p.newStream())).orElse("");
    Request recorded = new Request(request.httpRequest(), body);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        requests.add(recorded);
        Response r = handler.apply(recorded);
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(r.status())
                    .putHeader("Content-Type", r.contentType())
                    .putHeader("Content-Length", Integer.toString(bytes.length))
                    .putHeader("x-amzn-RequestId", "stub-request-id")
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
            .build();
      }

      @Override
      public void abort() {}
    };
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
    return "Stub";
  }

  @Override
  public void close() {}
}
