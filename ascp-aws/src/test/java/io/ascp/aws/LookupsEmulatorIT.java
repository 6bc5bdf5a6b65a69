// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static io.ascp.aws.Emulated.EAST;
import static io.ascp.aws.Emulated.error;
import static io.ascp.aws.Emulated.parameters;
import static io.ascp.aws.Emulated.request;
import static io.ascp.aws.Emulated.secrets;
import static io.ascp.aws.Emulated.text;
import static io.ascp.aws.Emulated.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.core.SecretMounter;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.FakeParameterStore;
import io.ascp.testkit.FakeSecretsManager;
import io.ascp.testkit.RecordedCall;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lookups through the real SDK against the testkit's emulator (moto 5.2.1 does not implement them
 * faithfully, DESIGN §6.10): Secrets Manager secrets by name, full ARN and partial ARN, with and
 * without {@code BatchGetSecretValue}; Parameter Store parameters by name and ARN with {@code
 * :version} and {@code :label} selectors, batches of 10, and the reference's text for missing ones.
 */
class LookupsEmulatorIT {
  @RegisterExtension static final AwsEmulatorExtension AWS = new AwsEmulatorExtension();

  static final CallerIdentity ME = CallerIdentity.defaultChain();

  final List<AwsSources> opened = new ArrayList<>();
  FakeAws aws;
  FakeSecretsManager sm;
  FakeParameterStore ps;

  @BeforeEach
  void seed() {
    aws = AWS.aws();
    sm = aws.secretsManager(EAST);
    ps = aws.parameterStore(EAST);
  }

  @AfterEach
  void close() {
    opened.forEach(AwsSources::close);
  }

  AwsSources sources(boolean batchMode) {
    AwsSources s = Emulated.sources(AWS.emulator(), b -> b.batchGetSecretValue(batchMode));
    opened.add(s);
    return s;
  }

  /** The ARN without the {@code -} and six characters Secrets Manager appends. */
  static String partial(String arn) {
    return arn.substring(0, arn.length() - 7);
  }

