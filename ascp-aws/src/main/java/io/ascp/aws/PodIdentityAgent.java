// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AddressPreference;
import io.ascp.api.AscpException;
import io.ascp.api.AscpListener;
import io.ascp.api.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * A client of the EKS Pod Identity agent's credentials endpoint: {@code GET} with {@code
 * Authorization: <raw token>} (no scheme, as the AWS SDKs send it) and {@code Accept:
 * application/json}; the answer has {@code AccessKeyId}, {@code SecretAccessKey}, {@code Token} and
 * {@code Expiration}.
 *
 * <p>URLs are tried in order until one answers; {@link AddressPreference#IPV4} and {@link
 * AddressPreference#IPV6} keep only the URLs of that family (a host name counts as both; when none
 * is left, all are used so that an explicit override always applies). A connection failure, a
 * timeout or a 5xx moves on to the next URL — the auto fallback the reference provider advertises
 * but never reaches. A 4xx is the agent's verdict on the token: it ends the attempt.
 *
 * <p>Owns its JDK HTTP client, built on first use (it needs no closing on JDK 17). Proxies are
 * never used: the agent is node-local.
 */
final class PodIdentityAgent {
  private static final Logger log = LoggerFactory.getLogger(PodIdentityAgent.class);
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final JsonNodeParser PARSER = JsonNodeParser.create();
  private static final int MAX_DETAIL = 200;

  private final List<URI> urls;
  private final Duration timeout;
  private final String userAgent;
  private final ListenerGuard events;
  private @Nullable HttpClient http;

  /** The service label of agent calls in {@link AscpListener} events. */
  static final String SERVICE = "pod-identity-agent";

  /** The operation label of agent calls. */
  static final String OPERATION = "GetCredentials";

  PodIdentityAgent(List<URI> urls, Duration timeout, String appId) {
    this(urls, timeout, appId, ListenerGuard.NONE);
  }

  /**
   * Creates the agent client.
   *
   * @param events receives one {@link AscpListener.BackendCall} per request to an agent URL
   */
  PodIdentityAgent(List<URI> urls, Duration timeout, String appId, ListenerGuard events) {
    this.events = requireNonNull(events, "events");
    this.urls = List.copyOf(urls);
    if (this.urls.isEmpty()) {
      throw new IllegalArgumentException("at least one Pod Identity agent URL is needed");
    }
    this.timeout = requireNonNull(timeout, "timeout");
    this.userAgent = "ascp-aws app/" + appId;
  }

  /** The HTTP client, built on first use: most processes never call the agent. */
  private synchronized HttpClient http() {
    HttpClient h = http;
    if (h == null) {
      h =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .proxy(HttpClient.Builder.NO_PROXY)
              .build();
      http = h;
    }
    return h;
  }

  /** The URLs this agent client tries. */
  List<URI> urls() {
    return urls;
  }

  /** The URLs to try for {@code preference}, in order. */
  List<URI> urlsFor(AddressPreference preference) {
    if (preference == AddressPreference.AUTO) {
      return urls;
    }
    List<URI> kept = new ArrayList<>();
    for (URI u : urls) {
      Family f = family(u);
      if (f == Family.ANY
          || (preference == AddressPreference.IPV4 && f == Family.IPV4)
          || (preference == AddressPreference.IPV6 && f == Family.IPV6)) {
        kept.add(u);
      }
    }
    return kept.isEmpty() ? urls : kept;
  }

