// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

/**
 * One file a mount will produce.
 *
 * @param objectIndex the index of the owning object in the parameters' object list
 * @param jmesIndex the index of the JMESPath entry whose value fills the file, or -1 for the main
 *     file
 * @param path the relative file path (also the object-version id)
 * @param mode the permission bits, 0 to 0777
 */
record FileSlot(int objectIndex, int jmesIndex, String path, int mode) {}
