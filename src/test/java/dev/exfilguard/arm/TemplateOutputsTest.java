package dev.exfilguard.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exfilguard.model.Value;
import dev.exfilguard.source.TreeReader;
import dev.exfilguard.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A template's top-level outputs as a deployment would return them, a nested deployment
 * parameter given by a copy loop (as the Bicep compiler writes a module parameter that is a loop),
 * and property names that are expressions (as it writes interpolated keys).
 */
class TemplateOutputsTest {
  private static Map<String, Value> outputs() throws Exception {
    Path file = Fixtures.repo().resolve("testdata/arm/module-parameter-copy.json");
    Value.Obj t = (Value.Obj) TreeReader.readJson("module-parameter-copy.json", Files.readString(file));
    return TemplateReader.outputs(t, Map.of(), new ArrayList<>());
  }

  @Test
  void aParameterGivenByACopyLoopReachesTheNestedTemplate() throws Exception {
    assertEquals("8443", Value.render(outputs().get("fromModule")));
  }

  @Test
  void aParameterEntryThatIsAnExpressionIsTheEntryItEvaluatesTo() throws Exception {
    assertEquals("many", Value.render(outputs().get("label")));
  }

  @Test
  void propertyNamesThatAreExpressionsAreEvaluated() throws Exception {
    Value.Obj keyed = (Value.Obj) outputs().get("keyed");
    assertEquals(java.util.List.of("port-443", "[literal]"), java.util.List.copyOf(keyed.fields().keySet()));
  }

  @Test
  void anOutputCopyLoopIsAnArray() throws Exception {
    assertEquals("[0, 10]", Value.render(outputs().get("counted")));
  }
}
