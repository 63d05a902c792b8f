package dev.exfilguard.report;

import dev.exfilguard.engine.ScanReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Runs a reporter into a string. */
final class Render {
  private Render() {}

  static String of(Reporter reporter, ScanReport report) {
    StringWriter out = new StringWriter();
    try {
      reporter.write(report, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
