package dev.exfilguard.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
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
