package dev.exfilguard.hcl;

/** An object key written as a bare identifier: {@code name} in {@code { name = 1 }}. */
public record ObjectKey(String name, Range range, String sourceText) implements Expression {}
