package dev.exfilguard.rules;

/** Three-valued logic: a condition over an Unknown value is itself UNKNOWN, never a finding. */
public enum Tri {
  TRUE,
  FALSE,
  UNKNOWN;

  public static Tri of(boolean b) {
    return b ? TRUE : FALSE;
  }

  public Tri not() {
    return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
  }
}
