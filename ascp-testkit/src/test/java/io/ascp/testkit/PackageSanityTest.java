// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectVersion;
import io.ascp.testkit.assertions.AscpAssertions;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every public method and constructor of the exported API rejects {@code null} for each of its
 * reference parameters with a {@link NullPointerException} (nothing in the API accepts null, except
 * {@code AscpAssertions.assertThat}, which, as AssertJ's, fails on the first check instead).
 */
class PackageSanityTest {
  private static final Map<Class<?>, Object> SAMPLES = new HashMap<>();

  static {
    SAMPLES.put(String.class, "us-east-1");
    SAMPLES.put(Duration.class, Duration.ofSeconds(1));
    SAMPLES.put(Instant.class, Instant.EPOCH);
    SAMPLES.put(AwsService.class, AwsService.SECRETS_MANAGER);
    SAMPLES.put(AwsOperation.class, AwsOperation.GET_SECRET_VALUE);
    SAMPLES.put(AwsError.class, AwsError.throttling());
    SAMPLES.put(AwsFault.class, AwsFault.error(AwsError.throttling()).build());
    SAMPLES.put(ParameterType.class, ParameterType.STRING);
    SAMPLES.put(ParameterTier.class, ParameterTier.STANDARD);
    SAMPLES.put(SecretInput.class, SecretInput.string("v"));
    SAMPLES.put(FakeTicker.class, FakeTicker.create());
    SAMPLES.put(FakeAws.class, FakeAws.create());
    SAMPLES.put(byte[].class, new byte[] {1});
    SAMPLES.put(String[].class, new String[] {"x"});
    SAMPLES.put(List.class, List.of());
    SAMPLES.put(Map.class, Map.of());
    SAMPLES.put(Optional.class, Optional.empty());
    SAMPLES.put(OptionalInt.class, OptionalInt.empty());
    SAMPLES.put(Function.class, (Function<CallerIdentity, String>) id -> "p");
  }

  @Test
  void everyPublicMethodRejectsNull() throws Exception {
    FakeAws aws = FakeAws.create();
    List<Object> receivers =
        List.of(
            aws,
            aws.secretsManager("us-east-1"),
            aws.parameterStore("us-east-1"),
            aws.iam(),
            FakeTicker.create(),
            AwsFault.error(AwsError.throttling()),
            FakeAws.builder(),
            AwsEmulator.builder(),
            AwsEmulatorExtension.builder(),
            SecretInput.string("v"),
            ContractFixture.standard(),
            AscpAssertions.assertThat(
                new MountResult(
                    List.of(new MountedFile("f", 0600, new byte[] {1})),
                    List.of(new ObjectVersion("f", "1")))),
            AscpAssertions.assertThat(new MountedFile("f", 0600, new byte[] {1})),
            AscpAssertions.assertThat(aws),
            AscpAssertions.assertThat(aws).calls());
    List<Class<?>> staticsOf =
        List.of(
            FakeAws.class,
            AwsEmulator.class,
            AwsError.class,
            AwsFault.class,
            AwsOperation.class,
            FakeTicker.class,
            FakeTokens.class,
            SecretInput.class,
            ParameterType.class,
            ParameterTier.class,
            RecordedCall.class,
            ContractFixture.class);
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Object receiver : receivers) {
      for (Method m : receiver.getClass().getMethods()) {
        if (!Modifier.isStatic(m.getModifiers()) && isApi(m)) {
          check(receiver, m, checked, failures);
        }
      }
    }
    for (Class<?> type : staticsOf) {
      for (Method m : type.getMethods()) {
        if (Modifier.isStatic(m.getModifiers()) && isApi(m)) {
          check(null, m, checked, failures);
        }
      }
      for (var c : type.getConstructors()) {
        check(null, c, checked, failures);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked)
        .hasSizeGreaterThan(60)
        .contains(
            "MountResultAssert.hasFile#0",
            "MountResultAssert.hasExactlyFiles#0",
            "MountResultAssert.hasVersion#1",
            "MountedFileAssert.hasContent#0",
            "RecordedCallsAssert.hasCount#0",
            "RecordedCallsAssert.allHaveUserAgentContaining#0");
  }

  private static boolean isApi(Method m) {
    return m.getDeclaringClass().getPackageName().startsWith("io.ascp.testkit")
        && !m.getName().equals("equals")
        && !m.isSynthetic();
  }

  private static void check(
      @Nullable Object receiver, Executable e, List<String> checked, List<String> failures)
      throws IllegalAccessException, InstantiationException {
    Parameter[] params = e.getParameters();
    Object[] args = new Object[params.length];
    for (int i = 0; i < params.length; i++) {
      Class<?> t = params[i].getType();
      if (t.isPrimitive()) {
        args[i] = t == boolean.class ? (Object) false : t == long.class ? (Object) 1L : (Object) 1;
      } else if (!SAMPLES.containsKey(t)) {
        return; // a type without a sample value: not checked here
      } else {
        args[i] = SAMPLES.get(t);
      }
    }
    for (int i = 0; i < params.length; i++) {
      if (params[i].getType().isPrimitive()) {
        continue;
      }
      Object[] withNull = args.clone();
      withNull[i] = null;
      String name = e.getDeclaringClass().getSimpleName() + "." + e.getName() + "#" + i;
      checked.add(name);
      try {
        if (e instanceof Method m) {
          m.invoke(receiver, withNull);
        } else {
          ((java.lang.reflect.Constructor<?>) e).newInstance(withNull);
        }
        failures.add(name + " accepted null");
      } catch (InvocationTargetException x) {
        if (!(x.getCause() instanceof NullPointerException)) {
          failures.add(name + " threw " + x.getCause());
        }
      }
    }
  }
}
