// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.junit;

import static java.util.Objects.requireNonNull;

import io.ascp.testkit.AwsEmulator;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.FakeTicker;
import java.net.URI;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts an {@link AwsEmulator} for a test class, resets its {@link
 * FakeAws} before each test, and injects {@link AwsEmulator}, {@link FakeAws} and (when the store
 * runs on one) {@link FakeTicker} parameters.
 *
 * <p>Declaratively, with a fresh store:
 *
 * <pre>{@code
 * @ExtendWith(AwsEmulatorExtension.class)
 * class MyAwsTest {
 *   @Test
 *   void readsSecret(AwsEmulator emulator, FakeAws aws) {
 *     aws.secretsManager("us-east-1").createSecret("app/db", "pw-1");
 *     // ... point an SDK client at emulator.endpoint()
 *   }
 * }
 * }</pre>
 *
 * <p>Programmatically, to choose the store (a {@link FakeTicker}, an account) or keep its state
 * across tests:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final AwsEmulatorExtension AWS =
 *     AwsEmulatorExtension.builder().fakeAws(FakeAws.builder().ticker(TICKER).build()).build();
 * }</pre>
 *
 * <p>Registered on a static field or with {@code @ExtendWith}, one emulator serves the whole class
 * (nested classes included) and is closed after it; registered on an instance field, one emulator
 * serves each test. The reset runs before the test's own {@code @BeforeEach} methods, so seed there
 * (or turn resetting off).
 */
public final class AwsEmulatorExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private final Supplier<FakeAws> stores;
  private final boolean resetBetweenTests;
  private @Nullable AwsEmulator emulator;
  private int classDepth;
  private boolean startedForTest;

  /** An extension over a fresh {@link FakeAws#create()} store, reset before each test. */
  public AwsEmulatorExtension() {
    this(FakeAws::create, true);
  }

  private AwsEmulatorExtension(Supplier<FakeAws> stores, boolean resetBetweenTests) {
    this.stores = stores;
    this.resetBetweenTests = resetBetweenTests;
  }

  /** A builder of the extension. */
  public static Builder builder() {
    return new Builder();
  }

  /** The running emulator. */
  public AwsEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the AWS emulator is not running outside a test");
    }
    return emulator;
  }

  /** The store the running emulator serves. */
  public FakeAws aws() {
    return emulator().aws();
  }

  /** The running emulator's endpoint. */
  public URI endpoint() {
    return emulator().endpoint();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (classDepth++ == 0) {
      emulator = AwsEmulator.start(stores.get());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--classDepth == 0) {
      stop();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (emulator == null) {
      emulator = AwsEmulator.start(stores.get());
      startedForTest = true;
    } else if (resetBetweenTests) {
      emulator.aws().reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (startedForTest) {
      startedForTest = false;
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == AwsEmulator.class
        || type == FakeAws.class
        || (type == FakeTicker.class && emulator != null && emulator.aws().ticker().isPresent());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == AwsEmulator.class) {
      return emulator();
    }
    if (type == FakeAws.class) {
      return aws();
    }
    return aws().ticker().orElseThrow();
  }

  private void stop() {
    AwsEmulator e = emulator;
    emulator = null;
    if (e != null) {
      e.close();
    }
  }

  /** A builder of {@link AwsEmulatorExtension}. */
  public static final class Builder {
    private Supplier<FakeAws> stores = FakeAws::create;
    private boolean resetBetweenTests = true;

    private Builder() {}

    /**
     * Serves {@code aws} (reset before each test unless {@link #resetBetweenTests(boolean)} turns
     * that off).
     */
    public Builder fakeAws(FakeAws aws) {
      requireNonNull(aws, "aws");
      this.stores = () -> aws;
      return this;
    }

    /** Whether the store is reset before each test ({@code true} by default). */
    public Builder resetBetweenTests(boolean reset) {
      this.resetBetweenTests = reset;
      return this;
    }

    /** Builds the extension. */
    public AwsEmulatorExtension build() {
      return new AwsEmulatorExtension(stores, resetBetweenTests);
    }
  }
}
