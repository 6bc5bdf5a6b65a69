// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

/**
 * A place in the {@code objects} text, 1-based, as error messages show it instead of the text
 * itself.
 *
 * @param line the line, from 1
 * @param column the column, from 1
 */
record Position(int line, int column) {
  static final Position START = new Position(1, 1);

  @Override
  public String toString() {
    return "line " + line + ", column " + column;
  }
}
