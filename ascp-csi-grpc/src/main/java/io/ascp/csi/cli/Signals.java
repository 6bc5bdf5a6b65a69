// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * SIGTERM and SIGINT handlers, so that the daemon drains and exits with status 0 as the reference
 * does (a JVM shutdown hook alone would exit with 143). Uses {@code sun.misc.Signal} through
 * reflection: it is in {@code jdk.unsupported}, which every JDK ships, and compiling against it
 * directly would warn.
 */
final class Signals {
  private Signals() {}

  /**
   * Runs {@code handler} on the JVM's signal thread when signal {@code name} ({@code TERM}, {@code
   * INT}) arrives; returns false when the handler cannot be installed (then the JVM's default
   * applies and the shutdown hook drains).
   */
  static boolean handle(String name, Runnable handler) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance(name);
      Object proxy =
          Proxy.newProxyInstance(
              handlerClass.getClassLoader(),
              new Class<?>[] {handlerClass},
              (self, method, args) -> {
                switch (method.getName()) {
                  case "handle" -> {
                    handler.run();
                    return null;
                  }
                  case "hashCode" -> {
                    return System.identityHashCode(self);
                  }
                  case "equals" -> {
                    return args != null && args.length == 1 && self == args[0];
                  }
                  default -> {
                    return "SignalHandler[" + name + "]";
                  }
                }
              });
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      handle.invoke(null, signal, proxy);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Go's name of a signal, as the reference logs it ({@code received signal:terminated …}). */
  static String goName(String name) {
    return switch (name) {
      case "TERM" -> "terminated";
      case "INT" -> "interrupt";
      default -> name;
    };
  }
}
