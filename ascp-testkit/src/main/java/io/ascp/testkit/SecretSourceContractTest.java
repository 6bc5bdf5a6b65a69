// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static io.ascp.testkit.ContractFixture.CUSTOM_STAGE;
import static io.ascp.testkit.ContractFixture.MARKER;
import static io.ascp.testkit.ContractFixture.versionId;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link SecretSource} must have, as an abstract JUnit 5 suite: extend it,
 * return your source holding the {@link ContractFixture#standard() standard fixture} from {@link
 * #createSource(ContractFixture)}, and run it with your tests.
 *
 * <pre>{@code
 * class FakeAwsSourceContractTest extends SecretSourceContractTest {
 *   private final FakeAws aws = FakeAws.create();
 *
 *   @Override
 *   protected SecretSource createSource(ContractFixture fixture) {
 *     fixture.seed(aws, region());
 *     return aws.secretSource();
 *   }
 * }
 * }</pre>
 *
 * <p>What it checks: exactly one result per requested object, in request order, with the request it
 * answers; current, pinned-version and staged values of secrets (AWS staging labels and custom
 * ones) and of parameters (versions and labels); binary and UTF-8 values byte for byte; missing
 * objects, versions and labels fail alone as {@link ErrorCode#NOT_FOUND} with a message that names
 * them; batches larger than a backend's limit (more than 10 parameters) and duplicate requests;
 * version metadata through {@link SecretSource#describe} when the source supports it; the same
 * answers under concurrent batches; and no value in any message or {@code toString()}.
 *
 * <p>The source is created once per test class and closed after it ({@link
 * #closeSource(SecretSource)}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SecretSourceContractTest {
  private static final String PLAIN = "contract/plain";
  private static final String BINARY = "contract/binary";
  private static final String STAGED = "contract/staged";
  private static final String JSON = "contract/json";
  private static final String UNICODE = "contract/unicode";
  private static final String MISSING_SECRET = "contract/missing";
  private static final String PARAM = "/contract/plain";
  private static final String SECURE = "/contract/secure";
  private static final String LIST = "/contract/list";
  private static final String MISSING_PARAM = "/contract/missing";

  private final ContractFixture fixture = ContractFixture.standard();
  private @Nullable SecretSource source;

  /** Creates the suite. */
  protected SecretSourceContractTest() {}

  /**
   * Creates the source under test, holding (at least) every object of {@code fixture} in {@link
   * #region()}, readable as {@link #identity()}.
   */
  protected abstract SecretSource createSource(ContractFixture fixture) throws Exception;

  /** Releases the source after the suite; closes it when it is {@link AutoCloseable}. */
  protected void closeSource(SecretSource source) throws Exception {
    if (source instanceof AutoCloseable c) {
      c.close();
    }
  }

  /** The region the fixture lives in; {@code us-east-1} unless overridden. */
  protected String region() {
    return "us-east-1";
  }

  /**
   * The identity every batch is read as; {@link CallerIdentity#defaultChain()} unless overridden.
   */
  protected CallerIdentity identity() {
    return CallerIdentity.defaultChain();
  }

  /**
   * The object types the source reads; tests of other types are skipped. Both unless overridden.
   */
  protected Set<ObjectType> supportedTypes() {
    return EnumSet.allOf(ObjectType.class);
  }

  /** Creates the source under test once for the class. */
  @BeforeAll
  public final void createSourceUnderTest() throws Exception {
    source = createSource(fixture);
  }

  /** Closes the source under test. */
  @AfterAll
  public final void closeSourceUnderTest() throws Exception {
    if (source != null) {
      closeSource(source);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Secrets Manager

  /** A secret requested by name alone is its {@code AWSCURRENT} version. */
  @Test
  public final void secretByNameIsTheCurrentVersion() {
    FetchResult r = single(ObjectType.SECRETS_MANAGER, ObjectRequest.of(PLAIN));
    assertFound(r, PLAIN, versionId(1, 2), "plain-2 " + MARKER);
  }

  /** A pinned version id selects that version, current or not. */
  @Test
  public final void secretByVersionIdIsThatVersion() {
    assertFound(
        single(ObjectType.SECRETS_MANAGER, secret(PLAIN, versionId(1, 1), null)),
        PLAIN,
        versionId(1, 1),
        "plain-1 " + MARKER);
    assertFound(
        single(ObjectType.SECRETS_MANAGER, secret(STAGED, versionId(3, 4), null)),
        STAGED,
        versionId(3, 4),
        "staged-4 " + MARKER);
  }

  /** A staging label selects the version that carries it, after AWS's label movements. */
  @Test
  public final void secretByStageFollowsAwsLabelMovement() {
    List<FetchResult> r =
        fetch(
            ObjectType.SECRETS_MANAGER,
            secret(STAGED, null, "AWSCURRENT"),
            secret(STAGED, null, "AWSPREVIOUS"),
            secret(STAGED, null, "AWSPENDING"),
            secret(STAGED, null, CUSTOM_STAGE),
            secret(PLAIN, null, "AWSPREVIOUS"));
    assertFound(r.get(0), STAGED, versionId(3, 2), "staged-2 " + MARKER);
    assertFound(r.get(1), STAGED, versionId(3, 1), "staged-1 " + MARKER);
    assertFound(r.get(2), STAGED, versionId(3, 3), "staged-3 " + MARKER);
    assertFound(r.get(3), STAGED, versionId(3, 4), "staged-4 " + MARKER);
    assertFound(r.get(4), PLAIN, versionId(1, 1), "plain-1 " + MARKER);
  }

  /** A binary secret comes back byte for byte and marked binary; string secrets do not. */
  @Test
  public final void binarySecretIsReturnedByteForByte() {
    FetchResult r = single(ObjectType.SECRETS_MANAGER, ObjectRequest.of(BINARY));
    byte[] expected = fixture.secret(BINARY).versions().get(0).value();
    SecretValue v = found(r);
    assertThat(v.contents()).containsExactly(expected);
    assertThat(v.binary()).as("binary flag of %s", BINARY).isTrue();
    assertThat(v.version()).isEqualTo(versionId(2, 1));
  }

  /** String secrets are UTF-8 encoded, multi-byte characters and JSON included. */
  @Test
  public final void stringSecretsAreUtf8() {
    List<FetchResult> r =
        fetch(ObjectType.SECRETS_MANAGER, ObjectRequest.of(UNICODE), ObjectRequest.of(JSON));
    assertFound(r.get(0), UNICODE, versionId(5, 1), "h\u00e9llo \u2713 \ud83d\udd11 " + MARKER);
    assertFound(
        r.get(1), JSON, versionId(4, 1), "{\"username\":\"app\",\"password\":\"" + MARKER + "\"}");
  }

  /** A missing secret fails alone: the other objects of its batch are still read. */
  @Test
  public final void missingSecretFailsAloneInItsBatch() {
    List<FetchResult> r =
        fetch(
            ObjectType.SECRETS_MANAGER,
            ObjectRequest.of(PLAIN),
            ObjectRequest.of(MISSING_SECRET),
            ObjectRequest.of(BINARY));
    assertFound(r.get(0), PLAIN, versionId(1, 2), "plain-2 " + MARKER);
    assertNotFound(r.get(1), MISSING_SECRET);
    assertThat(found(r.get(2)).binary()).isTrue();
  }

  /** An unknown version id or staging label of an existing secret is not found. */
  @Test
  public final void unknownSecretVersionOrStageIsNotFound() {
    List<FetchResult> r =
        fetch(
            ObjectType.SECRETS_MANAGER,
            secret(PLAIN, versionId(1, 99), null),
            secret(PLAIN, null, "no-such-stage"),
            secret(PLAIN, null, "AWSPENDING"));
    assertNotFound(r.get(0), PLAIN);
    assertNotFound(r.get(1), PLAIN);
    assertNotFound(r.get(2), PLAIN);
  }

  /** A parameter's name asked of Secrets Manager is not found there. */
  @Test
  public final void parameterNameIsNotASecret() {
    assumeSupports(ObjectType.SECRETS_MANAGER);
    assertNotFound(single(ObjectType.SECRETS_MANAGER, ObjectRequest.of(PARAM)), PARAM);
  }

  // ---------------------------------------------------------------------------------------------
  // Parameter Store

  /** A parameter requested by name alone is its latest version. */
  @Test
  public final void parameterByNameIsTheLatestVersion() {
    assertFound(
        single(ObjectType.SSM_PARAMETER, ObjectRequest.of(PARAM)), PARAM, "3", "param-3 " + MARKER);
  }

  /** A pinned version number selects that version. */
  @Test
  public final void parameterByVersionIsThatVersion() {
    assertFound(
        single(ObjectType.SSM_PARAMETER, parameter(PARAM, "1", null)),
        PARAM,
        "1",
        "param-1 " + MARKER);
  }

  /** A label selects the version that carries it. */
  @Test
  public final void parameterByLabelIsTheLabelledVersion() {
    List<FetchResult> r =
        fetch(
            ObjectType.SSM_PARAMETER,
            parameter(PARAM, null, "stable"),
            parameter(PARAM, null, "candidate"));
    assertFound(r.get(0), PARAM, "1", "param-1 " + MARKER);
    assertFound(r.get(1), PARAM, "2", "param-2 " + MARKER);
  }

  /** A SecureString comes back decrypted; a StringList as one comma-separated string. */
  @Test
  public final void secureStringIsDecryptedAndStringListIsOneString() {
    List<FetchResult> r =
        fetch(ObjectType.SSM_PARAMETER, ObjectRequest.of(SECURE), ObjectRequest.of(LIST));
    assertFound(r.get(0), SECURE, "1", "secure " + MARKER);
    assertFound(r.get(1), LIST, "1", "a,b," + MARKER);
    assertThat(found(r.get(0)).binary()).isFalse();
  }

  /** Missing parameters, versions and labels fail alone; the rest of the batch is read. */
  @Test
  public final void missingParameterVersionOrLabelFailsAlone() {
    List<FetchResult> r =
        fetch(
            ObjectType.SSM_PARAMETER,
            ObjectRequest.of(MISSING_PARAM),
            ObjectRequest.of(PARAM),
            parameter(PARAM, "99", null),
            parameter(PARAM, null, "no-such-label"),
            ObjectRequest.of(SECURE));
    assertNotFound(r.get(0), MISSING_PARAM);
    assertFound(r.get(1), PARAM, "3", "param-3 " + MARKER);
    assertNotFound(r.get(2), PARAM);
    assertNotFound(r.get(3), PARAM);
    assertFound(r.get(4), SECURE, "1", "secure " + MARKER);
  }

  /** A batch larger than a backend's limit (10 names per GetParameters) is still answered whole. */
  @Test
  public final void largeParameterBatchIsAnsweredWholeInOrder() {
    List<ObjectRequest> requests = new ArrayList<>();
    for (int i = 11; i >= 0; i--) {
      requests.add(ObjectRequest.of(String.format("/contract/many/p%02d", i)));
    }
    requests.add(ObjectRequest.of(MISSING_PARAM));
    requests.add(ObjectRequest.of(PARAM));
    List<FetchResult> r = fetch(ObjectType.SSM_PARAMETER, requests.toArray(ObjectRequest[]::new));
    for (int i = 0; i < 12; i++) {
      int n = 11 - i;
      assertFound(
          r.get(i),
          String.format("/contract/many/p%02d", n),
          "1",
          String.format("many-%02d %s", n, MARKER));
    }
    assertNotFound(r.get(12), MISSING_PARAM);
    assertFound(r.get(13), PARAM, "3", "param-3 " + MARKER);
  }

  /** The same parameter may be asked several times in one batch, with different selectors. */
  @Test
  public final void duplicateParametersInOneBatchAreEachAnswered() {
    List<FetchResult> r =
        fetch(
            ObjectType.SSM_PARAMETER,
            ObjectRequest.of(PARAM),
            parameter(PARAM, "1", null),
            ObjectRequest.of(PARAM),
            parameter(PARAM, null, "candidate"));
    assertFound(r.get(0), PARAM, "3", "param-3 " + MARKER);
    assertFound(r.get(1), PARAM, "1", "param-1 " + MARKER);
    assertFound(r.get(2), PARAM, "3", "param-3 " + MARKER);
    assertFound(r.get(3), PARAM, "2", "param-2 " + MARKER);
  }

  /** A secret's name asked of Parameter Store is not found there. */
  @Test
  public final void secretNameIsNotAParameter() {
    assumeSupports(ObjectType.SSM_PARAMETER);
    assertNotFound(single(ObjectType.SSM_PARAMETER, ObjectRequest.of(PLAIN)), PLAIN);
  }

  // ---------------------------------------------------------------------------------------------
  // Describe

  /**
   * {@code describe} either is unsupported (empty for every secret) or reports each labelled
   * version's stages exactly; a missing secret is then {@link ErrorCode#NOT_FOUND}.
   */
  @Test
  public final void describeReportsVersionStagesWhenSupported() {
    assumeSupports(ObjectType.SECRETS_MANAGER);
    Optional<SecretDescription> d = source().describe(describe(STAGED));
    if (d.isEmpty()) {
      assertThat(source().describe(describe(PLAIN))).isEmpty();
      return;
    }
    assertThat(d.get().name()).isEqualTo(STAGED);
    assertThat(d.get().stagesOf(versionId(3, 1))).containsExactly("AWSPREVIOUS");
    assertThat(d.get().stagesOf(versionId(3, 2))).containsExactly("AWSCURRENT");
    assertThat(d.get().stagesOf(versionId(3, 3))).containsExactly("AWSPENDING");
    assertThat(d.get().stagesOf(versionId(3, 4))).containsExactly(CUSTOM_STAGE);
    assertThat(d.get().versionStages()).hasSize(4);
    SecretDescription plain =
        source()
            .describe(describe(PLAIN))
            .orElseThrow(() -> new AssertionError("describe supported for one secret only"));
    assertThat(plain.stagesOf(versionId(1, 2))).containsExactly("AWSCURRENT");
    assertThat(plain.stagesOf(versionId(1, 1))).containsExactly("AWSPREVIOUS");
    assertThatThrownBy(() -> source().describe(describe(MISSING_SECRET)))
        .isInstanceOfSatisfying(
            AscpException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
              assertThat(e.getMessage()).contains(MISSING_SECRET).doesNotContain(MARKER);
            });
  }

  // ---------------------------------------------------------------------------------------------
  // Cross-cutting

  /** Results come one per request, in request order, each carrying the request it answers. */
  @Test
  public final void oneResultPerRequestInRequestOrder() {
    for (ObjectType type : supportedTypes()) {
      List<ObjectRequest> requests = mixedRequests(type);
      List<FetchResult> r = source().fetch(batch(type, requests));
      assertThat(r).hasSize(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        assertThat(r.get(i).request()).as("result %d of %s", i, type).isEqualTo(requests.get(i));
      }
    }
  }

  /** The same batch read twice gives the same answers. */
  @Test
  public final void sameBatchGivesSameAnswers() {
    for (ObjectType type : supportedTypes()) {
      FetchBatch b = batch(type, mixedRequests(type));
      assertThat(summaries(source().fetch(b))).isEqualTo(summaries(source().fetch(b)));
    }
  }

  /** Concurrent batches get the answers sequential batches get. */
  @Test
  public final void concurrentBatchesGetSequentialAnswers() throws Exception {
    List<FetchBatch> batches = new ArrayList<>();
    for (ObjectType type : supportedTypes()) {
      batches.add(batch(type, mixedRequests(type)));
      batches.add(batch(type, List.of(mixedRequests(type).get(0))));
    }
    List<List<String>> expected = new ArrayList<>();
    for (FetchBatch b : batches) {
      expected.add(summaries(source().fetch(b)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<List<String>>> tasks = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        FetchBatch b = batches.get(i % batches.size());
        tasks.add(() -> summaries(source().fetch(b)));
      }
      List<Future<List<String>>> futures = pool.invokeAll(tasks);
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get(60, TimeUnit.SECONDS))
            .as("concurrent batch %d", i)
            .isEqualTo(expected.get(i % batches.size()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** No value appears in a message or a {@code toString()} of results, values or errors. */
  @Test
  public final void noValueLeaksIntoMessagesOrToString() {
    List<String> texts = new ArrayList<>();
    for (ObjectType type : supportedTypes()) {
      for (FetchResult r : source().fetch(batch(type, mixedRequests(type)))) {
        texts.add(r.toString());
        if (r instanceof FetchResult.Found f) {
          texts.add(f.value().toString());
        } else if (r instanceof FetchResult.Failed f) {
          texts.add(f.error().getMessage());
          texts.add(f.error().toString());
        }
      }
    }
    texts.add(source().toString());
    assertThat(texts).isNotEmpty().allSatisfy(t -> assertThat(t).doesNotContain(MARKER));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private SecretSource source() {
    if (source == null) {
      throw new IllegalStateException("the source under test was not created");
    }
    return source;
  }

  private void assumeSupports(ObjectType type) {
    assumeTrue(supportedTypes().contains(type), () -> "the source does not read " + type);
  }

  private FetchResult single(ObjectType type, ObjectRequest request) {
    List<FetchResult> r = fetch(type, request);
    return r.get(0);
  }

  private List<FetchResult> fetch(ObjectType type, ObjectRequest... requests) {
    assumeSupports(type);
    List<ObjectRequest> list = List.of(requests);
    List<FetchResult> r = source().fetch(batch(type, list));
    assertThat(r).as("results of %s", list).hasSize(list.size());
    for (int i = 0; i < list.size(); i++) {
      assertThat(r.get(i).request()).isEqualTo(list.get(i));
    }
    return r;
  }

  private FetchBatch batch(ObjectType type, List<ObjectRequest> requests) {
    return new FetchBatch(type, region(), identity(), requests);
  }

  private DescribeRequest describe(String name) {
    return new DescribeRequest(region(), identity(), name);
  }

  private List<ObjectRequest> mixedRequests(ObjectType type) {
    if (type == ObjectType.SECRETS_MANAGER) {
      return List.of(
          ObjectRequest.of(JSON),
          ObjectRequest.of(MISSING_SECRET),
          secret(STAGED, null, "AWSPREVIOUS"),
          ObjectRequest.of(BINARY),
          secret(PLAIN, versionId(1, 1), null),
          secret(PLAIN, versionId(1, 77), null));
    }
    return List.of(
        ObjectRequest.of(LIST),
        ObjectRequest.of(MISSING_PARAM),
        parameter(PARAM, null, "stable"),
        ObjectRequest.of(SECURE),
        parameter(PARAM, "42", null),
        ObjectRequest.of("/contract/many/p07"));
  }

  private static ObjectRequest secret(
      String name, @Nullable String versionId, @Nullable String stage) {
    return new ObjectRequest(name, Optional.ofNullable(versionId), Optional.ofNullable(stage));
  }

  private static ObjectRequest parameter(
      String name, @Nullable String version, @Nullable String label) {
    return new ObjectRequest(name, Optional.ofNullable(version), Optional.ofNullable(label));
  }

  private static SecretValue found(FetchResult r) {
    assertThat(r).as("result for %s", r.request().name()).isInstanceOf(FetchResult.Found.class);
    return ((FetchResult.Found) r).value();
  }

  private static void assertFound(FetchResult r, String name, String version, String value) {
    SecretValue v = found(r);
    assertThat(v.name()).as("name of %s", name).isEqualTo(name);
    assertThat(v.version()).as("version of %s", name).isEqualTo(version);
    assertThat(new String(v.contents(), UTF_8)).as("value of %s", name).isEqualTo(value);
    assertThat(v.binary()).as("binary flag of %s", name).isFalse();
  }

  private static void assertNotFound(FetchResult r, String name) {
    assertThat(r).as("result for %s", name).isInstanceOf(FetchResult.Failed.class);
    AscpException e = ((FetchResult.Failed) r).error();
    assertThat(e.code())
        .as("error code for %s: %s", name, e.getMessage())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage()).contains(name).doesNotContain(MARKER);
  }

  private static List<String> summaries(List<FetchResult> results) {
    List<String> out = new ArrayList<>();
    for (FetchResult r : results) {
      if (r instanceof FetchResult.Found f) {
        SecretValue v = f.value();
        out.add(
            "found "
                + v.name()
                + " "
                + v.version()
                + " "
                + v.binary()
                + " "
                + sha256(v.contents()));
      } else if (r instanceof FetchResult.Failed f) {
        out.add("failed " + f.error().code() + " " + f.error().getMessage());
      }
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
