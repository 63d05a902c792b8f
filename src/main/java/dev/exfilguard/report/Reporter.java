package dev.exfilguard.report;

import dev.exfilguard.engine.ScanReport;
import java.io.IOException;
import java.io.Writer;

/** Writes a scan's results in one output format. Reporters see findings and rule metadata only. */
public interface Reporter {
  void write(ScanReport report, Writer out) throws IOException;
}
