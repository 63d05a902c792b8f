package dev.exfilguard.model;

import java.util.List;

/** What a reader made of one input (a template, a Terraform module): resources and diagnostics. */
public record ReadResult(List<Resource> resources, List<Diagnostic> diagnostics) {
  public ReadResult {
    resources = List.copyOf(resources);
    diagnostics = List.copyOf(diagnostics);
  }
}
