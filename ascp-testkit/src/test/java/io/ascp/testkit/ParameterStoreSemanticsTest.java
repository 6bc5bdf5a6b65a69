// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parameter Store's rules, on the store's state. */
class ParameterStoreSemanticsTest {
  private final FakeAws aws = FakeAws.create();
  private final FakeParameterStore ps = aws.parameterStore("us-east-1");

  private ParameterStoreState state() {
    return aws.parameterState("us-east-1");
  }

  private ParameterStoreState.GetParametersResult get(boolean decrypt, String... names) {
    return aws.locked(now -> state().getParameters(Access.ALLOW_ALL, now, List.of(names), decrypt));
  }

  private ParameterStoreState.PutResult put(
      String name,
      String value,
      Optional<ParameterType> type,
      boolean overwrite,
      Optional<String> tier) {
    return aws.locked(
        now ->
            state()
                .putParameter(
                    Access.ALLOW_ALL,
                    now,
                    name,
                    Optional.of(value),
                    type,
                    overwrite,
                    tier,
                    Optional.empty()));
  }

  private static String code(Runnable r) {
    try {
      r.run();
    } catch (AwsException e) {
      return e.error().code();
    }
    throw new AssertionError("expected an AWS error");
  }

  @Test
  void versionsIncrementAndSelectorsPickThem() {
    assertThat(ps.putParameter("/app/p", "one")).isEqualTo(1);
    assertThat(ps.putParameter("/app/p", "two")).isEqualTo(2);
    assertThat(ps.labelParameterVersion("/app/p", 1, "stable")).isEmpty();
    ParameterStoreState.GetParametersResult r =
        get(true, "/app/p", "/app/p:1", "/app/p:stable", "/app/p:2");
    assertThat(r.invalidParameters()).isEmpty();
    // Alphabetical order of the requested names, with the selector of each selected value.
    assertThat(r.parameters())
        .extracting(p -> p.name() + p.selector().orElse("") + "=" + p.value() + "@" + p.version())
        .containsExactly("/app/p=two@2", "/app/p:1=one@1", "/app/p:2=two@2", "/app/p:stable=one@1");
  }

  @Test
  void unknownNamesVersionsAndLabelsAreInvalidParametersNotErrors() {
    ps.putParameter("/app/p", "one");
    ParameterStoreState.GetParametersResult r =
        get(true, "/app/p:9", "/app/p:nolabel", "/missing", "/app/p", "/app/p:", "a:b:c");
    assertThat(r.parameters())
        .extracting(ParameterStoreState.ParameterView::name)
        .containsExactly("/app/p");
    assertThat(r.invalidParameters())
        .containsExactly("/app/p:9", "/app/p:nolabel", "/missing", "/app/p:", "a:b:c");
  }

  @Test
  void identicalNamesAreAnsweredOnce() {
    ps.putParameter("/app/p", "one");
    assertThat(get(true, "/app/p", "/app/p").parameters()).hasSize(1);
  }

  @Test
  void atMostTenNamesPerCall() {
    String[] eleven = new String[11];
    for (int i = 0; i < eleven.length; i++) {
      eleven[i] = "/n" + i;
    }
    assertThat(code(() -> get(true, eleven))).isEqualTo("ValidationException");
    assertThat(get(true, java.util.Arrays.copyOf(eleven, 10)).invalidParameters()).hasSize(10);
    assertThat(code(() -> get(true))).isEqualTo("ValidationException");
  }

  @Test
  void arnsFindParametersWithAndWithoutHierarchy() {
    ps.putParameter("/app/p", "nested");
    ps.putParameter("root", "bare");
    ps.putParameter("/slashed", "slashed");
    String arn = ps.arn("/app/p");
    assertThat(arn).isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/app/p");
    assertThat(ps.arn("root")).isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/root");
    ParameterStoreState.GetParametersResult r =
        get(
            true,
            arn,
            arn + ":1",
            "arn:aws:ssm:us-east-1:123456789012:parameter/root",
            "arn:aws:ssm:us-east-1:123456789012:parameter/slashed",
            "arn:aws:ssm:us-west-2:123456789012:parameter/app/p",
            "arn:aws:ssm:us-east-1:999999999999:parameter/app/p");
    assertThat(r.parameters())
        .extracting(p -> p.name() + "|" + p.arn() + "|" + p.selector().orElse("-"))
        .containsExactlyInAnyOrder(
            "/app/p|" + arn + "|-",
            "/app/p|" + arn + "|:1",
            "root|arn:aws:ssm:us-east-1:123456789012:parameter/root|-",
            "/slashed|arn:aws:ssm:us-east-1:123456789012:parameter/slashed|-");
    assertThat(r.invalidParameters()).hasSize(2);
  }

  @Test
  void secureStringsAreCiphertextUnlessDecrypted() {
    ps.putSecureString("/app/s", "hunter2");
    String cipher = get(false, "/app/s").parameters().get(0).value();
    assertThat(cipher).doesNotContain("hunter2").startsWith("AQICAH");
    assertThat(get(true, "/app/s").parameters().get(0).value()).isEqualTo("hunter2");
    ps.putStringList("/app/l", List.of("a", "b"));
    assertThat(get(false, "/app/l").parameters().get(0).value()).isEqualTo("a,b");
  }

