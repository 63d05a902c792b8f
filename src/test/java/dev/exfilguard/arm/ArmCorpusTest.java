package dev.exfilguard.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Origin;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.TreeReader;
import dev.exfilguard.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The ARM reader on the public corpus, read in place. */
class ArmCorpusTest {
  private static final String END_TO_END =
      "Azure/azure-quickstart-templates/quickstarts/microsoft.machinelearningservices/machine-learning-end-to-end-secure/azuredeploy.json";

  private static ReadResult read(Path file, InputOptions options) throws Exception {
    Value root = TreeReader.readJson(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    return ArmReader.read(file, (Value.Obj) root, new DiskSources(), options);
  }

  private static Path corpus() {
    return Fixtures.shared().resolve("corpus");
  }

  @Test
  void everyCorpusTemplateLoadsWithoutErrorOrUnevaluatedFunction() throws Exception {
    List<Path> templates = new ArrayList<>();
    try (Stream<Path> s = Files.walk(corpus())) {
      for (Path p : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        Value root = TreeReader.readJson(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        if (TemplateReader.isTemplate(root)) templates.add(p);
      }
    }
    assertTrue(templates.size() >= 30, "the corpus holds the ARM templates: " + templates.size());
    List<String> problems = new ArrayList<>();
    for (Path t : templates) {
      for (Diagnostic d : read(t, InputOptions.NONE).diagnostics()) {
        if (d.kind() == Diagnostic.Kind.ERROR || d.message().contains("is not evaluated")) problems.add(d.toString());
      }
    }
    assertEquals(List.of(), problems);
  }

  private static Resource named(ReadResult r, String namePart, String type) {
    return r.resources().stream().filter(x -> x.isType(type) && x.name().contains(namePart)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " " + namePart));
  }

  @Test
  void endToEndSecureClusterHasAPublicIpFromTheTopLevelDefaultThreeLevelsDown() throws Exception {
    ReadResult r = read(corpus().resolve(END_TO_END), InputOptions.NONE);
    Resource cluster = named(r, "cluster001", "Microsoft.MachineLearningServices/workspaces/computes");
    Value ip = cluster.at("properties.properties.enableNodePublicIp").orElseThrow();
    assertEquals(true, ((Value.Bool) ip).value());
    assertEquals(Origin.EXPLICIT, ip.meta().origin());
    assertEquals(1774, ip.location().line(), "the attribute that uses the parameter");
    String via = ip.meta().via();
    // machineLearningComputes (1684) <- mlw deployment (1312) <- the top-level default (84)
    assertTrue(via.matches("parameter 'amlComputePublicIp' set at .*azuredeploy.json:1684, "
        + "parameter 'amlComputePublicIp' set at .*azuredeploy.json:1312, "
        + "parameter 'amlComputePublicIp' default at .*azuredeploy.json:84"), via);
    Resource instance = named(r, "ci001", "Microsoft.MachineLearningServices/workspaces/computes");
    Value def = instance.at("properties.properties.enableNodePublicIp").orElseThrow();
    assertEquals(Origin.DEFAULT, def.meta().origin(), "the compute instance omits it: Y-def");
  }

  /** A rule's destination: its text, or how a string built from symbols reads. */
  private static String destination(ResourceGraph g, Resource nsg, String rule) {
    Value v = g.children(nsg, "securityRules").stream().filter(c -> c.name().equals(rule)).findFirst().orElseThrow()
        .body().get("properties").map(p -> ((Value.Obj) p).get("destinationAddressPrefix").orElseThrow()).orElseThrow();
    dev.exfilguard.model.Term t = Value.termOf(v);
    assertTrue(t != null, rule + ": " + v);
    return t.render();
  }

  @Test
  void endToEndSecureRegionalTagsFollowTheLocation() throws Exception {
    ReadResult unknownRegion = read(corpus().resolve(END_TO_END), InputOptions.NONE);
    ResourceGraph g = new ResourceGraph(unknownRegion.resources());
    Resource nsg = g.ofType("Microsoft.Network/networkSecurityGroups").get(0);
    // location defaults to resourceGroup().location: a Storage tag of an unknown region
    assertEquals("Storage.{resourceGroup().location}", destination(g, nsg, "AzureStorageAccount"));
    assertEquals("AzureFrontDoor.FrontEnd", destination(g, nsg, "AzureFrontDoor"));

    ReadResult known = read(corpus().resolve(END_TO_END),
        new InputOptions(Map.of("location", "westeurope"), List.of(), Map.of(), List.of(), Map.of()));
    ResourceGraph k = new ResourceGraph(known.resources());
    Resource knownNsg = k.ofType("Microsoft.Network/networkSecurityGroups").get(0);
    assertEquals("Storage.westeurope", destination(k, knownNsg, "AzureStorageAccount"));
    assertEquals("AzureContainerRegistry.westeurope", destination(k, knownNsg, "AzureContainerRegistry"));
  }

  @Test
  void endToEndSecurePlaceholdersInItsParametersFileAreUnknown() throws Exception {
    ReadResult r = read(corpus().resolve(END_TO_END), InputOptions.NONE);
    // prefix is GEN-UNIQUE-6 in the sibling parameters file: a symbol, and names built from it read so
    Resource nsg = r.resources().stream().filter(x -> x.isType("Microsoft.Network/networkSecurityGroups")).findFirst().orElseThrow();
    assertEquals("nsg-{prefix}-{substring(uniqueString(resourceGroup().id),0,4)}", nsg.name());
    assertTrue(!nsg.nameTerm().isText());
  }
}
