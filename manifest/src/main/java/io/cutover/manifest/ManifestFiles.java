package io.cutover.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** File handling for manifests: path resolution and the permission warning. */
final class ManifestFiles {

  /** Files named by a manifest are small; anything bigger is a wrong path. */
  static final long MAX_BYTES = 1024 * 1024;

  private ManifestFiles() {}

  /**
   * {@code text} as an absolute, normalized path: absolute as written, otherwise relative to the
   * manifest's directory (not the current directory: the worker may run elsewhere, later). A
   * leading {@code ~/} is expanded with {@code home} when given.
   *
   * @return the path, or null when {@code text} is not a valid path on this system
   */
  static Path resolve(Path manifest, String text, String home) {
    String t = text.trim();
    try {
      if (home != null && (t.equals("~") || t.startsWith("~/"))) {
        return Path.of(home, t.substring(1)).toAbsolutePath().normalize();
      }
      Path p = Path.of(t);
      if (p.isAbsolute()) {
        return p.normalize();
      }
      Path dir = manifest.toAbsolutePath().getParent();
      return (dir == null ? p.toAbsolutePath() : dir.resolve(p)).normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  static Path resolve(Path manifest, String text) {
    return resolve(manifest, text, null);
  }

  /**
   * As {@link #resolve(Path, String, String)}, but a relative path that names no file next to the
   * manifest and one in the current directory is that file, with a warning: kcp resolves paths
   * against the current directory, so a kcp manifest run from where kcp ran it keeps working. The
   * plan records the absolute path either way.
   */
  static Path resolveFile(
      Path manifest, String text, String home, String field, List<String> warnings) {
    Path p = resolve(manifest, text, home);
    if (p == null || Files.exists(p)) {
      return p;
    }
    String t = text.trim();
    if (t.equals("~") || t.startsWith("~/") || Path.of(t).isAbsolute()) {
      return p;
    }
    Path cwd = Path.of(t).toAbsolutePath().normalize();
    if (!Files.isRegularFile(cwd)) {
      return p;
    }
    warnings.add(
        field
            + ": "
            + t
            + " is not next to the manifest ("
            + p
            + "); using "
            + cwd
            + " in the current directory, as kcp resolves it. Write the path relative to the"
            + " manifest (or absolute) to make the manifest work from anywhere");
    return cwd;
  }

  /**
   * A warning when the file can be read by its group or by others, since a manifest may hold inline
   * credentials; empty on file systems without POSIX permissions.
   */
  static Optional<String> permissionWarning(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      Set<PosixFilePermission> open =
          EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
      open.retainAll(perms);
      if (!open.isEmpty()) {
        return Optional.of(
            "manifest "
                + file
                + " is readable by its group or by others and may hold"
                + " credentials; restrict it with: chmod 600 "
                + file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // No POSIX permissions here (or unreadable attributes): nothing to say.
    }
    return Optional.empty();
  }
}