  @Test
  void overwriteIsRequiredThroughTheApi() {
    put("/p", "one", Optional.of(ParameterType.STRING), false, Optional.empty());
    assertThat(code(() -> put("/p", "two", Optional.empty(), false, Optional.empty())))
        .isEqualTo("ParameterAlreadyExists");
    assertThat(put("/p", "two", Optional.empty(), true, Optional.empty()).version()).isEqualTo(2);
    assertThat(code(() -> put("/new", "x", Optional.empty(), false, Optional.empty())))
        .isEqualTo("ValidationException");
  }

  @Test
  void tiersBoundTheValueSize() {
    String k4 = "x".repeat(4096);
    String k4plus = "x".repeat(4097);
    String k8plus = "x".repeat(8193);
    assertThat(ps.putParameter("/std", k4)).isEqualTo(1);
    assertThat(code(() -> ps.putParameter("/std", k4plus))).isEqualTo("ValidationException");
    ps.putParameter("/adv", ParameterType.STRING, k4plus, ParameterTier.ADVANCED);
    assertThat(
            code(
                () ->
                    ps.putParameter("/adv", ParameterType.STRING, k8plus, ParameterTier.ADVANCED)))
        .isEqualTo("ValidationException");
    // An advanced parameter stays advanced and cannot be downgraded.
    assertThat(put("/adv", "small", Optional.empty(), true, Optional.empty()).tier())
        .isEqualTo(ParameterTier.ADVANCED);
    assertThat(code(() -> put("/adv", "small", Optional.empty(), true, Optional.of("Standard"))))
        .isEqualTo("ValidationException");
    assertThat(
            put(
                    "/it",
                    k4plus,
                    Optional.of(ParameterType.STRING),
                    false,
                    Optional.of("Intelligent-Tiering"))
                .tier())
        .isEqualTo(ParameterTier.ADVANCED);
    assertThat(code(() -> ps.putParameter("/empty", ""))).isEqualTo("ValidationException");
  }

  @Test
  void namesAreValidated() {
    for (String bad :
        List.of(
            "aws-x",
            "/aws/x",
            "SSM",
            "a/b",
            "/a//b",
            "/a/",
            "has space",
            "/a:b",
            "arn:aws:ssm:us-east-1:123456789012:parameter/x")) {
      assertThat(code(() -> ps.putParameter(bad, "v"))).as(bad).isEqualTo("ValidationException");
    }
    assertThat(code(() -> ps.putParameter("/" + "a/".repeat(15) + "b", "v")))
        .isEqualTo("HierarchyLevelLimitExceededException");
    ps.putParameter("/" + "a/".repeat(14) + "b", "v");
    ps.putParameter("plain_name.with-dots", "v");
  }

  @Test
  void labelsMoveBetweenVersionsAndInvalidOnesAreReturned() {
    ps.putParameter("/p", "one");
    ps.putParameter("/p", "two");
    assertThat(ps.labelParameterVersion("/p", 1, "l", "1bad", "awsx", "ssm-y", "ok.v_1-2"))
        .containsExactly("1bad", "awsx", "ssm-y");
    ps.labelParameterVersion("/p", 2, "l");
    assertThat(get(true, "/p:l").parameters().get(0).version()).isEqualTo(2);
    assertThat(get(true, "/p:ok.v_1-2").parameters().get(0).version()).isEqualTo(1);
    assertThat(code(() -> ps.labelParameterVersion("/p", 3, "x")))
        .isEqualTo("ParameterVersionNotFound");
    assertThat(code(() -> ps.labelParameterVersion("/nope", 1, "x")))
        .isEqualTo("ParameterNotFound");
    ps.labelParameterVersion("/p", 1, "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9");
    assertThat(code(() -> ps.labelParameterVersion("/p", 1, "a10")))
        .isEqualTo("ParameterVersionLabelLimitExceeded");
  }

  @Test
  void aHundredVersionsAtMostAndALabelledOldestBlocksMore() {
    for (int i = 1; i <= 100; i++) {
      ps.putParameter("/p", "v" + i);
    }
    ps.labelParameterVersion("/p", 1, "keep");
    assertThat(code(() -> ps.putParameter("/p", "v101")))
        .isEqualTo("ParameterMaxVersionLimitExceeded");
    ps.labelParameterVersion("/p", 2, "keep");
    assertThat(ps.putParameter("/p", "v101")).isEqualTo(101);
    assertThat(get(true, "/p:1").invalidParameters()).containsExactly("/p:1");
    assertThat(
            ps.getParameter("/p:keep").map(v -> new String(v.contents(), StandardCharsets.UTF_8)))
        .contains("v2");
  }

  @Test
  void getParameterAndDelete() {
    ps.putParameter("/p", "one");
    String value =
        aws.locked(now -> state().getParameter(Access.ALLOW_ALL, now, "/p:1", true).value());
    assertThat(value).isEqualTo("one");
    assertThat(
            code(
                () -> aws.locked(now -> state().getParameter(Access.ALLOW_ALL, now, "/p:7", true))))
        .isEqualTo("ParameterVersionNotFound");
    assertThat(
            code(() -> aws.locked(now -> state().getParameter(Access.ALLOW_ALL, now, "/q", true))))
        .isEqualTo("ParameterNotFound");
    ps.deleteParameter("/p");
    assertThat(ps.getParameter("/p")).isEmpty();
    assertThat(code(() -> ps.deleteParameter("/p"))).isEqualTo("ParameterNotFound");
  }
}
