// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretSource;
import io.ascp.api.spi.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The Parameter Store {@link SecretSource}: {@code GetParameters} with {@code WithDecryption=true},
 * at most 10 names a call (planned by {@link SsmPlan}), the calls of a batch made concurrently.
 *
 * <p>Every object the responses do not answer fails with {@link ErrorCode#NOT_FOUND} and the
 * reference's text {@code 400: <region>: invalid parameters: p1, p2}, listing the missing selectors
 * of the whole batch once each, in request order. Unlike the reference, the objects that were found
 * are still returned (the pipeline decides what a missing object means for the mount). A failed
 * call fails its objects with {@code <region>: Failed fetching parameters: <cause>}.
 */
final class ParameterStoreSource implements SecretSource {
  private static final Logger log = LoggerFactory.getLogger(ParameterStoreSource.class);

  private final SourceSupport support;

  ParameterStoreSource(SourceSupport support) {
    this.support = requireNonNull(support, "support");
  }

  /**
   * The outcome of one call.
   *
   * @param parameters the returned parameters by the selector they answer
   * @param error why the call failed, if it did
   */
  private record CallOutcome(Map<String, Parameter> parameters, Optional<RuntimeException> error) {}

  @Override
  public List<FetchResult> fetch(FetchBatch batch) {
    support.check(batch, ObjectType.SSM_PARAMETER);
    String region = batch.region();
    CallerIdentity identity = batch.identity();
    String prefix = region + ": Failed fetching parameters: ";
    AwsCredentialsProvider credentials;
    SsmClient client;
    try {
      credentials = support.credentials.provider(identity, region);
      client = support.clients.ssm(region);
    } catch (RuntimeException e) {
      return SourceSupport.failAll(batch.objects(), o -> SourceSupport.error(prefix, e, identity));
    }
    SsmPlan plan = SsmPlan.of(SourceSupport.distinct(batch.objects()));
    List<CallOutcome> outcomes =
        support.parallel(plan.calls(), call -> call(client, credentials, region, call), region);

    Set<String> missing = new LinkedHashSet<>();
    for (ObjectRequest o : batch.objects()) {
      CallOutcome outcome = outcomes.get(plan.callOf(o));
      if (outcome.error().isEmpty() && !outcome.parameters().containsKey(SsmPlan.selector(o))) {
        missing.add(SsmPlan.selector(o));
      }
    }
    AscpException notFound =
        missing.isEmpty()
            ? null
            : new AscpException(
                ErrorCode.NOT_FOUND,
                "400: " + region + ": invalid parameters: " + String.join(", ", missing));

    List<FetchResult> out = new ArrayList<>(batch.objects().size());
    for (ObjectRequest o : batch.objects()) {
      CallOutcome outcome = outcomes.get(plan.callOf(o));
      if (outcome.error().isPresent()) {
        out.add(
            FetchResult.failed(o, SourceSupport.error(prefix, outcome.error().get(), identity)));
        continue;
      }
      Parameter p = outcome.parameters().get(SsmPlan.selector(o));
      if (p == null) {
        out.add(FetchResult.failed(o, requireNonNull(notFound, "notFound")));
        continue;
      }
      out.add(FetchResult.found(o, value(o, p)));
    }
    return out;
  }

  private static SecretValue value(ObjectRequest o, Parameter p) {
    String value = p.value() == null ? "" : p.value();
    String version = p.version() == null ? "" : Long.toString(p.version());
    String name = p.name() == null ? o.name() : p.name();
    return new SecretValue(name, version, value.getBytes(StandardCharsets.UTF_8), false);
  }

  private static CallOutcome call(
      SsmClient client, AwsCredentialsProvider credentials, String region, SsmPlan.Call call) {
    GetParametersResponse r;
    try {
      r =
          client.getParameters(
              b ->
                  b.names(call.selectors())
                      .withDecryption(true)
                      .overrideConfiguration(o -> o.credentialsProvider(credentials)));
    } catch (RuntimeException e) {
      return new CallOutcome(Map.of(), Optional.of(e));
    }
    Map<String, Parameter> bySelector = new HashMap<>();
    for (Parameter p : r.parameters()) {
      String selector = match(call, p);
      if (selector == null) {
        // Never fail on a name we did not ask for (the reference crashes: reference §10 #3).
        log.debug("Ignoring parameter {} in {}: it matches no requested name", p.name(), region);
      } else {
        bySelector.putIfAbsent(selector, p);
      }
    }
    log.debug(
        "GetParameters in {}: {} requested, {} returned, {} invalid",
        region,
        call.selectors().size(),
        r.parameters().size(),
        r.invalidParameters().size());
    return new CallOutcome(bySelector, Optional.empty());
  }

  /** The selector of {@code call} that {@code p} answers: by its name, else by its ARN. */
  private static @Nullable String match(SsmPlan.Call call, Parameter p) {
    if (p.name() != null) {
      Optional<String> s = call.selectorFor(SsmPlan.parameterKey(p.name()));
      if (s.isPresent()) {
        return s.get();
      }
    }
    if (p.arn() != null) {
      return call.selectorFor(SsmPlan.parameterKey(p.arn())).orElse(null);
    }
    return null;
  }
}
