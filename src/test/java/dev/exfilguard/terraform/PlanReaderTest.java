package dev.exfilguard.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.engine.Scanner;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.rules.RuleLoader;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.TreeReader;
import dev.exfilguard.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** terraform show -json output: planned values through the azurerm mapping, located in the plan. */
class PlanReaderTest {
  private static final String FILE = "testdata/terraform/plan/plan.json";

  private static ReadResult read() throws Exception {
    Value root = TreeReader.readJson(FILE, Files.readString(Path.of(FILE)));
    assertTrue(TerraformReader.isPlan(root));
    return TerraformReader.readPlan(Path.of(FILE), (Value.Obj) root, Tf.files(Path.of("testdata/terraform/plan")), InputOptions.NONE);
  }

  @Test
  void plannedResourcesWithTheirAddresses() throws Exception {
    ReadResult r = read();
    assertEquals(List.of(), r.diagnostics());
    assertEquals(List.of(
            "azurerm_network_security_group.ml nsg-ml",
            "azurerm_subnet.compute vnet-ml/snet-compute",
            "azurerm_machine_learning_compute_cluster.cpu (unknown)/cpu-cluster",
            "module.workspace.azurerm_machine_learning_workspace.this mlw-ml"),
        r.resources().stream().map(x -> x.address() + " " + x.name()).toList());
    Resource nsg = r.resources().get(0);
    assertEquals(new dev.exfilguard.model.Location(FILE, 7, 9), nsg.location());
    Value dest = nsg.at("properties.securityRules[0].properties.destinationAddressPrefix").orElseThrow();
    assertEquals("AzureFrontDoor.Frontend", ((Value.Str) dest).value());
    assertEquals(22, dest.location().line());
  }

  @Test
  void idsCreatedInTheSamePlanLinkThroughTheConfigurationsReferences() throws Exception {
    ReadResult r = read();
    ResourceGraph g = new ResourceGraph(r.resources());
    Resource cc = AzurermMappingTest.addressed(r, "azurerm_machine_learning_compute_cluster.cpu");
    Value subnetId = cc.at("properties.properties.subnet.id").orElseThrow();
    Resource subnet = g.resolveId(((Value.Str) subnetId).value()).orElseThrow();
    assertEquals("azurerm_subnet.compute", subnet.address());
    String nsgId = ((Value.Str) subnet.at("properties.networkSecurityGroup.id").orElseThrow()).value();
    assertEquals("azurerm_network_security_group.ml", g.resolveId(nsgId).orElseThrow().address(), "the association is merged into the subnet");
    Value ssh = cc.at("properties.properties.remoteLoginPortPublicAccess").orElseThrow();
    assertEquals("Disabled", ((Value.Str) ssh).value());
    assertEquals(dev.exfilguard.model.Origin.EXPLICIT, ssh.meta().origin(), "a plan holds the value the provider will send");
  }

  @Test
  void aPlanIsAThirdInputOfTheScan() throws Exception {
    ScanReport r = new Scanner(RuleLoader.loadDirectory(Fixtures.repo().resolve("rules")), Fixtures.repo())
        .scan(List.of(Path.of("testdata/terraform/plan")), "test");
    // the plan was written for these two; other rules may judge its subnet and workspace too
    assertEquals(List.of("AMLX-02 testdata/terraform/plan/plan.json:158 azurerm_machine_learning_compute_cluster.cpu",
            "AMLX-22 testdata/terraform/plan/plan.json:22 azurerm_network_security_group.ml"),
        r.findings().stream().filter(f -> f.ruleId().equals("AMLX-02") || f.ruleId().equals("AMLX-22"))
            .map(f -> f.ruleId() + " " + f.location().file() + ":" + f.location().line() + " " + f.resourceAddress()).sorted().toList());
    assertTrue(r.findings().stream().allMatch(f -> f.location().file().equals(FILE)), r.findings().toString());
    assertTrue(r.findings().stream().noneMatch(f -> f.ruleId().equals("AMLX-21")), "the NSG denies internet outbound: " + r.findings());
    assertEquals(List.of(FILE), r.files());
  }
}
