package dev.exfilguard.engine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The local {@code git} command, for the git modes ({@code --staged}, {@code --diff-base},
 * {@code --hook}). Only plumbing that reads: listings of the index ({@code ls-files -s}) and of
 * commits ({@code ls-tree -r}), blobs by their IDs ({@code cat-file --batch}, never
 * {@code --filters} or {@code --textconv}), a fixed-string search of a tree ({@code grep}), and
 * hashes of working-tree files as they are on disk ({@code hash-object --no-filters}).
 *
 * <p>Nothing is checked out, nothing is written to the repository, and nothing the repository
 * (or a checked-out commit's {@code .gitattributes}) configures is run: none of these commands
 * applies smudge/clean filters, diff drivers or textconv, and every call switches off what could
 * still start a program: {@code core.fsmonitor}, hooks ({@code core.hooksPath}), external diffs,
 * the system config, and every transport ({@code protocol.allow=never}: in a partial clone a
 * missing blob is not fetched, so there is no network connection; git-lfs pointers are read as
 * the pointers they are).
 */
public final class GitRepo implements AutoCloseable {
  /** Prepended to every git command line; each is something a repository's config could make git run. */
  private static final List<String> SAFE = List.of("git",
      "-c", "core.fsmonitor=false",
      "-c", "core.hooksPath=" + nullDevice(),
      "-c", "diff.external=",
      "-c", "protocol.allow=never",
      // ls-files -o would otherwise update the index's untracked cache
      "-c", "core.untrackedCache=false",
      "-c", "core.quotepath=off");

  private final Path top;
  private Batch contents;
  private Batch sizes;

  private GitRepo(Path top) {
    this.top = top;
  }

  /** Something git could not do, with git's own one-line reason. */
  public static final class GitException extends Exception {
    private static final long serialVersionUID = 1L;

    public GitException(String message) {
      super(message);
    }
  }

  /** The repository {@code dir} is in. */
  public static GitRepo at(Path dir) throws GitException {
    Path d = dir.toAbsolutePath().normalize();
    while (d != null && !Files.isDirectory(d)) d = d.getParent();
    if (d == null) throw new GitException("no such directory: " + dir);
    String out = run(d, null, "rev-parse", "--show-toplevel").trim();
    try {
      return new GitRepo(Path.of(out).toRealPath());
    } catch (IOException e) {
      throw new GitException("cannot resolve the repository root " + out);
    }
  }

  public Path top() {
    return top;
  }

  /** The commit {@code HEAD} names; empty on a branch with no commit yet. */
  public Optional<String> head() throws GitException {
    String commit = run(top, null, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").trim();
    return commit.isEmpty() ? Optional.empty() : Optional.of(commit);
  }

  /** The commit where the current branch left {@code ref}: what a pull request is compared with. */
  public String mergeBase(String ref) throws GitException {
    return mergeBase(ref, "HEAD");
  }

  /** The commit where {@code other} left {@code ref}. */
  public String mergeBase(String ref, String other) throws GitException {
    return run(top, null, "merge-base", commit(ref, true), commit(other, true)).trim();
  }

  /** The commit {@code ref} names. */
  public String commitOf(String ref) throws GitException {
    return commit(ref, true);
  }

  private String commit(String ref, boolean required) throws GitException {
    String commit = run(top, null, "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}").trim();
    if (commit.isEmpty() && required) throw new GitException("unknown revision '" + ref + "'");
    return commit;
  }

  /** The index: what the next commit will hold (stage 0; a path with a merge conflict is left out). */
  public GitTree index() throws GitException {
    TreeMap<String, GitTree.Entry> entries = new TreeMap<>();
    // <mode> SP <object> SP <stage> TAB <path> NUL
    String out = run(top, null, "ls-files", "-s", "-z", "--full-name");
    for (int at = 0, end; at < out.length(); at = end + 1) {
      end = out.indexOf('\0', at);
      if (end < 0) end = out.length();
      int sp1 = out.indexOf(' ', at);
      int sp2 = sp1 < 0 ? -1 : out.indexOf(' ', sp1 + 1);
      int tab = sp2 < 0 ? -1 : out.indexOf('\t', sp2 + 1);
      if (tab < 0 || tab > end) continue;
      if (tab == sp2 + 2 && out.charAt(sp2 + 1) == '0') {
        entries.put(out.substring(tab + 1, end), new GitTree.Entry(out.substring(at, sp1), out.substring(sp1 + 1, sp2), -1));
      }
    }
    return new GitTree(GitTree.Source.INDEX, null, entries);
  }

  /** The files of {@code commit}, with their sizes. */
  public GitTree commit(String commit) throws GitException {
    TreeMap<String, GitTree.Entry> entries = new TreeMap<>();
    String listing;
    try {
      listing = run(top, null, "ls-tree", "-r", "-z", "-l", "--full-tree", commit);
    } catch (GitException e) {
      // a partial clone lacks blobs, so their sizes: list without them (reading one says it is missing)
      listing = run(top, null, "ls-tree", "-r", "-z", "--full-tree", commit);
    }
    // <mode> SP <type> SP <object> [SP+ <size>] TAB <path> NUL
    for (int at = 0, end; at < listing.length(); at = end + 1) {
      end = listing.indexOf('\0', at);
      if (end < 0) end = listing.length();
      int tab = listing.indexOf('\t', at);
      if (tab < 0 || tab > end) continue;
      int sp1 = listing.indexOf(' ', at);
      int sp2 = sp1 < 0 ? -1 : listing.indexOf(' ', sp1 + 1);
      if (sp2 < 0 || sp2 > tab || !listing.startsWith("blob", sp1 + 1)) continue;
      int idEnd = listing.indexOf(' ', sp2 + 1);
      if (idEnd < 0 || idEnd > tab) idEnd = tab;
      String sizeText = listing.substring(idEnd, tab).trim();
      long size = sizeText.isEmpty() || sizeText.equals("-") ? -1 : Long.parseLong(sizeText);
      entries.put(listing.substring(tab + 1, end), new GitTree.Entry(listing.substring(at, sp1), listing.substring(sp2 + 1, idEnd), size));
    }
    return new GitTree(GitTree.Source.COMMIT, commit, entries);
  }

  /**
   * The working tree as it is on disk: the index's files that are still there, and untracked
   * files that are not ignored. A file {@code hashed} accepts gets the ID of its content as it is
   * on disk (no clean filter, no end-of-line conversion), so a change to it is seen; other
   * files keep the index's ID unless they are gone.
   */
  public GitTree workTree(GitTree index, java.util.function.Predicate<String> hashed) throws GitException {
    TreeMap<String, GitTree.Entry> entries = new TreeMap<>();
    List<String> toHash = new ArrayList<>();
    for (Map.Entry<String, GitTree.Entry> e : index.entries().entrySet()) {
      long size = regularFileSize(top.resolve(e.getKey()));
      if (!e.getValue().regular() || size < 0) continue;
      entries.put(e.getKey(), new GitTree.Entry(e.getValue().mode(), e.getValue().id(), size));
      if (hashed.test(e.getKey()) && size <= LocalSourceFiles.MAX_FILE_BYTES) toHash.add(e.getKey());
    }
    for (String rec : run(top, null, "ls-files", "-o", "--exclude-standard", "-z", "--full-name").split("\0")) {
      long size = rec.isEmpty() ? -1 : regularFileSize(top.resolve(rec));
      if (size < 0) continue;
      entries.put(rec, new GitTree.Entry("100644", "", size));
      if (hashed.test(rec) && size <= LocalSourceFiles.MAX_FILE_BYTES) toHash.add(rec);
    }
    if (!toHash.isEmpty()) {
      String input = String.join("\n", toHash) + "\n";
      String[] ids = runWithInput(input, "hash-object", "--no-filters", "--stdin-paths").split("\n");
      for (int i = 0; i < toHash.size() && i < ids.length; i++) {
        GitTree.Entry before = entries.get(toHash.get(i));
        entries.put(toHash.get(i), new GitTree.Entry(before.mode(), ids[i].trim(), before.size()));
      }
    }
    return new GitTree(GitTree.Source.WORK_TREE, null, entries);
  }

  /** The size of a regular file (a link is not one), or -1. */
  private static long regularFileSize(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile() ? a.size() : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Paths (relative to the top) of the files of {@code tree} that contain any of {@code fixed},
   * among those matching one of {@code pathspecs} (git pathspecs: {@code *.tf} matches in every
   * directory). Binary files are skipped.
   */
  public List<String> grep(GitTree tree, List<String> fixed, List<String> pathspecs) throws GitException {
    if (tree.source() == GitTree.Source.NONE || fixed.isEmpty()) return List.of();
    List<String> args = new ArrayList<>(List.of("grep", "-l", "-z", "-I", "-F", "--no-textconv", "--no-color", "--full-name"));
    for (String f : fixed) args.addAll(List.of("-e", f));
    switch (tree.source()) {
      case INDEX -> args.add("--cached");
      case COMMIT -> args.add(tree.commit());
      default -> args.add("--untracked");
    }
    args.add("--");
    args.addAll(pathspecs);
    // a file the scan would not read (over the size cap) is not worth searching: a 300 MB JSON
    // dump would cost more than the rest of the change's judgement
    for (Map.Entry<String, GitTree.Entry> e : tree.entries().entrySet()) {
      if (!pathspecs.stream().anyMatch(ps -> ps.startsWith("*") && e.getKey().endsWith(ps.substring(1)))) continue;
      long size = e.getValue().size() >= 0 || tree.source() == GitTree.Source.WORK_TREE ? e.getValue().size() : size(e.getValue().id());
      if (size > LocalSourceFiles.MAX_FILE_BYTES) args.add(":(exclude,literal)" + e.getKey());
    }
    String out;
    try {
      out = run(top, null, args.toArray(String[]::new));
    } catch (GitException e) {
      // git cannot search every file (a partial clone lacks blobs): every file the pathspecs
      // take may hold the text, and reading each says whether it can be read
      List<String> all = new ArrayList<>();
      for (String p : tree.entries().keySet()) {
        if (pathspecs.stream().anyMatch(ps -> ps.startsWith("*") && p.endsWith(ps.substring(1)))) all.add(p);
      }
      return all;
    }
    String prefix = tree.source() == GitTree.Source.COMMIT ? tree.commit() + ":" : "";
    List<String> paths = new ArrayList<>();
    for (String s : out.split("\0")) {
      if (s.isEmpty()) continue;
      String p = s.startsWith(prefix) ? s.substring(prefix.length()) : s;
      if (tree.entries().containsKey(p)) paths.add(p);
    }
    return paths;
  }

  /** The size of a blob, or -1 when the object store does not have it. */
  public synchronized long size(String id) throws GitException {
    if (sizes == null) sizes = new Batch("--batch-check");
    String header;
    try {
      header = sizes.request(id);
    } catch (GitException e) {
      // git stops instead of answering "missing" when a partial clone may not fetch the object
      sizes.close();
      sizes = null;
      return -1;
    }
    String[] h = header.split(" ");
    return h.length == 3 && h[1].equals("blob") ? Long.parseLong(h[2]) : -1;
  }

  /** A blob's bytes, or empty when the object store does not have it. Check its {@link #size} first. */
  public synchronized Optional<byte[]> blob(String id) throws GitException {
    // both sides of a comparison mostly hold the same blobs: each is read once
    byte[] known = blobs.get(id);
    if (known != null) return Optional.of(known);
    Optional<byte[]> b = readBlob(id);
    if (b.isPresent() && b.get().length <= CACHED_BLOB_BYTES) blobs.put(id, b.get());
    return b;
  }

  /** Blobs up to this size are kept once read (module files, templates; not data files). */
  private static final int CACHED_BLOB_BYTES = 4 << 20;

  private final Map<String, byte[]> blobs = new HashMap<>();

  private Optional<byte[]> readBlob(String id) throws GitException {
    if (contents == null) contents = new Batch("--batch");
    try {
      String header = contents.request(id);
      String[] h = header.split(" ");
      if (h.length != 3 || !h[1].equals("blob")) return Optional.empty();
      return Optional.of(contents.body(Long.parseLong(h[2])));
    } catch (GitException e) {
      contents.close();
      contents = null;
      return Optional.empty();
    }
  }

  /** Stops the {@code cat-file} processes. */
  @Override
  public synchronized void close() {
    if (contents != null) contents.close();
    if (sizes != null) sizes.close();
    contents = null;
    sizes = null;
  }

  /** One long-running {@code cat-file --batch[-check]}: a request is an object ID on a line. */
  private final class Batch {
    private final Process process;
    private final OutputStream in;
    private final InputStream out;

    Batch(String mode) throws GitException {
      List<String> command = new ArrayList<>(SAFE);
      command.addAll(List.of("cat-file", mode));
      ProcessBuilder pb = new ProcessBuilder(command).directory(top.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
      environment(pb);
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new GitException("cannot run git: " + e.getMessage());
      }
      in = process.getOutputStream();
      out = new BufferedInputStream(process.getInputStream(), 1 << 16);
    }

    /** The header line git answers for {@code id}: {@code <id> <type> <size>}, or {@code <id> missing}. */
    String request(String id) throws GitException {
      try {
        in.write((id + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int c;
        while ((c = out.read()) != -1 && c != '\n') line.write(c);
        if (c == -1) throw new GitException("git cat-file stopped");
        return line.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new GitException("git cat-file: " + e.getMessage());
      }
    }

    /** The {@code size} bytes of content after a header, and the newline after them. */
    byte[] body(long size) throws GitException {
      try {
        byte[] b = out.readNBytes(Math.toIntExact(size));
        if (b.length != size || out.read() != '\n') throw new GitException("git cat-file: short read");
        return b;
      } catch (IOException | ArithmeticException e) {
        throw new GitException("git cat-file: " + e.getMessage());
      }
    }

    void close() {
      try {
        in.close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void environment(ProcessBuilder pb) {
    Map<String, String> env = pb.environment();
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    // reading must not take the index lock or refresh the index on the side
    env.put("GIT_OPTIONAL_LOCKS", "0");
    env.put("GIT_TERMINAL_PROMPT", "0");
    // newer git's switch for partial clones; protocol.allow=never covers older ones
    env.put("GIT_NO_LAZY_FETCH", "1");
    env.remove("GIT_EXTERNAL_DIFF");
    env.remove("GIT_PAGER");
  }

  private String runWithInput(String input, String... args) throws GitException {
    return run(top, input, args);
  }

  private static String run(Path dir, String input, String... args) throws GitException {
    List<String> command = new ArrayList<>(SAFE);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    environment(pb);
    if (input == null) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(nullDevice())));
    try {
      Path err = Files.createTempFile("exfilguard-git", ".err");
      try {
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (input != null) {
          // a writer of its own: git answers while it reads, and a full pipe must not stall us
          Thread writer = new Thread(() -> {
            try (OutputStream o = p.getOutputStream()) {
              o.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
              // git stopped reading; its exit code says why
            }
          }, "exfilguard-git-input");
          writer.setDaemon(true);
          writer.start();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
          // rev-parse --verify --quiet says nothing for an unknown revision; grep exits 1 on no match
          if (args[0].equals("grep") && rc == 1) return "";
          String why = Files.readString(err, StandardCharsets.UTF_8).lines()
              .filter(l -> !l.startsWith("warning: ")).map(l -> l.replaceFirst("^(fatal|error): ", "")).filter(l -> !l.isBlank())
              .findFirst().orElse("exit " + rc);
          if (args[0].equals("rev-parse") && why.equals("exit " + rc) && List.of(args).contains("--verify")) return "";
          throw new GitException("git " + args[0] + ": " + why);
        }
        return out;
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new GitException("cannot run git: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitException("interrupted while running git");
    }
  }

  private static String nullDevice() {
    return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
  }

}
