package dev.exfilguard.model;

/** Where a known value came from. Unknown values are {@link Value.Unknown}, not an origin. */
public enum Origin {
  /** Written in the scanned source (directly or through parameters, variables, expressions). */
  EXPLICIT,
  /** Not written: a platform or provider default applied by an adapter. */
  DEFAULT
}
