package dev.exfilguard.config;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A glob from the config file. For paths (relative to the config file's directory, forward
 * slashes): {@code *} and {@code ?} stay within one directory level, {@code **} crosses levels,
 * and a glob that matches a directory covers everything below it ({@code legacy} and
 * {@code legacy/**} both exclude {@code legacy/main.tf}). For resource addresses: {@code *}
 * matches any characters, since addresses have no directories. Both take {@code {a,b}}
 * (alternatives, which may nest) and {@code [...]} (one character of a set or range;
 * {@code [!...]} or {@code [^...]} for one not in it; a {@code ]} first in the set is literal).
 *
 * <p>A glob is compiled once into a state machine and matched by following every state at once
 * (no backtracking), so a match costs the length of the value times the size of the glob, whatever
 * either holds: twenty {@code **}/ in a row cost twenty times one.
 */
public record Glob(String pattern, boolean path, Machine machine) {

  /** A glob that does not parse: an unclosed {@code [} or <code>{</code>, with where in it. */
  public static final class GlobSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    GlobSyntaxException(String message) {
      super(message);
    }
  }

  public static Glob path(String pattern) {
    String p = pattern.replace('\\', '/');
    while (p.startsWith("./")) p = p.substring(2);
    while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return new Glob(pattern, true, new Compiler(p, true).compile());
  }

  public static Glob address(String pattern) {
    return new Glob(pattern, false, new Compiler(pattern, false).compile());
  }

  /** For a path glob: the path or one of its parent directories matches. */
  public boolean matches(String value) {
    return machine.run(value, path);
  }

  @Override
  public String toString() {
    return pattern;
  }

  /**
   * The compiled glob: states that each consume one character of a kind, or none (epsilon
   * moves), and an accepting state. Kinds: a literal, any character but {@code /} (path {@code ?}
   * and {@code *}), any character ({@code **}), a set.
   */
  public static final class Machine {
    private static final int EPSILON = 0;
    private static final int LITERAL = 1;
    private static final int ANY = 2;
    private static final int ANY_BUT_SLASH = 3;
    private static final int SET = 4;

    private final List<int[]> epsilons = new ArrayList<>();
    private final List<Integer> kinds = new ArrayList<>();
    private final List<Character> literals = new ArrayList<>();
    private final List<CharSet> sets = new ArrayList<>();
    private final List<Integer> next = new ArrayList<>();
    private int start;
    private int accept;

    private int state(int kind, char literal, CharSet set) {
      epsilons.add(new int[0]);
      kinds.add(kind);
      literals.add(literal);
      sets.add(set);
      next.add(-1);
      return kinds.size() - 1;
    }

    private void epsilon(int from, int to) {
      int[] old = epsilons.get(from);
      int[] e = java.util.Arrays.copyOf(old, old.length + 1);
      e[old.length] = to;
      epsilons.set(from, e);
    }

    private boolean consumes(int s, char c) {
      return switch (kinds.get(s)) {
        case LITERAL -> literals.get(s) == c;
        case ANY -> true;
        case ANY_BUT_SLASH -> c != '/';
        case SET -> sets.get(s).contains(c);
        default -> false;
      };
    }

    private void close(BitSet set, int s, int[] stack) {
      int top = 0;
      if (set.get(s)) return;
      set.set(s);
      stack[top++] = s;
      while (top > 0) {
        int x = stack[--top];
        for (int e : epsilons.get(x)) {
          if (!set.get(e)) {
            set.set(e);
            stack[top++] = e;
          }
        }
      }
    }

    /** Whether the whole value matches; for paths also whether a prefix ending before a {@code /} does. */
    boolean run(String value, boolean prefixes) {
      int n = kinds.size();
      int[] stack = new int[n];
      BitSet current = new BitSet(n);
      BitSet following = new BitSet(n);
      close(current, start, stack);
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (prefixes && c == '/' && i > 0 && current.get(accept)) return true;
        following.clear();
        for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
          if (kinds.get(s) != EPSILON && consumes(s, c)) close(following, next.get(s), stack);
        }
        if (following.isEmpty()) return false;
        BitSet t = current;
        current = following;
        following = t;
      }
      return current.get(accept);
    }
  }

  /** One set of {@code [...]}: single characters and ranges, maybe negated; never {@code /} in a path. */
  private record CharSet(String singles, String ranges, boolean negated, boolean path) {
    boolean contains(char c) {
      if (path && c == '/') return false;
      boolean in = singles.indexOf(c) >= 0;
      for (int i = 0; !in && i + 1 < ranges.length(); i += 2) in = c >= ranges.charAt(i) && c <= ranges.charAt(i + 1);
      return in != negated;
    }
  }

  /** Builds the machine from the glob text by recursive descent over alternatives. */
  private static final class Compiler {
    private static final int MAX_NESTING = 32;
    private final String src;
    private final boolean path;
    private final Machine m = new Machine();
    private int pos;
    private int depth;

    Compiler(String src, boolean path) {
      this.src = src;
      this.path = path;
    }

    Machine compile() {
      int[] frag = sequence(false);
      if (pos < src.length()) throw error("unexpected '" + src.charAt(pos) + "'");
      m.start = frag[0];
      m.accept = frag[1];
      return m;
    }

    /** A sequence up to the end, or (inside braces) up to an unnested {@code ,} or <code>}</code>: {start, end} states. */
    private int[] sequence(boolean inBraces) {
      int start = m.state(Machine.EPSILON, '\0', null);
      int end = start;
      while (pos < src.length()) {
        char c = src.charAt(pos);
        if (inBraces && (c == ',' || c == '}')) break;
        int[] f = atom();
        m.epsilon(end, f[0]);
        end = f[1];
      }
      return new int[] {start, end};
    }

    private int[] atom() {
      char c = src.charAt(pos);
      if (c == '*') {
        boolean twice = pos + 1 < src.length() && src.charAt(pos + 1) == '*';
        if (path && twice && pos + 2 < src.length() && src.charAt(pos + 2) == '/') {
          // "**/": nothing, or any characters ending in a slash (zero or more whole directories)
          pos += 3;
          int entry = m.state(Machine.EPSILON, '\0', null);
          int loop = m.state(Machine.EPSILON, '\0', null);
          int any = m.state(Machine.ANY, '\0', null);
          int slash = m.state(Machine.LITERAL, '/', null);
          int end = m.state(Machine.EPSILON, '\0', null);
          m.epsilon(entry, end);
          m.epsilon(entry, loop);
          m.epsilon(loop, any);
          m.epsilon(loop, slash);
          m.next.set(any, loop);
          m.next.set(slash, end);
          return new int[] {entry, end};
        }
        pos += twice ? 2 : 1;
        return loop(path && !twice ? Machine.ANY_BUT_SLASH : Machine.ANY);
      }
      if (c == '?') {
        pos++;
        return one(path ? Machine.ANY_BUT_SLASH : Machine.ANY, '\0', null);
      }
      if (c == '[') return set();
      if (c == '{') return alternatives();
      pos++;
      return one(Machine.LITERAL, c, null);
    }

    private int[] one(int kind, char literal, CharSet set) {
      int s = m.state(kind, literal, set);
      int end = m.state(Machine.EPSILON, '\0', null);
      m.next.set(s, end);
      return new int[] {s, end};
    }

    /** Zero or more characters of a kind. */
    private int[] loop(int kind) {
      int a = m.state(Machine.EPSILON, '\0', null);
      int s = m.state(kind, '\0', null);
      int end = m.state(Machine.EPSILON, '\0', null);
      m.epsilon(a, s);
      m.epsilon(a, end);
      m.next.set(s, a);
      return new int[] {a, end};
    }

    private int[] set() {
      int open = pos++;
      boolean negated = pos < src.length() && (src.charAt(pos) == '!' || src.charAt(pos) == '^');
      if (negated) pos++;
      StringBuilder singles = new StringBuilder();
      StringBuilder ranges = new StringBuilder();
      boolean first = true;
      while (true) {
        if (pos >= src.length()) throw error("'[' at character " + (open + 1) + " is not closed");
        char c = src.charAt(pos);
        if (c == ']' && !first) break;
        first = false;
        if (pos + 2 < src.length() && src.charAt(pos + 1) == '-' && src.charAt(pos + 2) != ']') {
          char hi = src.charAt(pos + 2);
          if (hi < c) throw error("range " + c + "-" + hi + " at character " + (pos + 1) + " is backwards");
          ranges.append(c).append(hi);
          pos += 3;
        } else {
          singles.append(c);
          pos++;
        }
      }
      pos++;
      return one(Machine.SET, '\0', new CharSet(singles.toString(), ranges.toString(), negated, path));
    }

    private int[] alternatives() {
      int open = pos++;
      if (++depth > MAX_NESTING) throw error("braces nested more than " + MAX_NESTING + " levels");
      int a = m.state(Machine.EPSILON, '\0', null);
      int end = m.state(Machine.EPSILON, '\0', null);
      while (true) {
        int[] branch = sequence(true);
        m.epsilon(a, branch[0]);
        m.epsilon(branch[1], end);
        if (pos >= src.length()) throw error("'{' at character " + (open + 1) + " is not closed");
        char c = src.charAt(pos++);
        if (c == '}') break;
      }
      depth--;
      return new int[] {a, end};
    }

    private GlobSyntaxException error(String message) {
      return new GlobSyntaxException("glob '" + src + "': " + message);
    }
  }
}
