// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The {@link SecretSource} over a {@link FakeAws}: each batch becomes the API calls an AWS-backed
 * source would make (one {@code GetSecretValue} per secret; {@code GetParameters} per chunk of 10
 * with decryption; {@code DescribeSecret}), through the store's faults, access rules and recording.
 * AWS errors become {@link AscpException}s with an {@link ErrorCode} and a message that carries
 * AWS's code and message (never a value).
 */
final class StoreSecretSource implements SecretSource {
  /** How long a call delayed by a {@link FakeTicker} waits for the test to advance it. */
  private static final long MAX_WAIT_SECONDS = 60;

  private final FakeAws aws;
  private final Function<CallerIdentity, String> principalOf;

  StoreSecretSource(FakeAws aws, Function<CallerIdentity, String> principalOf) {
    this.aws = aws;
    this.principalOf = principalOf;
  }

  @Override
  public List<FetchResult> fetch(FetchBatch batch) {
    requireNonNull(batch, "batch");
    FakeAws.CallContext ctx = context(batch.region(), batch.identity());
    return switch (batch.type()) {
      case SECRETS_MANAGER -> fetchSecrets(ctx, batch.objects());
      case SSM_PARAMETER -> fetchParameters(ctx, batch.objects());
    };
  }

  @Override
  public Optional<SecretDescription> describe(DescribeRequest request) {
    requireNonNull(request, "request");
    FakeAws.CallContext ctx = context(request.region(), request.identity());
    String name = request.name();
    try {
      SecretsManagerState.SecretView view =
          await(
              aws.call(
                  ctx,
                  AwsOperation.DESCRIBE_SECRET,
                  List.of(name),
                  inv ->
                      aws.secretsState(ctx.region())
                          .describeSecret(inv.access(), inv.now(), name)));
      Map<String, Set<String>> stages = new LinkedHashMap<>();
      view.versionIdsToStages().forEach((k, v) -> stages.put(k, new LinkedHashSet<>(v)));
      return Optional.of(new SecretDescription(view.name(), stages));
    } catch (AwsException e) {
      throw toAscp(e.error(), "Failed to describe secret " + name);
    } catch (FakeAws.ConnectionDropped e) {
      throw unreachable(ctx.region(), "Failed to describe secret " + name);
    }
  }

  @Override
  public String toString() {
    return "FakeAws.secretSource{" + aws + "}";
  }

  private FakeAws.CallContext context(String region, CallerIdentity identity) {
    try {
      FakeAws.checkRegion(region);
    } catch (IllegalArgumentException e) {
      throw new AscpException(ErrorCode.INVALID_PARAMETERS, "Unknown region: " + region);
    }
    String principal = principalOf.apply(identity);
    return new FakeAws.CallContext(
        region, principal, principal, Optional.empty(), Optional.empty());
  }

  private List<FetchResult> fetchSecrets(FakeAws.CallContext ctx, List<ObjectRequest> objects) {
    List<FetchResult> results = new ArrayList<>(objects.size());
    for (ObjectRequest req : objects) {
      String what = "Failed fetching secret " + req.name();
      try {
        SecretsManagerState.ValueView v =
            await(
                aws.call(
                    ctx,
                    AwsOperation.GET_SECRET_VALUE,
                    List.of(req.name()),
                    inv ->
                        aws.secretsState(ctx.region())
                            .getSecretValue(
                                inv.access(),
                                inv.now(),
                                req.name(),
                                req.version(),
                                req.versionLabel())));
        results.add(
            FetchResult.found(
                req, new SecretValue(v.name(), v.versionId(), v.value(), v.binary())));
      } catch (AwsException e) {
        results.add(FetchResult.failed(req, toAscp(e.error(), what)));
      } catch (FakeAws.ConnectionDropped e) {
        results.add(FetchResult.failed(req, unreachable(ctx.region(), what)));
      }
    }
    return results;
  }

