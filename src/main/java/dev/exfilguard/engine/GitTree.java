package dev.exfilguard.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One listing of a repository's files: the index, a commit, or the working tree. Paths are
 * relative to the repository's top, with forward slashes, as git writes them.
 *
 * @param commit the commit listed, for {@link Source#COMMIT}
 */
public record GitTree(Source source, String commit, TreeMap<String, Entry> entries) {
  /** No files: the other side of a repository's first commit. */
  public static final GitTree NONE = new GitTree(Source.NONE, null, new TreeMap<>());

  /** Where a listing comes from, and so how its files are read. */
  public enum Source { INDEX, COMMIT, WORK_TREE, NONE }

  /**
   * One file: its git mode, its object ID, and its size when the listing gave it (-1 otherwise).
   * Symbolic links (120000) and submodules (160000) are listed but are not regular files.
   */
  public record Entry(String mode, String id, long size) {
    public boolean regular() {
      return mode.equals("100644") || mode.equals("100755");
    }
  }

  /** Whether {@code path} is a regular file of this tree. */
  public boolean isFile(String path) {
    Entry e = entries.get(path);
    return e != null && e.regular();
  }

  /**
   * Paths that differ between this tree and {@code other}: added, deleted, changed in content or
   * mode. A rename is its old path and its new one.
   */
  public Set<String> changedFrom(GitTree other) {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry o = other.entries.get(e.getKey());
      if (o == null || !Objects.equals(o.id(), e.getValue().id()) || !Objects.equals(o.mode(), e.getValue().mode())) out.add(e.getKey());
    }
    for (String p : other.entries.keySet()) if (!entries.containsKey(p)) out.add(p);
    return out;
  }
}
