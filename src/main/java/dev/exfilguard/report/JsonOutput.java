package dev.exfilguard.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * How the machine formats (JSON, SARIF) are serialised, so both are byte-stable: two-space
 * indent and {@code \n} on every platform (Jackson's default indenter uses the platform line
 * separator), absent values left out, maps in the order they were built (reporters build them in a fixed order), the caller's writer never closed (it is usually stdout).
 */
final class JsonOutput {
  private JsonOutput() {}

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  static {
    MAPPER.getFactory().setCharacterEscapes(new VisibleEscapes());
  }

  /**
   * Controls other than line breaks and tabs, and bidi overrides, are written as visible escapes
   * inside the string ({@code "\\u202e"}, which reads back as the six characters {@code \u202e}):
   * a JSON {@code \u202e} would read back as the override itself and reach whatever shows it (code
   * scanning's alert view, a pull-request comment). Line feeds and tabs keep JSON's own escapes:
   * rule help texts are written with them.
   */
  private static final class VisibleEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    VisibleEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      for (int c = 0; c < 0x20; c++) if (c != '\n' && c != '\t') ascii[c] = CharacterEscapes.ESCAPE_CUSTOM;
      ascii[0x7f] = CharacterEscapes.ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch > 0xFFFF || !TerminalSafe.unsafe((char) ch) || ch == '\n' || ch == '\t') return null;
      // the escape's backslash, escaped for JSON
      return new SerializedString("\\" + TerminalSafe.escape((char) ch));
    }
  }

  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  static void write(Object document, Writer out) throws IOException {
    WRITER.writeValue(out, document);
    out.write('\n');
    out.flush();
  }
}
