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

  /** This listing with the sizes {@code other} knows for the same blobs (the index has none of its own). */
  public GitTree withSizesFrom(GitTree other) {
    TreeMap<String, Entry> out = new TreeMap<>();
    // both listings are sorted by path: one walk over the two
    var theirs = other.entries.entrySet().iterator();
    Map.Entry<String, Entry> o = theirs.hasNext() ? theirs.next() : null;
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      while (o != null && o.getKey().compareTo(e.getKey()) < 0) o = theirs.hasNext() ? theirs.next() : null;
      Entry mine = e.getValue();
      boolean same = o != null && o.getKey().equals(e.getKey()) && o.getValue().id().equals(mine.id());
      out.put(e.getKey(), mine.size() < 0 && same && o.getValue().size() >= 0 ? new Entry(mine.mode(), mine.id(), o.getValue().size()) : mine);
    }
    return new GitTree(source, commit, out);
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
    // both listings are sorted by path: one walk over the two
    var mine = entries.entrySet().iterator();
    var theirs = other.entries.entrySet().iterator();
    Map.Entry<String, Entry> a = mine.hasNext() ? mine.next() : null;
    Map.Entry<String, Entry> b = theirs.hasNext() ? theirs.next() : null;
    while (a != null || b != null) {
      int c = a == null ? 1 : b == null ? -1 : a.getKey().compareTo(b.getKey());
      if (c < 0) {
        out.add(a.getKey());
        a = mine.hasNext() ? mine.next() : null;
      } else if (c > 0) {
        out.add(b.getKey());
        b = theirs.hasNext() ? theirs.next() : null;
      } else {
        if (!Objects.equals(a.getValue().id(), b.getValue().id()) || !Objects.equals(a.getValue().mode(), b.getValue().mode())) out.add(a.getKey());
        a = mine.hasNext() ? mine.next() : null;
        b = theirs.hasNext() ? theirs.next() : null;
      }
    }
    return out;
  }

}
