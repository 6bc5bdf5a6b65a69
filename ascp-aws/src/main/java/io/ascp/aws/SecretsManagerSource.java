// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.DescribeRequest;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretDescription;
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
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * The Secrets Manager {@link SecretSource}: {@code GetSecretValue} per object (with {@code
 * VersionId} and {@code VersionStage} when requested), the objects of a batch fetched concurrently;
 * {@code DescribeSecret} for {@link #describe}.
 *
 * <p>With {@code batchGetSecretValue} on, objects that pin neither a version nor a stage other than
 * {@code AWSCURRENT} are first read with {@code BatchGetSecretValue}, 20 ids a call; every id that
 * call does not answer with a value (an error entry, a missing entry, or the whole call failing,
 * e.g. for lack of the permission) is then read with {@code GetSecretValue}, so its error message
 * is the same as without batching.
 *
 * <p>Messages: {@code <region>: Failed fetching secret <name>: <cause>} and {@code <region>: Failed
 * to describe secret <name>: <cause>}, the reference's texts with the AWS error code, message,
 * status and request id as the cause.
 */
final class SecretsManagerSource implements SecretSource {
  private static final Logger log = LoggerFactory.getLogger(SecretsManagerSource.class);

  /** The {@code BatchGetSecretValue} limit of {@code SecretIdList}. */
  static final int MAX_IDS_PER_BATCH_CALL = 20;

  private static final String CURRENT_STAGE = "AWSCURRENT";

  private final SourceSupport support;
  private final boolean batchMode;

  SecretsManagerSource(SourceSupport support, boolean batchMode) {
    this.support = requireNonNull(support, "support");
    this.batchMode = batchMode;
  }

  @Override
  public List<FetchResult> fetch(FetchBatch batch) {
    support.check(batch, ObjectType.SECRETS_MANAGER);
    String region = batch.region();
    CallerIdentity identity = batch.identity();
    AwsCredentialsProvider credentials;
    SecretsManagerClient client;
    try {
      credentials = support.credentials.provider(identity, region);
      client = support.clients.secretsManager(region);
    } catch (RuntimeException e) {
      return SourceSupport.failAll(
          batch.objects(), o -> SourceSupport.error(fetchPrefix(region, o.name()), e, identity));
    }
    List<ObjectRequest> unique = SourceSupport.distinct(batch.objects());
    Map<ObjectRequest, FetchResult> results = new HashMap<>();
    if (batchMode) {
      results.putAll(batchGet(client, credentials, region, identity, unique));
    }
    List<ObjectRequest> remaining = unique.stream().filter(o -> !results.containsKey(o)).toList();
    List<FetchResult> fetched =
        support.parallel(remaining, o -> getOne(client, credentials, region, identity, o), region);
    for (FetchResult r : fetched) {
      results.put(r.request(), r);
    }
    List<FetchResult> out = new ArrayList<>(batch.objects().size());
    for (ObjectRequest o : batch.objects()) {
      out.add(requireNonNull(results.get(o), "result"));
    }
    return out;
  }

  @Override
  public Optional<SecretDescription> describe(DescribeRequest request) {
    support.checkOpen();
    String region = request.region();
    String prefix = region + ": Failed to describe secret " + request.name() + ": ";
    try {
      AwsCredentialsProvider credentials = support.credentials.provider(request.identity(), region);
      DescribeSecretResponse r =
          support
              .clients
              .secretsManager(region)
              .describeSecret(
                  b ->
                      b.secretId(request.name())
                          .overrideConfiguration(o -> o.credentialsProvider(credentials)));
      Map<String, Set<String>> stages = new TreeMap<>();
      r.versionIdsToStages().forEach((id, s) -> stages.put(id, new LinkedHashSet<>(s)));
      String name = r.name() == null ? request.name() : r.name();
      return Optional.of(new SecretDescription(name, stages));
    } catch (RuntimeException e) {
      throw SourceSupport.error(prefix, e, request.identity());
    }
  }

  private FetchResult getOne(
      SecretsManagerClient client,
      AwsCredentialsProvider credentials,
      String region,
      CallerIdentity identity,
      ObjectRequest object) {
    try {
      GetSecretValueResponse r =
          client.getSecretValue(
              b ->
                  b.secretId(object.name())
                      .versionId(object.version().orElse(null))
                      .versionStage(object.versionLabel().orElse(null))
                      .overrideConfiguration(o -> o.credentialsProvider(credentials)));
      return found(object, region, r.name(), r.versionId(), r.secretString(), r.secretBinary());
    } catch (RuntimeException e) {
      return FetchResult.failed(
          object, SourceSupport.error(fetchPrefix(region, object.name()), e, identity));
    }
  }

  private static FetchResult found(
      ObjectRequest object,
      String region,
      @Nullable String name,
      @Nullable String versionId,
      @Nullable String string,
      @Nullable SdkBytes binary) {
    if (versionId == null) {
      // The reference provider crashes here (reference §10 #3).
      return FetchResult.failed(
          object,
          new AscpException(
              ErrorCode.BACKEND_UNAVAILABLE,
              fetchPrefix(region, object.name()) + "the response has no VersionId"));
    }
    byte[] contents;
    boolean isBinary;
    if (string != null) {
      contents = string.getBytes(StandardCharsets.UTF_8);
      isBinary = false;
    } else if (binary != null) {
      contents = binary.asByteArray();
      isBinary = true;
    } else {
      contents = new byte[0];
      isBinary = false;
    }
    log.debug("Fetched secret {} version {} in {}", object.name(), versionId, region);
    return FetchResult.found(
        object,
        new SecretValue(name == null ? object.name() : name, versionId, contents, isBinary));
  }

  /**
   * Reads the objects that pin no version with {@code BatchGetSecretValue}; returns the results of
   * the objects it could answer, nothing for the others.
   */
  private Map<ObjectRequest, FetchResult> batchGet(
      SecretsManagerClient client,
      AwsCredentialsProvider credentials,
      String region,
      CallerIdentity identity,
      List<ObjectRequest> objects) {
    List<String> ids = new ArrayList<>();
    for (ObjectRequest o : objects) {
      if (batchable(o) && !ids.contains(o.name())) {
        ids.add(o.name());
      }
    }
    if (ids.isEmpty()) {
      return Map.of();
    }
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += MAX_IDS_PER_BATCH_CALL) {
      chunks.add(ids.subList(i, Math.min(ids.size(), i + MAX_IDS_PER_BATCH_CALL)));
    }
    List<Map<String, SecretValueEntry>> answers =
        support.parallel(chunks, chunk -> batchCall(client, credentials, region, chunk), region);
    Map<String, SecretValueEntry> byId = new HashMap<>();
    answers.forEach(byId::putAll);
    Map<ObjectRequest, FetchResult> out = new HashMap<>();
    for (ObjectRequest o : objects) {
      SecretValueEntry e = batchable(o) ? byId.get(o.name()) : null;
      if (e != null) {
        FetchResult r =
            found(o, region, e.name(), e.versionId(), e.secretString(), e.secretBinary());
        if (r instanceof FetchResult.Found) {
          out.put(o, r);
        }
      }
    }
    log.debug(
        "BatchGetSecretValue answered {} of {} objects in {} for {}",
        out.size(),
        objects.size(),
        region,
        SourceSupport.caller(identity));
    return out;
  }

  /** One {@code BatchGetSecretValue} call; the entries by requested id, empty when it failed. */
  private static Map<String, SecretValueEntry> batchCall(
      SecretsManagerClient client,
      AwsCredentialsProvider credentials,
      String region,
      List<String> ids) {
    BatchGetSecretValueResponse r;
    try {
      r =
          client.batchGetSecretValue(
              b ->
                  b.secretIdList(ids)
                      .overrideConfiguration(o -> o.credentialsProvider(credentials)));
    } catch (RuntimeException e) {
      log.debug(
          "BatchGetSecretValue failed in {}, reading each secret instead: {}",
          region,
          AwsErrors.describe(e, Redactor.NONE));
      return Map.of();
    }
    Map<String, SecretValueEntry> byId = new HashMap<>();
    for (SecretValueEntry e : r.secretValues()) {
      for (String id : matchIds(ids, e)) {
        byId.putIfAbsent(id, e);
      }
    }
    return byId;
  }

  /**
   * The requested ids that {@code entry} answers: its name, its ARN, and its ARN without the
   * 6-character suffix Secrets Manager appends (a partial ARN). One secret may be asked for under
   * several of these ids in one batch; one entry answers them all.
   */
  static List<String> matchIds(List<String> ids, SecretValueEntry entry) {
    String name = entry.name();
    String arn = entry.arn();
    List<String> matched = new ArrayList<>();
    for (String id : ids) {
      boolean partialArn =
          arn != null
              && id.startsWith("arn:")
              && arn.length() == id.length() + 7
              && arn.startsWith(id + "-");
      if (id.equals(name) || id.equals(arn) || partialArn) {
        matched.add(id);
      }
    }
    return matched;
  }

  private static boolean batchable(ObjectRequest o) {
    return o.version().isEmpty() && o.versionLabel().map(CURRENT_STAGE::equals).orElse(true);
  }

  static String fetchPrefix(String region, String name) {
    return region + ": Failed fetching secret " + name + ": ";
  }
}