  private List<FetchResult> fetchParameters(FakeAws.CallContext ctx, List<ObjectRequest> objects) {
    // One selector per request: name, name:version or name:label (the version wins, as in ASCP).
    List<String> selectors = new ArrayList<>(objects.size());
    for (ObjectRequest req : objects) {
      selectors.add(
          req.name()
              + req.version()
                  .map(v -> ":" + v)
                  .or(() -> req.versionLabel().map(l -> ":" + l))
                  .orElse(""));
    }
    List<String> unique = List.copyOf(new LinkedHashSet<>(selectors));
    Map<String, Object> outcome = new LinkedHashMap<>();
    for (int from = 0; from < unique.size(); from += ParameterStoreState.MAX_NAMES) {
      List<String> chunk =
          unique.subList(from, Math.min(unique.size(), from + ParameterStoreState.MAX_NAMES));
      try {
        ParameterStoreState.GetParametersResult r =
            await(
                aws.call(
                    ctx,
                    AwsOperation.GET_PARAMETERS,
                    chunk,
                    inv ->
                        aws.parameterState(ctx.region())
                            .getParameters(inv.access(), inv.now(), chunk, true)));
        for (String selector : chunk) {
          Optional<ParameterStoreState.ParameterView> match = correlate(selector, r.parameters());
          outcome.put(
              selector,
              match.isPresent()
                  ? match.get()
                  : new AscpException(
                      ErrorCode.NOT_FOUND,
                      "Failed fetching parameters: invalid parameters: " + selector));
        }
      } catch (AwsException e) {
        AscpException failure = toAscp(e.error(), "Failed fetching parameters");
        chunk.forEach(s -> outcome.put(s, failure));
      } catch (FakeAws.ConnectionDropped e) {
        AscpException failure = unreachable(ctx.region(), "Failed fetching parameters");
        chunk.forEach(s -> outcome.put(s, failure));
      }
    }
    List<FetchResult> results = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      Object o = requireNonNull(outcome.get(selectors.get(i)));
      if (o instanceof ParameterStoreState.ParameterView p) {
        results.add(
            FetchResult.found(
                objects.get(i),
                new SecretValue(
                    p.name(),
                    Long.toString(p.version()),
                    p.value().getBytes(StandardCharsets.UTF_8),
                    false)));
      } else {
        results.add(FetchResult.failed(objects.get(i), (AscpException) o));
      }
    }
    return results;
  }

  /** The returned parameter that answers {@code selector}, by name or ARN and by selector. */
  private static Optional<ParameterStoreState.ParameterView> correlate(
      String selector, List<ParameterStoreState.ParameterView> parameters) {
    for (ParameterStoreState.ParameterView p : parameters) {
      String base =
          p.selector()
              .map(s -> selector.substring(0, selector.length() - s.length()))
              .orElse(selector);
      boolean selectorMatches =
          p.selector().map(selector::endsWith).orElse(true)
              && (p.selector().isPresent() || !hasSelector(selector));
      if (selectorMatches && (base.equals(p.name()) || base.equals(p.arn()))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static boolean hasSelector(String requested) {
    if (requested.startsWith("arn:")) {
      return requested.split(":", -1).length > 6;
    }
    return requested.indexOf(':') >= 0;
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AwsException a) {
        throw a;
      }
      if (cause instanceof FakeAws.ConnectionDropped d) {
        throw d;
      }
      throw new AscpException(ErrorCode.INTERNAL, "the fake AWS store failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AscpException(ErrorCode.BACKEND_UNAVAILABLE, "interrupted while waiting for AWS");
    } catch (TimeoutException e) {
      throw new AscpException(
          ErrorCode.BACKEND_UNAVAILABLE,
          "a delayed call did not complete within "
              + MAX_WAIT_SECONDS
              + " s: advance the FakeTicker past the injected latency");
    }
  }

  private static AscpException unreachable(String region, String what) {
    return new AscpException(
        ErrorCode.BACKEND_UNAVAILABLE,
        what + ": unable to reach the " + region + " endpoint (connection dropped)");
  }

  /** Maps an AWS error to the error model, keeping AWS's code and message. */
  static AscpException toAscp(AwsError error, String what) {
    return new AscpException(codeOf(error), what + ": " + error.code() + ": " + error.message());
  }

  /** The {@link ErrorCode} of an AWS error code, as an AWS-backed source classifies it. */
  static ErrorCode codeOf(AwsError error) {
    return switch (error.code()) {
      case "ResourceNotFoundException", "ParameterNotFound", "ParameterVersionNotFound" ->
          ErrorCode.NOT_FOUND;
      case "AccessDeniedException", "AccessDenied" -> ErrorCode.ACCESS_DENIED;
      case "ExpiredTokenException",
          "ExpiredToken",
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "InvalidSignatureException",
          "MissingAuthenticationTokenException" ->
          ErrorCode.CREDENTIALS;
      case "ThrottlingException",
          "Throttling",
          "TooManyRequestsException",
          "RequestLimitExceeded" ->
          ErrorCode.THROTTLED;
      case "DecryptionFailure",
          "InvalidKeyId",
          "KMSAccessDeniedException",
          "KMSDisabledException" ->
          ErrorCode.DECRYPTION_FAILED;
      default ->
          error.httpStatus() >= 500 ? ErrorCode.BACKEND_UNAVAILABLE : ErrorCode.INVALID_PARAMETERS;
    };
  }
}
