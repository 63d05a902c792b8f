package dev.exfilguard.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories a scan may read from because of what it reads: a path that scanned content
 * names ({@code file()}, a module source, a parameters file beside a template, a path in the
 * config file) is followed through every symbolic link to where it really is, and only a path
 * that lies inside the real path of one of these directories is read. A link inside the tree
 * that leads out of it ({@code ln -s /etc/passwd x}) is outside.
 */
public final class Boundary {
  private final List<Path> roots;

  private Boundary(List<Path> roots) {
    this.roots = roots;
  }

  /** The real paths of these directories (those that do not exist are left out). */
  public static Boundary of(List<Path> dirs) {
    List<Path> real = new ArrayList<>();
    for (Path d : dirs) {
      try {
        real.add(d.toAbsolutePath().normalize().toRealPath());
      } catch (IOException e) {
        // a root that does not exist holds nothing to read
      }
    }
    return new Boundary(List.copyOf(real));
  }

  /** Whether the path, followed to where it really is, lies inside one of the directories. */
  public boolean contains(Path p) {
    Path real = real(p);
    for (Path r : roots) if (real.startsWith(r)) return true;
    return false;
  }

  /**
   * Where a path really is: every symbolic link on the way resolved. For a path that does not
   * exist, its nearest existing ancestor is resolved and the rest appended, so that
   * {@code link/missing} is judged by where {@code link} leads.
   */
  public static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    Path rest = null;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      Path name = existing.getFileName();
      rest = rest == null ? name : name.resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) return abs;
    Path base;
    try {
      base = existing.toRealPath();
    } catch (IOException e) {
      // a broken link or a loop: nothing real is there; judge the link by where it stands
      base = existing;
    }
    return rest == null ? base : base.resolve(rest).normalize();
  }

  public List<Path> roots() {
    return roots;
  }
}
