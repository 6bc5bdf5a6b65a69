// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The init step that gives a non-root provider write access to the CSI driver's provider directory,
 * so that it can create {@code aws.sock} there.
 *
 * <p>The driver's directory (a hostPath, by default {@code /var/run/secrets-store-csi-providers})
 * belongs to root with mode 0755. In driver-writes mode the provider runs as a non-root user, so
 * the Helm chart runs this class first, as root with only {@code CAP_CHOWN}: it sets the
 * directory's group to the provider's group and adds the group's read, write and search bits. The
 * owner and the other bits stay, so root-run providers of other backends keep their access, and a
 * stale socket of an earlier root-run provider can be removed by the new one.
 *
 * <p>Usage: {@code java -cp /app/classes io.ascp.deploy.SocketDirectoryInit <directory> <gid>}.
 * Exit status 0 when the directory is ready (also when it already was), 1 when it cannot be
 * prepared, 2 on a usage error. A directory whose group is neither root's nor the given one is
 * refused rather than taken over from whoever set it.
 */
public final class SocketDirectoryInit {
  private static final Set<PosixFilePermission> GROUP_ACCESS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE);

  private SocketDirectoryInit() {}

  /**
   * Prepares the directory named by {@code args[0]} for the group id {@code args[1]} and exits with
   * the status of {@link #run}.
   *
   * @param args the directory and the numeric group id
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Prepares the directory and reports on {@code out} and {@code err}.
   *
   * @param args the directory and the numeric group id (1 or more)
   * @param out where the outcome is reported
   * @param err where errors are reported
   * @return 0 when the directory is ready, 1 when it cannot be prepared, 2 on a usage error
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println("usage: SocketDirectoryInit <directory> <gid>");
      return 2;
    }
    Path directory;
    try {
      directory = Path.of(args[0]);
    } catch (InvalidPathException e) {
      err.println(
          "usage: SocketDirectoryInit <directory> <gid>: the directory is not a valid path");
      return 2;
    }
    int gid;
    try {
      gid = Integer.parseInt(args[1]);
    } catch (NumberFormatException e) {
      gid = -1;
    }
    if (gid <= 0) {
      err.println(
          "usage: SocketDirectoryInit <directory> <gid>: the group must be a positive number, got \""
              + args[1]
              + "\"");
      return 2;
    }
    try {
      return prepare(directory, gid, out, err);
    } catch (IOException | UnsupportedOperationException e) {
      err.println(
          "Cannot prepare the socket directory " + directory + " for group " + gid + ": " + e);
      return 1;
    }
  }

  private static int prepare(Path directory, int gid, PrintStream out, PrintStream err)
      throws IOException {
    if (!Files.isDirectory(directory, NOFOLLOW_LINKS)) {
      err.println(
          "The socket directory "
              + directory
              + " is not a directory (a missing path or a symbolic link): check providerVolume");
      return 1;
    }
    int currentGid = (Integer) Files.getAttribute(directory, "unix:gid", NOFOLLOW_LINKS);
    if (currentGid != gid && currentGid != 0) {
      err.println(
          "The socket directory "
              + directory
              + " belongs to group "
              + currentGid
              + ", not to root or to group "
              + gid
              + "; refusing to take it over (set nonRoot.gid to "
              + currentGid
              + " or prepare the directory yourself)");
      return 1;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory, NOFOLLOW_LINKS);
    if (currentGid == gid && permissions.containsAll(GROUP_ACCESS)) {
      out.println("The socket directory " + directory + " is ready for group " + gid);
      return 0;
    }
    if (currentGid != gid) {
      Files.setAttribute(directory, "unix:gid", gid, NOFOLLOW_LINKS);
    }
    Set<PosixFilePermission> wanted = EnumSet.noneOf(PosixFilePermission.class);
    wanted.addAll(permissions);
    wanted.addAll(GROUP_ACCESS);
    Files.setPosixFilePermissions(directory, wanted);
    out.println(
        "The socket directory "
            + directory
            + " now belongs to group "
            + gid
            + " with group read, write and search access");
    return 0;
  }
}
