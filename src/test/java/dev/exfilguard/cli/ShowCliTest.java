package dev.exfilguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import dev.exfilguard.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code exfilguard show}: the evaluated deployment through the real CLI, text and JSON. */
class ShowCliTest {
  private static final Path REPO = Fixtures.repo();

  @Test
  void textShowsResourcesTheirValuesWithOriginsAndTheLinks() {
    Result r = CliProcess.run(REPO, "show", "testdata/links/arm-required-prefix/bad");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    String out = r.stdout();
    assertTrue(out.contains("Microsoft.Network/virtualNetworks  {prefix}-vnet\n"), out);
    assertTrue(out.contains("  declared  testdata/links/arm-required-prefix/bad/azuredeploy.json:11\n"), out);
    assertTrue(out.contains("  properties.properties.enableNodePublicIp = false\n"), out);
    assertTrue(out.contains("properties.properties.subnet.id = /subscriptions/{subscription().subscriptionId}/resourceGroups/"
        + "{resourceGroup().name}/providers/Microsoft.Network/virtualNetworks/{prefix}-vnet/subnets/snet-train  (symbol)"), out);
    assertTrue(out.contains("  computes {prefix}-mlw/cpu properties.properties.subnet.id -> subnets {prefix}-vnet/snet-train\n"), out);
  }

  @Test
  void defaultsAndParametersSayWhereTheyCameFrom() {
    Result r = CliProcess.run(REPO, "show", "testdata/demo");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("(parameter: parameter 'clusterPublicIp' default at testdata/demo/arm/azuredeploy.json:12)"), r.stdout());
    assertTrue(r.stdout().contains("(default: "), r.stdout());
  }

  @Test
  void undecidedLinksAreShownAsSuch() {
    Result r = CliProcess.run(REPO, "show", "testdata/rules/undecided-network-link/arm/bad.json");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains(" -?-> subnets vnet-{prefix}/snet-train  (undecided: depends on computeVnet, prefix)"), r.stdout());
  }

  @Test
  void jsonIsTheDocumentedStableDocument() throws Exception {
    Result r = CliProcess.run(REPO, "show", "testdata/links/tf-module-outputs/bad/root", "--format", "json");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    JsonNode doc = new ObjectMapper().readTree(r.stdoutBytes());
    JsonNode schema = new ObjectMapper().readTree(REPO.resolve("schemas/show-v1.schema.json").toFile());
    Set<ValidationMessage> problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema).validate(doc);
    assertEquals(Set.of(), problems, r.stdout());
    List<String> addresses = new ArrayList<>();
    doc.get("resources").forEach(x -> addresses.add(x.get("address").asText()));
    assertTrue(addresses.contains("module.net.module.snet.azurerm_subnet.this"), addresses.toString());
    boolean computeToSubnet = false;
    for (JsonNode e : doc.get("edges")) {
      computeToSubnet |= e.get("from").asText().equals("azurerm_machine_learning_compute_cluster.cpu")
          && e.get("to").asText().equals("module.net.module.snet.azurerm_subnet.this") && e.get("decided").asBoolean();
    }
    assertTrue(computeToSubnet, doc.get("edges").toString());
    // the same inputs give the same bytes
    assertEquals(r.stdout(), CliProcess.run(REPO, "show", "testdata/links/tf-module-outputs/bad/root", "--format", "json").stdout());
  }

  @Test
  void theReadmeExampleIsWhatShowPrints() throws Exception {
    List<String> readme = java.nio.file.Files.readAllLines(REPO.resolve("README.md"));
    int start = -1;
    for (int i = 0; i < readme.size(); i++) if (readme.get(i).startsWith("$ exfilguard show ")) start = i;
    assertTrue(start >= 0, "the README shows a show example");
    String[] command = readme.get(start).substring("$ exfilguard ".length()).split(" ");
    Result r = CliProcess.run(REPO, command);
    assertEquals(Main.OK, r.exitCode(), r::toString);
    List<String> actual = r.stdout().lines().toList();
    for (int i = start + 1; !readme.get(i).startsWith("```"); i++) {
      String line = readme.get(i);
      assertTrue(actual.contains(line), "README line not in the output: " + line + "\n" + r.stdout());
    }
  }

  @Test
  void aBrokenInputIsAnErrorAndExitTwo() {
    Result r = CliProcess.run(REPO, "show", "testdata/terraform/parse-error");
    assertEquals(Main.ERROR, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains(": error: "), r.stderr());
  }
}