  /**
   * Exchanges {@code token} for credentials.
   *
   * @throws AscpException {@link ErrorCode#CREDENTIALS} when the agent rejected the token or
   *     answered nonsense, {@link ErrorCode#THROTTLED} on 429, {@link
   *     ErrorCode#BACKEND_UNAVAILABLE} when no agent URL could be reached or all failed with 5xx;
   *     the message names every URL tried and never contains the token
   */
  TemporaryCredentials fetch(String token, AddressPreference preference) {
    Redactor redactor = Redactor.forSecret(token);
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new AscpException(
            ErrorCode.CREDENTIALS,
            "the Pod Identity token contains a control character at index " + i);
      }
    }
    List<String> failures = new ArrayList<>();
    ErrorCode code = ErrorCode.BACKEND_UNAVAILABLE;
    for (URI url : urlsFor(preference)) {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .GET()
              .timeout(timeout)
              .header("Accept", "application/json")
              .header("Authorization", token)
              .header("User-Agent", userAgent)
              .build();
      HttpResponse<String> response;
      long start = System.nanoTime();
      try {
        response = http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (HttpTimeoutException e) {
        called(start, ErrorCode.BACKEND_UNAVAILABLE);
        failures.add(url + ": timed out after " + timeout);
        log.warn("Pod Identity agent {} attempt failed: timed out after {}", url, timeout);
        continue;
      } catch (IOException e) {
        called(start, ErrorCode.BACKEND_UNAVAILABLE);
        String detail = redactor.redact(AwsErrors.describe(e, Redactor.NONE));
        failures.add(url + ": " + detail);
        log.warn("Pod Identity agent {} attempt failed: {}", url, detail);
        continue;
      } catch (InterruptedException e) {
        called(start, ErrorCode.INTERNAL);
        Thread.currentThread().interrupt();
        throw new AscpException(
            ErrorCode.INTERNAL, "interrupted while calling the Pod Identity agent " + url, null);
      }
      int status = response.statusCode();
      if (status == 200) {
        TemporaryCredentials credentials;
        try {
          credentials = parse(url, response.body());
        } catch (AscpException e) {
          called(start, e.code());
          throw e;
        }
        called(start, null);
        return credentials;
      }
      String detail = "HTTP " + status + detail(response.body(), redactor);
      failures.add(url + ": " + detail);
      if (status == 429) {
        called(start, ErrorCode.THROTTLED);
        code = ErrorCode.THROTTLED;
        break;
      }
      if (status >= 400 && status < 500) {
        called(start, ErrorCode.CREDENTIALS);
        code = ErrorCode.CREDENTIALS;
        break;
      }
      called(start, ErrorCode.BACKEND_UNAVAILABLE);
      log.warn("Pod Identity agent {} attempt failed: {}", url, detail);
    }
    throw new AscpException(
        code,
        "failed to get credentials from the EKS Pod Identity agent: "
            + String.join("; ", failures));
  }

  /** Reports one request to the agent; {@code error} null for success. */
  private void called(long start, @Nullable ErrorCode error) {
    if (events.enabled()) {
      AscpListener.BackendCall call =
          new AscpListener.BackendCall(
              SERVICE,
              OPERATION,
              Optional.empty(),
              Optional.ofNullable(error),
              Duration.ofNanos(Math.max(0, System.nanoTime() - start)));
      events.emit(l -> l.backendCall(call));
    }
  }

  private static TemporaryCredentials parse(URI url, String body) {
    try {
      JsonNode json = PARSER.parse(body);
      if (json.isObject()) {
        Optional<String> id = text(json, "AccessKeyId");
        Optional<String> secret = text(json, "SecretAccessKey");
        Optional<String> session = text(json, "Token");
        if (id.isPresent() && secret.isPresent() && session.isPresent()) {
          return new TemporaryCredentials(
              id.get(),
              secret.get(),
              session.get(),
              text(json, "Expiration").flatMap(TokenExpiry::parseTimestamp));
        }
      }
    } catch (RuntimeException e) {
      // Not JSON: reported below without the body, which would hold credentials if partly valid.
    }
    throw new AscpException(
        ErrorCode.CREDENTIALS,
        "failed to get credentials from the EKS Pod Identity agent: "
            + url
            + ": the response is not a credentials document");
  }

  private static Optional<String> text(JsonNode json, String field) {
    return json.field(field)
        .filter(JsonNode::isString)
        .map(JsonNode::asString)
        .filter(s -> !s.isEmpty());
  }

  /** A short, single-line, redacted excerpt of an error body. */
  private static String detail(String body, Redactor redactor) {
    String s = redactor.redact(body.strip());
    if (s.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(": ");
    for (int i = 0; i < s.length() && i < MAX_DETAIL; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (s.length() > MAX_DETAIL) {
      b.append("…");
    }
    return b.toString();
  }

  private enum Family {
    IPV4,
    IPV6,
    ANY
  }

  private static Family family(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return Family.ANY;
    }
    if (host.startsWith("[") || host.contains(":")) {
      return Family.IPV6;
    }
    return IPV4_LITERAL.matcher(host).matches() ? Family.IPV4 : Family.ANY;
  }
}
