package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Attribute;
import dev.exfilguard.hcl.Body;
import dev.exfilguard.hcl.HclParseException;
import dev.exfilguard.hcl.HclParser;
import dev.exfilguard.model.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * Functions that read files, and those whose result exists only at apply time. {@code file()}
 * and {@code templatefile()} read only inside the scanned tree (see {@link ModuleScope#readFile});
 * anything else is Unknown, never fetched.
 */
final class FileFunctions {
  private FileFunctions() {}

  /** Marks the end of a template read through the heredoc grammar; no real template contains it. */
  private static final String END = "EXFILGUARD_TEMPLATEFILE_END_7f3a";

  static void register(Functions.Registry r) {
    r.add("file", (a, c) -> {
      c.arity(a, 1, 1);
      ModuleScope.FileText f = read(a.get(0), c);
      if (f.text() == null) return c.unknown(f.unknownReason());
      return new Value.Str(f.text(), c.meta().withVia(c.meta().via() != null ? c.meta().via() : "file " + f.display()));
    });
    r.add("fileexists", (a, c) -> {
      c.arity(a, 1, 1);
      ModuleScope.FileText f = read(a.get(0), c);
      return f.text() == null && !f.missing() ? c.unknown(f.unknownReason()) : c.bool(!f.missing());
    });
    r.add("templatefile", (a, c) -> {
      c.arity(a, 2, 2);
      ModuleScope.FileText f = read(a.get(0), c);
      if (f.text() == null) return c.unknown(f.unknownReason());
      Map<String, Value> vars = new HashMap<>(TfValues.map(a.get(1), "templatefile() variables"));
      return render(f, vars, c);
    });
    r.add("basename", (a, c) -> {
      c.arity(a, 1, 1);
      String p = TfValues.string(a.get(0), "path");
      return c.str(p.substring(p.lastIndexOf('/') + 1));
    });
    r.add("dirname", (a, c) -> {
      c.arity(a, 1, 1);
      String p = TfValues.string(a.get(0), "path");
      int i = p.lastIndexOf('/');
      return c.str(i < 0 ? "." : i == 0 ? "/" : p.substring(0, i));
    });
    r.neverKnown("timestamp", "is the time of apply");
    r.neverKnown("plantimestamp", "is the time of plan");
    r.neverKnown("uuid", "is random at apply");
    r.neverKnown("bcrypt", "is salted at random");
  }

  private static ModuleScope.FileText read(Value path, Functions.Call c) {
    ModuleScope scope = c.evaluator().scope();
    String p = TfValues.string(path, c.name() + "() path");
    if (scope == null) return new ModuleScope.FileText(p, null, "files are not read here", false);
    ModuleScope.FileText f = scope.readFile(p);
    if (f.missing()) throw new EvalError(c.name() + "(): no file " + p);
    // a file outside the tree (or unreadable) makes the value Unknown: said once where it is called
    if (f.text() == null) scope.loader.note(c.meta().location(), f.unknownReason());
    return f;
  }

  /**
   * A template file is the template grammar of a heredoc: parsed as one, evaluated with only the
   * given variables in scope (as Terraform does), and located at the call.
   */
  private static Value render(ModuleScope.FileText f, Map<String, Value> vars, Functions.Call c) {
    if (f.text().contains(END)) throw new EvalError("templatefile(): unreadable template");
    String text = f.text();
    boolean trailingNewline = text.endsWith("\n");
    String src = "t = <<" + END + "\n" + text + (trailingNewline ? "" : "\n") + END + "\n";
    Body body;
    try {
      body = HclParser.parse(f.display(), src);
    } catch (HclParseException e) {
      throw new EvalError("templatefile(): " + f.display() + ": " + e.reason());
    }
    Attribute t = body.attribute("t").orElseThrow();
    TfEvaluator inner = new TfEvaluator(null, c.evaluator().budget()).with(vars);
    Value v = inner.strict(t.expr());
    if (v.isUnknown()) return c.unknown(((Value.Unknown) v).reason());
    String s = TfValues.string(v, "template result");
    if (!trailingNewline && s.endsWith("\n")) s = s.substring(0, s.length() - 1);
    return new Value.Str(s, c.meta().withVia(c.meta().via() != null ? c.meta().via() : "templatefile " + f.display()));
  }
}
