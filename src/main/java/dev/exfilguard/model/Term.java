package dev.exfilguard.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A string known up to the values of some symbols: {@code {prefix}-vnet} is the text
 * {@code -vnet} after whatever the parameter {@code prefix} holds. A symbol stands for one value
 * wherever it is used (a required parameter, the resource group's name, a {@code random_string}
 * result), so two terms built the same way from the same symbols are the same string for every
 * value of those symbols, and the graph can link by them without knowing the values.
 *
 * <p>Comparison is three-valued ({@link #compare}): the same for every value, different for
 * every value, or undecided. Only the first makes a link; only an undecided one is worth a
 * note. Azure compares names and IDs case-insensitively, so that is the default here; the
 * inputs of hashes ({@code uniqueString}) keep their case.
 */
public final class Term {
  /** One piece of a term: literal text or a symbol. */
  public sealed interface Part permits Text, Symbol {}

  /** Literal text. */
  public record Text(String text) implements Part {}

  /**
   * A value not known before deployment.
   *
   * @param key what makes two symbols the same one (a parameter of one deployment, a resource
   *     instance's attribute); never shown
   * @param label how it reads in a name: {@code prefix}, {@code resourceGroup().name},
   *     {@code random_string.suffix.result}
   * @param fold a case conversion applied to its value ({@code toLower(parameters('x'))})
   * @param hint what a user could pass to decide it ({@code --param prefix=...}), or null
   */
  public record Symbol(String key, String label, Fold fold, String hint) implements Part {
    public Symbol withFold(Fold f) {
      return new Symbol(key, label, f, hint);
    }

    /** The same symbol is the same key (and case conversion), however it reads. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Symbol s && s.key.equals(key) && s.fold == fold;
    }

    @Override
    public int hashCode() {
      return key.hashCode() * 31 + fold.hashCode();
    }
  }

  /** A case conversion of a symbol's value. */
  public enum Fold { NONE, LOWER, UPPER }

  /** How two terms compare for every value of their symbols. */
  public enum Comparison { SAME, DIFFERENT, UNDECIDED }

  private static final char OPEN = '\u0001';
  private static final char CLOSE = '\u0002';

  private final List<Part> parts;
  /** How the whole term reads when it is an argument of another ({@code resourceGroup().id}); null: as rendered. */
  private final String label;

  private Term(List<Part> parts, String label) {
    this.parts = parts;
    this.label = label;
  }

  public static Term text(String s) {
    return new Term(s.isEmpty() ? List.of() : List.of(new Text(s)), null);
  }

  public static Term symbol(String key, String label, String hint) {
    return new Term(List.of(new Symbol(key, label, Fold.NONE, hint)), null);
  }

  /** The parts joined, adjacent texts merged. */
  public static Term concat(List<Term> terms) {
    List<Part> out = new ArrayList<>();
    for (Term t : terms) for (Part p : t.parts) add(out, p);
    return new Term(List.copyOf(out), null);
  }

  public static Term concat(Term... terms) {
    return concat(List.of(terms));
  }

  private static void add(List<Part> out, Part p) {
    if (p instanceof Text t) {
      if (t.text().isEmpty()) return;
      if (!out.isEmpty() && out.get(out.size() - 1) instanceof Text prev) {
        out.set(out.size() - 1, new Text(prev.text() + t.text()));
        return;
      }
    }
    out.add(p);
  }

  public List<Part> parts() {
    return parts;
  }

  /** The same term, read as {@code label} where it is an argument of another. */
  public Term labelled(String l) {
    return new Term(parts, l);
  }

  /** True when no symbol occurs: the term is a known string. */
  public boolean isText() {
    for (Part p : parts) if (p instanceof Symbol) return false;
    return true;
  }

  public List<Symbol> symbols() {
    List<Symbol> out = new ArrayList<>();
    for (Part p : parts) if (p instanceof Symbol s && !out.contains(s)) out.add(s);
    return out;
  }

  /** The term with its text and symbols lower-cased ({@code toLower}). */
  public Term lower() {
    return fold(Fold.LOWER);
  }

  public Term upper() {
    return fold(Fold.UPPER);
  }

  private Term fold(Fold f) {
    List<Part> out = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Text t) add(out, new Text(f == Fold.LOWER ? t.text().toLowerCase(Locale.ROOT) : t.text().toUpperCase(Locale.ROOT)));
      else out.add(((Symbol) p).withFold(f));
    }
    return new Term(List.copyOf(out), null);
  }

  /** As a person reads it: symbols in braces, {@code {prefix}-vnet}. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Text t) sb.append(t.text());
      else sb.append('{').append(((Symbol) p).label()).append('}');
    }
    return sb.toString();
  }

  /** How the term reads as an argument: its label, a lone symbol's label, or its rendering. */
  public String argumentLabel() {
    if (label != null) return label;
    if (parts.size() == 1 && parts.get(0) instanceof Symbol s) return s.label();
    if (isText()) return "'" + render() + "'";
    return render();
  }

  /**
   * A string that is equal for two terms exactly when they are the same for every value (up to
   * case when {@code ignoreCase}); for hashing and indexing.
   */
  public String key(boolean ignoreCase) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Text t) {
        String s = t.text().replace(OPEN, '\uFFFD').replace(CLOSE, '\uFFFD');
        sb.append(ignoreCase ? s.toLowerCase(Locale.ROOT) : s);
      } else {
        Symbol s = (Symbol) p;
        sb.append(OPEN).append(s.key());
        if (!ignoreCase && s.fold() != Fold.NONE) sb.append('#').append(s.fold());
        sb.append(CLOSE);
      }
    }
    return sb.toString();
  }

  /** A key for a symbol made of others ({@code uniqueString} of terms): exact, case included. */
  public String exactKey() {
    return key(false);
  }

  /**
   * Whether the two terms are the same string for every value of their symbols, different for
   * every value, or undecided. Shared leading and trailing parts are set aside; what remains
   * differs for every value when both sides begin (or end) with texts that disagree, or one side
   * is empty while the other holds text.
   */
  public Comparison compare(Term other, boolean ignoreCase) {
    if (key(ignoreCase).equals(other.key(ignoreCase))) return Comparison.SAME;
    List<Part> a = normalised(ignoreCase);
    List<Part> b = other.normalised(ignoreCase);
    int i = 0;
    while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) i++;
    int ja = a.size();
    int jb = b.size();
    while (ja > i && jb > i && a.get(ja - 1).equals(b.get(jb - 1))) {
      ja--;
      jb--;
    }
    List<Part> ra = a.subList(i, ja);
    List<Part> rb = b.subList(i, jb);
    if (conflict(ra, rb, true) || conflict(ra, rb, false)) return Comparison.DIFFERENT;
    return Comparison.UNDECIDED;
  }

  /** Texts split into characters so common prefixes of texts are shared character by character. */
  private List<Part> normalised(boolean ignoreCase) {
    List<Part> out = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Text t) {
        String s = ignoreCase ? t.text().toLowerCase(Locale.ROOT) : t.text();
        for (int k = 0; k < s.length(); k++) out.add(new Text(String.valueOf(s.charAt(k))));
      } else {
        Symbol s = (Symbol) p;
        out.add(ignoreCase ? s.withFold(Fold.NONE) : s);
      }
    }
    return out;
  }

  private static boolean conflict(List<Part> a, List<Part> b, boolean front) {
    if (a.isEmpty() && b.isEmpty()) return false;
    if (a.isEmpty() || b.isEmpty()) {
      // the empty side against parts that must hold text
      List<Part> rest = a.isEmpty() ? b : a;
      for (Part p : rest) if (p instanceof Text) return true;
      return false;
    }
    Part x = front ? a.get(0) : a.get(a.size() - 1);
    Part y = front ? b.get(0) : b.get(b.size() - 1);
    return x instanceof Text && y instanceof Text && !x.equals(y);
  }

  /** The text before the first symbol. */
  public String textPrefix() {
    return !parts.isEmpty() && parts.get(0) instanceof Text t ? t.text() : "";
  }

  /** The term split at each {@code separator} in its text: symbols never contain one. */
  public List<Term> split(char separator) {
    List<Term> out = new ArrayList<>();
    List<Part> cur = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Text t) {
        String s = t.text();
        int start = 0;
        for (int k = s.indexOf(separator); k >= 0; k = s.indexOf(separator, start)) {
          add(cur, new Text(s.substring(start, k)));
          out.add(new Term(List.copyOf(cur), null));
          cur = new ArrayList<>();
          start = k + 1;
        }
        add(cur, new Text(s.substring(start)));
      } else {
        cur.add(p);
      }
    }
    out.add(new Term(List.copyOf(cur), null));
    return out;
  }

  /** The term of a resource name from its segments: {@code vnet/subnet}. */
  public static Term join(List<Term> segments, String separator) {
    List<Term> all = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      if (i > 0) all.add(text(separator));
      all.add(segments.get(i));
    }
    return concat(all);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Term t && key(false).equals(t.key(false));
  }

  @Override
  public int hashCode() {
    return key(false).hashCode();
  }

  @Override
  public String toString() {
    return render();
  }
}
