package dev.exfilguard.bicep;

/**
 * Entry point: parses a {@code .bicep} or {@code .bicepparam} file into a {@link Syntax.Program}
 * with a {@link Span} on every node. It only parses: nothing is evaluated, looked up or read, so
 * it is safe on untrusted input. Thread-safe: every call works on its own state.
 */
public final class BicepParser {
  private BicepParser() {}

  /**
   * @param file display path, copied into errors
   * @param content the whole file; a leading UTF-8 BOM is skipped
   * @throws BicepParseException at the first syntax error
   */
  public static Syntax.Program parse(String file, String content) throws BicepParseException {
    Parser parser = new Parser(file, Lexer.scan(file, content));
    try {
      return parser.parseProgram();
    } catch (StackOverflowError e) {
      // the depth limit keeps recursion within a default thread stack, but a caller may run us
      // on a smaller one; the parser holds no shared state, so recovering is safe
      throw parser.stackExhausted();
    }
  }
}
