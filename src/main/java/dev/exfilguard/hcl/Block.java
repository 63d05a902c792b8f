package dev.exfilguard.hcl;

import java.util.List;

/**
 * {@code type "label" label { ... }}. Labels are decoded (quoted labels lose their quotes);
 * {@code range} runs from the type keyword to the closing brace inclusive, and
 * {@code labelRanges} are parallel to {@code labels} (quotes included for quoted labels).
 */
public record Block(String type, List<String> labels, Body body, Range range, List<Range> labelRanges) {

  public Block {
    labels = List.copyOf(labels);
    labelRanges = List.copyOf(labelRanges);
  }
}
