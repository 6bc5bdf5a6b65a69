// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

/**
 * The limits ascp-java puts on a mount's parameters, in one place (docs/provider.md lists them).
 * The reference provider has none of them: each turns an input that would exhaust memory, the stack
 * or the CSI driver's 4 MiB response into an {@code INVALID_PARAMETERS} error that names the limit
 * and never quotes the input.
 */
public final class Limits {
  /** The most objects (list entries of {@code objects}) one mount may name. */
  public static final int MAX_OBJECTS = 1000;

  /** The most files one mount may produce: its objects plus all their {@code jmesPath} entries. */
  public static final int MAX_FILES = 10_000;

  /** The longest {@code jmesPath} expression accepted, in UTF-16 characters. */
  public static final int MAX_JMES_PATH_CHARS = 1024;

  /** The largest {@code objects} text accepted, in UTF-16 characters. */
  public static final int MAX_OBJECTS_YAML_CHARS = GoYaml.MAX_CHARS;

  /** The deepest nesting of lists and mappings in {@code objects}, after alias expansion. */
  public static final int MAX_YAML_DEPTH = GoYaml.MAX_DEPTH;

  /** The most aliases ({@code *name}) in {@code objects}. */
  public static final int MAX_YAML_ALIASES = GoYaml.MAX_ALIASES;

  /** The most values {@code objects} may expand to through aliases. */
  public static final int MAX_YAML_NODES = GoYaml.MAX_NODES;

  /** The longest file name (path) a mount may produce, in UTF-8 bytes. */
  public static final int MAX_PATH_BYTES = FileLayout.MAX_PATH_BYTES;

  /** The longest element of a file name, in UTF-8 bytes. */
  public static final int MAX_ELEMENT_BYTES = FileLayout.MAX_ELEMENT_BYTES;

  private Limits() {}
}
