// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.spi.ObjectRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SsmPlanTest {

  static ObjectRequest named(String name) {
    return ObjectRequest.of(name);
  }

  static ObjectRequest version(String name, String version) {
    return new ObjectRequest(name, Optional.of(version), Optional.empty());
  }

  static ObjectRequest label(String name, String label) {
    return new ObjectRequest(name, Optional.empty(), Optional.of(label));
  }

  @Test
  void selectorsAppendTheVersionElseTheLabel() {
    assertThat(SsmPlan.selector(named("/app/db"))).isEqualTo("/app/db");
    assertThat(SsmPlan.selector(version("/app/db", "3"))).isEqualTo("/app/db:3");
    assertThat(SsmPlan.selector(label("/app/db", "prod"))).isEqualTo("/app/db:prod");
    assertThat(SsmPlan.selector(new ObjectRequest("p", Optional.of("3"), Optional.of("prod"))))
        .isEqualTo("p:3");
  }

  @Test
  void baseNamesStripTheSelectorButNotTheArnColons() {
    assertThat(SsmPlan.baseName("/app/db:3")).isEqualTo("/app/db");
    assertThat(SsmPlan.baseName("/app/db")).isEqualTo("/app/db");
    assertThat(SsmPlan.baseName("arn:aws:ssm:us-east-1:123456789012:parameter/app/db"))
        .isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/app/db");
    assertThat(SsmPlan.baseName("arn:aws:ssm:us-east-1:123456789012:parameter/app/db:prod"))
        .isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/app/db");
  }

  @Test
  void parameterKeysIdentifyNamesAndArnsAlike() {
    assertThat(SsmPlan.parameterKey("/app/db")).isEqualTo("app/db");
    assertThat(SsmPlan.parameterKey("app/db")).isEqualTo("app/db");
    assertThat(SsmPlan.parameterKey("arn:aws:ssm:us-east-1:123456789012:parameter/app/db"))
        .isEqualTo("app/db");
    assertThat(SsmPlan.parameterKey("arn:aws-cn:ssm:cn-north-1:123456789012:parameter/x"))
        .isEqualTo("x");
  }

  @Test
  void twentyFiveParametersMakeThreeCallsInRequestOrder() {
    List<ObjectRequest> objects = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      objects.add(named("p" + i));
    }
    SsmPlan plan = SsmPlan.of(objects);
    assertThat(plan.calls()).hasSize(3);
    assertThat(plan.calls().get(0).selectors())
        .containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9");
    assertThat(plan.calls().get(2).selectors()).containsExactly("p20", "p21", "p22", "p23", "p24");
    assertThat(plan.callOf(named("p24"))).isEqualTo(2);
  }

  @Test
  void oneParameterWithTwoSelectorsGoesIntoTwoCalls() {
    SsmPlan plan =
        SsmPlan.of(List.of(version("db", "1"), label("db", "prod"), named("other"), named("db")));
    assertThat(plan.calls()).hasSize(3);
    assertThat(plan.calls().get(0).selectors()).containsExactly("db:1", "other");
    assertThat(plan.calls().get(1).selectors()).containsExactly("db:prod");
    assertThat(plan.calls().get(2).selectors()).containsExactly("db");
  }

  @Test
  void aNameAndItsArnNeverShareACall() {
    String arn = "arn:aws:ssm:us-east-1:123456789012:parameter/db";
    SsmPlan plan = SsmPlan.of(List.of(named("/db"), named(arn)));
    assertThat(plan.calls()).hasSize(2);
    assertThat(plan.calls().get(1).selectorFor("db")).contains(arn);
  }

  @Test
  void identicalRequestsAreAskedForOnce() {
    SsmPlan plan = SsmPlan.of(List.of(named("a"), named("a"), label("a", "x"), label("a", "x")));
    assertThat(plan.calls()).hasSize(2);
    assertThat(plan.calls().get(0).selectors()).containsExactly("a");
    assertThat(plan.calls().get(1).selectors()).containsExactly("a:x");
  }

  @Property
  void everyPlanRespectsTheLimitsAndCoversEveryObject(
      @ForAll("objectLists") List<ObjectRequest> objects) {
    SsmPlan plan = SsmPlan.of(objects);
    Set<String> planned = new HashSet<>();
    for (SsmPlan.Call call : plan.calls()) {
      assertThat(call.selectors()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
      Set<String> keys = new HashSet<>();
      for (String s : call.selectors()) {
        assertThat(keys.add(SsmPlan.parameterKey(SsmPlan.baseName(s))))
            .as("one parameter per call: %s", call)
            .isTrue();
        assertThat(planned.add(s)).as("each selector once: %s", s).isTrue();
      }
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (ObjectRequest o : objects) {
      wanted.add(SsmPlan.selector(o));
      assertThat(plan.calls().get(plan.callOf(o)).selectors()).contains(SsmPlan.selector(o));
    }
    assertThat(planned).isEqualTo(wanted);
    // Deterministic: the same input gives the same plan.
    assertThat(SsmPlan.of(objects).calls()).isEqualTo(plan.calls());
  }

  @Provide
  Arbitrary<List<ObjectRequest>> objectLists() {
    Arbitrary<String> names =
        Arbitraries.of("a", "/a", "b", "c/d", "/c/d", "e", "f", "g", "h", "i", "j", "k", "l");
    Arbitrary<Optional<String>> versions = Arbitraries.of("1", "2").optional(0.3);
    Arbitrary<Optional<String>> labels = Arbitraries.of("prod", "dev").optional(0.3);
    Arbitrary<ObjectRequest> objects =
        Combinators.combine(names, versions, labels).as(ObjectRequest::new);
    return objects.list().ofMinSize(1).ofMaxSize(40);
  }
}
