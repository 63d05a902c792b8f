package dev.exfilguard.hcl;

/**
 * Entry point: parses HCL native syntax (Terraform {@code .tf}/{@code .tfvars}) into an AST
 * with source ranges. It only parses; nothing is evaluated, looked up or fetched, so it is
 * safe on untrusted input. Thread-safe: every call works on its own state.
 */
public final class HclParser {

  private HclParser() {}

  /**
   * @param file display path, copied into every {@link Range} and error
   * @param content the whole file; a leading UTF-8 BOM is skipped
   * @throws HclParseException at the first syntax error
   */
  public static Body parse(String file, String content) throws HclParseException {
    Parser parser = new Parser(file, content, Lexer.scan(file, content));
    try {
      return parser.parseFile();
    } catch (StackOverflowError e) {
      // The depth limit keeps the recursion within a default 1 MB thread stack, but a caller
      // may run us on a smaller one; the parser holds no shared state, so recovering is safe.
      throw parser.stackExhausted();
    }
  }
}
