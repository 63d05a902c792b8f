package dev.exfilguard.hcl;

/**
 * A point in a source file. Line and column are 1-based; the column counts UTF-16 chars (as
 * Java strings do), so a character outside the BMP takes two columns. The offset is 0-based
 * into the exact string handed to {@link HclParser#parse}, BOM included, so
 * {@code content.substring(start.offset(), end.offset())} is always the source of a range.
 */
public record Pos(int line, int column, int offset) {}
