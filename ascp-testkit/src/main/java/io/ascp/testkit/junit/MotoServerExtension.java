// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.junit;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts {@code moto_server} on a free loopback port for a test class,
 * resets it before each test ({@code POST /moto-api/reset}), and injects the {@link MotoServer}.
 * Classes that use it carry {@code Moto} in their name.
 *
 * <pre>{@code
 * @ExtendWith(MotoServerExtension.class)
 * class EmulatorMotoDifferentialIT {
 *   ...
 *   @Test
 *   void theEmulatorAgreesWithMotoExceptWhereMotoDeviatesFromAws(MotoServer moto) {
 *     DifferentialScenario scenario = new DifferentialScenario();
 *     Map<String, String> onMoto = scenario.run(moto.endpoint());
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>When {@code moto_server} cannot be found (see {@link MotoServer#locate()}), the class is
 * skipped with a message that says so on a developer's machine, and fails when the environment
 * variable {@code CI} is {@code true}, so a CI run can never pass by skipping.
 */
public final class MotoServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

  private final Function<String, @Nullable String> env;
  private @Nullable MotoServer server;
  private int classDepth;

  /** The extension, reading {@code CI} and {@code PATH} from the environment. */
  public MotoServerExtension() {
    this(System::getenv);
  }

  MotoServerExtension(Function<String, @Nullable String> env) {
    this.env = env;
  }

  /** The running server. */
  public MotoServer server() {
    if (server == null) {
      throw new IllegalStateException("moto_server is not running outside a test class");
    }
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (classDepth++ > 0) {
      return;
    }
    requireMotoServer(env, context.getDisplayName());
    server = MotoServer.start();
  }

  /**
   * Returns when {@code moto_server} can be found; otherwise aborts the tests of {@code what}, or
   * fails them when {@code CI=true}.
   */
  static void requireMotoServer(Function<String, @Nullable String> env, String what) {
    if (MotoServer.locate(env).isPresent()) {
      return;
    }
    String message =
        "moto_server not found (set "
            + MotoServer.ENV_EXECUTABLE
            + " or put it on the PATH; pip install 'moto[server]==5.2.1'): "
            + what;
    if ("true".equalsIgnoreCase(env.apply("CI"))) {
      throw new IllegalStateException(message + " cannot be skipped when CI=true");
    }
    Assumptions.abort("skipped: " + message);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--classDepth == 0 && server != null) {
      MotoServer s = server;
      server = null;
      s.close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server().reset();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MotoServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server();
  }
}
