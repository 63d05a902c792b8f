package dev.exfilguard.model;

/** The kind of input a resource was read from. */
public enum SourceFormat {
  ARM,
  TERRAFORM
}