  @Test
  void aSecretIsFoundByNameFullArnAndPartialArn() {
    String arn = sm.createSecret("app/db", "pw-1");
    String current = sm.describeSecret("app/db").versionWithStage("AWSCURRENT").orElseThrow();
    assertThat(arn).startsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-");

    List<FetchResult> r =
        sources(false).secretsManager().fetch(secrets(EAST, ME, "app/db", arn, partial(arn)));

    for (FetchResult x : r) {
      assertThat(text(x)).isEqualTo("pw-1");
      assertThat(value(x).version()).isEqualTo(current);
      assertThat(value(x).name()).isEqualTo("app/db");
    }
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE))
        .extracting(RecordedCall::objects)
        .containsExactlyInAnyOrder(List.of("app/db"), List.of(arn), List.of(partial(arn)));
  }

  @Test
  void aPinnedVersionOrStageIsReadThroughAnArnToo() {
    String arn = sm.createSecret("app/db", "pw-1");
    String v1 = sm.describeSecret("app/db").versionWithStage("AWSCURRENT").orElseThrow();
    String v2 = sm.putSecretValue("app/db", "pw-2");

    List<FetchResult> r =
        sources(false)
            .secretsManager()
            .fetch(
                secrets(
                    EAST,
                    ME,
                    List.of(
                        request(arn, v1, null),
                        request(partial(arn), null, "AWSPREVIOUS"),
                        request(arn, null, "AWSCURRENT"))));

    assertThat(text(r.get(0))).isEqualTo("pw-1");
    assertThat(text(r.get(1))).isEqualTo("pw-1");
    assertThat(value(r.get(1)).version()).isEqualTo(v1);
    assertThat(text(r.get(2))).isEqualTo("pw-2");
    assertThat(value(r.get(2)).version()).isEqualTo(v2);
  }

  @Test
  void batchModeAnswersNamesFullArnsAndPartialArnsWithOneCall() {
    String a = sm.createSecret("team/a", "va");
    String b = sm.createSecret("team/b", "vb");
    sm.createSecret("team/c", "vc");

    List<FetchResult> r =
        sources(true).secretsManager().fetch(secrets(EAST, ME, a, partial(b), "team/c"));

    assertThat(r).extracting(Emulated::text).containsExactly("va", "vb", "vc");
    assertThat(r).extracting(x -> value(x).name()).containsExactly("team/a", "team/b", "team/c");
    assertThat(aws.calls(AwsOperation.BATCH_GET_SECRET_VALUE))
        .singleElement()
        .extracting(RecordedCall::objects)
        .isEqualTo(List.of(a, partial(b), "team/c"));
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE)).isEmpty();
  }

  @Test
  void batchModeAnswersOneSecretAskedUnderThreeIdsWithoutExtraCalls() {
    String arn = sm.createSecret("app/db", "pw-1");

    List<FetchResult> r =
        sources(true).secretsManager().fetch(secrets(EAST, ME, arn, partial(arn), "app/db"));

    assertThat(r).extracting(Emulated::text).containsExactly("pw-1", "pw-1", "pw-1");
    assertThat(aws.calls(AwsOperation.BATCH_GET_SECRET_VALUE)).hasSize(1);
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE)).isEmpty();
  }

  @Test
  void batchModeReadsPinnedVersionsAndMissingSecretsOneByOne() {
    sm.createSecret("app/a", "a-1");
    String v1 = sm.describeSecret("app/a").versionWithStage("AWSCURRENT").orElseThrow();
    sm.putSecretValue("app/a", "a-2");

    List<FetchResult> r =
        sources(true)
            .secretsManager()
            .fetch(
                secrets(
                    EAST,
                    ME,
                    List.of(
                        ObjectRequest.of("app/a"),
                        request("app/a", v1, null),
                        ObjectRequest.of("app/missing"))));

    assertThat(text(r.get(0))).isEqualTo("a-2");
    assertThat(text(r.get(1))).isEqualTo("a-1");
    assertThat(error(r.get(2)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error(r.get(2)).getMessage())
        .startsWith(
            "us-east-1: Failed fetching secret app/missing: ResourceNotFoundException: Secrets"
                + " Manager can't find the specified secret.");
    // The batch call answers app/a; the pinned version and the missing secret (an error entry of
    // the batch) are read with GetSecretValue, so their messages are those of the normal mode.
    assertThat(aws.calls(AwsOperation.BATCH_GET_SECRET_VALUE))
        .singleElement()
        .extracting(RecordedCall::objects)
        .isEqualTo(List.of("app/a", "app/missing"));
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE))
        .extracting(RecordedCall::objects)
        .containsExactlyInAnyOrder(List.of("app/a"), List.of("app/missing"));
  }

  @Test
  void aParameterIsFoundByNameAndArnWithVersionAndLabelSelectors() {
    ps.putParameter("/app/url", "u-1");
    ps.putParameter("/app/url", "u-2");
    ps.putParameter("/app/url", "u-3");
    ps.labelParameterVersion("/app/url", 1, "stable");
    String arn = ps.arn("/app/url");
    assertThat(arn).isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/app/url");

    List<FetchResult> r =
        sources(false)
            .parameterStore()
            .fetch(
                parameters(
                    EAST,
                    ME,
                    List.of(
                        ObjectRequest.of("/app/url"),
                        request("/app/url", "2", null),
                        request("/app/url", null, "stable"),
                        ObjectRequest.of(arn),
                        request(arn, "2", null),
                        request(arn, null, "stable"))));

    assertThat(r)
        .extracting(Emulated::text)
        .containsExactly("u-3", "u-2", "u-1", "u-3", "u-2", "u-1");
    assertThat(r).extracting(x -> value(x).version()).containsExactly("3", "2", "1", "3", "2", "1");
    assertThat(r).allSatisfy(x -> assertThat(value(x).name()).isEqualTo("/app/url"));
    // One parameter under six selectors: each goes into a call of its own, so that every returned
    // parameter can be matched back by its name alone.
    assertThat(aws.calls(AwsOperation.GET_PARAMETERS))
        .extracting(RecordedCall::objects)
        .containsExactlyInAnyOrder(
            List.of("/app/url"),
            List.of("/app/url:2"),
            List.of("/app/url:stable"),
            List.of(arn),
            List.of(arn + ":2"),
            List.of(arn + ":stable"));
  }

  @Test
  void aTopLevelParameterIsFoundByItsArn() {
    ps.putParameter("plain", "p-1");
    String arn = ps.arn("plain");
    assertThat(arn).endsWith(":parameter/plain");

    List<FetchResult> r =
        sources(false).parameterStore().fetch(parameters(EAST, ME, "plain", arn + ":1"));

    assertThat(r).extracting(Emulated::text).containsExactly("p-1", "p-1");
  }

  @Test
  void twentyFiveParametersTakeThreeCallsOfAtMostTenNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String name = String.format("/many/p%02d", 24 - i);
      ps.putParameter(name, "v" + (24 - i));
      names.add(name);
    }

    List<FetchResult> r =
        sources(false).parameterStore().fetch(parameters(EAST, ME, names.toArray(String[]::new)));

    for (int i = 0; i < 25; i++) {
      assertThat(text(r.get(i))).isEqualTo("v" + (24 - i));
    }
    assertThat(aws.calls(AwsOperation.GET_PARAMETERS))
        .extracting(RecordedCall::objects)
        .containsExactlyInAnyOrder(
            names.subList(0, 10), names.subList(10, 20), names.subList(20, 25));
  }

  @Test
  void missingParametersVersionsAndLabelsFailWithTheReferenceTextAndTheRestIsRead() {
    ps.putParameter("/app/url", "u-1");
    ps.putSecureString("/app/token", "t-1");

    List<FetchResult> r =
        sources(false)
            .parameterStore()
            .fetch(
                parameters(
                    EAST,
                    ME,
                    List.of(
                        ObjectRequest.of("/app/nope"),
                        ObjectRequest.of("/app/url"),
                        request("/app/url", "9", null),
                        request("/app/url", null, "nolabel"),
                        ObjectRequest.of("/app/nope"),
                        ObjectRequest.of("/app/token"))));

    String expected = "400: us-east-1: invalid parameters: /app/nope, /app/url:9, /app/url:nolabel";
    for (int i : new int[] {0, 2, 3, 4}) {
      assertThat(error(r.get(i)).code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(error(r.get(i)).getMessage()).isEqualTo(expected);
    }
    assertThat(text(r.get(1))).isEqualTo("u-1");
    assertThat(text(r.get(5))).isEqualTo("t-1");
  }

  @Test
  void aMountReadsSecretsAndParametersNamedByArn() {
    String secretArn = sm.createSecret("app/db", "{\"password\":\"pw-1\"}");
    ps.putParameter("/app/url", "u-1");
    ps.putParameter("/app/url", "u-2");
    String parameterArn = ps.arn("/app/url");

    AwsSources sources = sources(false);
    try (SecretMounter mounter = Emulated.mounter(sources)) {
      MountResult result =
          mounter.mount(
              MountRequest.of(
                  Emulated.mountParameters(
                      EAST,
                      null,
                      """
                      - objectName: "%s"
                        objectAlias: db
                        jmesPath:
                          - path: password
                            objectAlias: password
                      - objectName: "%s"
                        objectAlias: db-partial
                      - objectName: "%s"
                        objectAlias: url-v1
                        objectVersion: "1"
                      - objectName: "%s"
                        objectAlias: url
                      """
                          .formatted(secretArn, partial(secretArn), parameterArn, parameterArn)),
                  ME));
      assertThat(Emulated.file(result, "password")).isEqualTo("pw-1");
      assertThat(Emulated.file(result, "db-partial")).isEqualTo("{\"password\":\"pw-1\"}");
      assertThat(Emulated.file(result, "url-v1")).isEqualTo("u-1");
      assertThat(Emulated.file(result, "url")).isEqualTo("u-2");
      assertThat(Emulated.version(result, "url")).isEqualTo("2");
    }
  }
}
