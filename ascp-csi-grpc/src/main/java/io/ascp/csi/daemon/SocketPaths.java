// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** The provider socket's path and mode rules. */
final class SocketPaths {
  /** The socket's file name: the driver looks for {@code <provider>.sock}, provider {@code aws}. */
  static final String SOCKET_NAME = "aws.sock";

  /** The longest path a Unix socket address can hold: {@code sun_path} is 108 bytes with a NUL. */
  static final int MAX_PATH_BYTES = 107;

  private SocketPaths() {}

  /** {@code <providerVolume>/aws.sock}, by plain concatenation as the reference does. */
  static String socketPath(String providerVolume) {
    return providerVolume + "/" + SOCKET_NAME;
  }

  /**
   * Checks that {@code path} fits in a Unix socket address.
   *
   * @throws IllegalArgumentException with a message that says what to do
   */
  static void checkLength(String path) {
    int bytes = path.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PATH_BYTES) {
      throw new IllegalArgumentException(
          "the socket path "
              + path
              + " is "
              + bytes
              + " bytes long, but a Unix socket path can have at most "
              + MAX_PATH_BYTES
              + " bytes; choose a shorter --provider-volume");
    }
  }

  /** The permissions of a mode such as 0600 (only the permission bits 0777 count). */
  static Set<PosixFilePermission> permissions(int mode) {
    if (mode < 0 || mode > 0777) {
      throw new IllegalArgumentException(
          "socket mode must be within 0 and 0777, got 0" + Integer.toOctalString(mode));
    }
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        permissions.add(bits[i]);
      }
    }
    return permissions;
  }
}
