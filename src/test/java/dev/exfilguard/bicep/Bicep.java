package dev.exfilguard.bicep;

import dev.exfilguard.arm.TemplateReader;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the repository's Bicep test files the way the engine does. */
final class Bicep {
  private Bicep() {}

  static Path file(String relative) {
    return Fixtures.repo().resolve(relative);
  }

  static BicepReader.Loaded load(String relative) {
    return BicepReader.read(file(relative), new Fixtures.RepoSources(), InputOptions.NONE);
  }

  static ReadResult read(String relative) {
    return load(relative).result();
  }

  /** The template's outputs, evaluated. */
  static Map<String, Value> outputs(String relative) {
    BicepReader.LoweredTemplate t = BicepReader.lower(file(relative), new Fixtures.RepoSources(), null);
    return TemplateReader.outputs(t.template(), Map.of(), new ArrayList<>());
  }

  static Resource resource(ReadResult r, String type, String name) {
    return r.resources().stream().filter(x -> x.isType(type) && x.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " " + name + " in " + r.resources().stream().map(Resource::address).toList()));
  }

  static String at(Resource r, String path) {
    return Value.render(r.at(path).orElseThrow(() -> new AssertionError(r.address() + " has no " + path)));
  }

  static List<String> errors(ReadResult r) {
    return r.diagnostics().stream().filter(d -> d.kind() == Diagnostic.Kind.ERROR).map(Object::toString).toList();
  }
}
