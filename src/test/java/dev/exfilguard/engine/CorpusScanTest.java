package dev.exfilguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.rules.RuleLoader;
import dev.exfilguard.rules.Severity;
import dev.exfilguard.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public corpus, read in place: every file loads without an error, and the findings agree
 * with what the corpus README lists, nested deployments included.
 */
class CorpusScanTest {
  private static ScanReport report;
  private static Path corpus;

  @BeforeAll
  static void scanCorpus() throws Exception {
    corpus = Fixtures.shared().resolve("corpus");
    report = new Scanner(RuleLoader.loadDirectory(Fixtures.repo().resolve("rules")), corpus).scan(List.of(corpus), "test");
  }

  @Test
  void everyCorpusFileLoadsWithoutError() throws Exception {
    List<Diagnostic> errors = report.diagnostics().stream().filter(d -> d.kind() == Diagnostic.Kind.ERROR).toList();
    assertEquals(List.of(), errors);
    long templates;
    try (Stream<Path> s = Files.walk(corpus)) {
      templates = s.filter(p -> p.toString().endsWith(".tf")
          || (p.toString().endsWith(".json") && !p.toString().endsWith("parameters.json"))).count();
    }
    assertEquals(templates, report.files().size(), "every template and .tf file is read: " + report.files());
  }

  private List<String> findings(String ruleId, String fileSuffix) {
    return report.findings().stream()
        .filter(f -> f.ruleId().equals(ruleId) && f.location().file().endsWith(fileSuffix))
        .map(f -> f.location().line() + " " + f.resourceAddress())
        .toList();
  }

  @Test
  void quickstart101ComputeHasDefaultPublicIps() {
    assertEquals(List.of("10 azurerm_machine_learning_compute_instance.main", "18 azurerm_machine_learning_compute_cluster.compute"),
        findings("AMLX-02", "101-machine-learning/compute.tf"));
  }

  @Test
  void quickstart201InstanceAndBothClustersHaveDefaultPublicIps() {
    assertEquals(List.of("10 azurerm_machine_learning_compute_instance.compute_instance", "23 azurerm_machine_learning_compute_cluster.compute"),
        findings("AMLX-02", "201-machine-learning-moderately-secure/compute.tf"));
    assertEquals(List.of("188 azurerm_machine_learning_compute_cluster.image-builder"),
        findings("AMLX-02", "201-machine-learning-moderately-secure/workspace.tf"));
  }

  @Test
  void armComputeQuickstartsHaveDefaultPublicIps() {
    assertEquals(1, findings("AMLX-02", "machine-learning-compute-create-amlcompute/azuredeploy.json").size());
    assertEquals(1, findings("AMLX-02", "machine-learning-compute-create-computeinstance/azuredeploy.json").size());
  }

  @Test
  void endToEndSecureFindingsAreThoseTheReadmeLists() {
    String file = "machine-learning-end-to-end-secure/azuredeploy.json";
    // the cluster's Y-param (amlComputePublicIp, three deployments down) and the instance's Y-def
    List<String> pip = findings("AMLX-02", file);
    assertEquals(2, pip.size(), pip.toString());
    assertTrue(pip.get(0).startsWith("1774 Microsoft.MachineLearningServices/workspaces/computes/"), pip.toString());
    assertTrue(pip.get(1).startsWith("1789 Microsoft.MachineLearningServices/workspaces/computes/"), pip.toString());
    Finding cluster = report.findings().stream()
        .filter(f -> f.ruleId().equals("AMLX-02") && f.location().file().endsWith(file) && f.location().line() == 1774)
        .findFirst().orElseThrow();
    assertTrue(cluster.message().contains("parameter 'amlComputePublicIp' default at ") && cluster.message().contains("azuredeploy.json:84"),
        cluster.message());
    // the network findings need the compute's subnet, which reaches it through three nested
    // deployments whose names come from 'prefix'. The parameters file sets prefix to a GEN-*
    // placeholder: a symbol, and every name built from it is built the same way on both sides of
    // each link, so the README's columns appear without a value for it: INET (impl.), the
    // AzureFrontDoor.FrontEnd allow, and no SEP or storage endpoint on snet-training
    List<String> network = report.findings().stream().filter(f -> f.location().file().endsWith(file) && !f.ruleId().equals("AMLX-02"))
        .map(f -> f.ruleId() + ":" + f.location().line() + ":" + f.severity()).toList();
    assertEquals(List.of("AMLX-21:153:HIGH", "AMLX-25:161:INFO", "AMLX-22:246:HIGH", "AMLX-10:396:HIGH", "AMLX-11:396:HIGH",
        "AMLX-52:1460:INFO"), network);
    Finding internet = report.findings().stream().filter(f -> f.ruleId().equals("AMLX-21") && f.location().file().endsWith(file))
        .findFirst().orElseThrow();
    assertTrue(internet.message().contains("snet-training") && internet.message().contains("AllowInternetOutBound"), internet.message());
    // names read as their terms, with the symbols named
    assertEquals("Microsoft.Network/networkSecurityGroups/nsg-{prefix}-{substring(uniqueString(resourceGroup().id),0,4)}",
        internet.resourceAddress());
  }

  @Test
  void endToEndSecureWithAPrefixLinksComputeToItsSubnetThroughNestedDeploymentOutputs() throws Exception {
    // with a value for 'prefix' the compute's subnet ID resolves through three deployments' outputs
    Path template = corpus.resolve("Azure/azure-quickstart-templates/quickstarts/microsoft.machinelearningservices/"
        + "machine-learning-end-to-end-secure/azuredeploy.json");
    ScanReport r = new Scanner(RuleLoader.loadDirectory(Fixtures.repo().resolve("rules")), corpus,
        new dev.exfilguard.source.InputOptions(java.util.Map.of("prefix", "demo"), List.of(), java.util.Map.of(), List.of(), java.util.Map.of()))
        .scan(List.of(template), "test");
    List<String> ids = r.findings().stream().map(f -> f.ruleId() + ":" + f.location().line()).toList();
    // README: INET (impl.): no outbound Deny, so the default rule lets compute out (AMLX-21); the
    // AzureFrontDoor.FrontEnd allow is its own finding (AMLX-22), fixed on its own; no SEP
    assertTrue(ids.containsAll(List.of("AMLX-21:153", "AMLX-22:246", "AMLX-10:396", "AMLX-11:396")), ids.toString());
    Finding internet = r.findings().stream().filter(f -> f.ruleId().equals("AMLX-21")).findFirst().orElseThrow();
    assertTrue(internet.message().contains("AllowInternetOutBound") && internet.message().contains("nsg-demo-"), internet.message());
    assertTrue(ids.containsAll(List.of("AMLX-02:1774", "AMLX-02:1789")), ids.toString());
    assertTrue(ids.stream().noneMatch(i -> i.startsWith("AMLX-06") || i.startsWith("AMLX-12")), ids.toString());
  }

  @Test
  void noServiceEndpointPolicyFindingWhereTheReadmeRulesItOut() {
    // the corpus holds no SEP with a literal alias; the ResourceModules SEP has caller-supplied definitions
    assertTrue(report.findings().stream().noneMatch(f -> f.ruleId().equals("AMLX-12") || f.ruleId().equals("AMLX-13")),
        report.findings().toString());
  }

  @Test
  void noFrontDoorFindingOutsideTheEndToEndTemplate() {
    assertTrue(report.findings().stream()
            .filter(f -> f.ruleId().equals("AMLX-22"))
            .allMatch(f -> f.location().file().contains("machine-learning-end-to-end-secure")),
        report.findings().toString());
  }

  @Test
  void forcedTunnelingFirewallWildcardsAreJudgedWithoutMlCompute() {
    // README: app rule targetFqdns * and network rule destinationAddresses *. The template has no
    // ML compute, so each rule is judged on its own: the app rule names no source addresses at
    // all (an INFO note, not a finding), and the network rule's source is one spoke CIDR, which
    // nothing ties to ML compute
    String file = "azurefirewall-forced-tunneling/azuredeploy.json";
    assertEquals(List.of("579 Microsoft.Network/azureFirewalls/firewall1"), findings("AMLX-30", file));
    assertTrue(report.findings().stream().filter(f -> f.ruleId().equals("AMLX-30") && f.location().file().endsWith(file))
        .allMatch(f -> f.severity() == dev.exfilguard.rules.Severity.INFO));
    assertEquals(List.of(), findings("AMLX-31", file));
  }

  @Test
  void providerFirewallExampleIsNotAnMlEgressPath() {
    // README: network rule * on 8000-8999 from the jump box subnet: no ML compute, a CIDR source
    // and ports without 443, so neither firewall rule applies
    assertEquals(List.of(), findings("AMLX-30", "examples/virtual-networks/azure-firewall/main.tf"));
    assertEquals(List.of(), findings("AMLX-31", "examples/virtual-networks/azure-firewall/main.tf"));
  }

  @Test
  void firewallRulesElsewhereInTheCorpusAreNamedHosts() {
    // the IP-group policy template allows www.microsoft.com and a WindowsUpdate FQDN tag only
    assertTrue(report.findings().stream()
            .filter(f -> f.ruleId().matches("AMLX-3[0-3]"))
            .allMatch(f -> f.location().file().endsWith("azurefirewall-forced-tunneling/azuredeploy.json")),
        report.findings().toString());
  }

  @Test
  void workspacesWithDefaultPublicAccessAreReportedWhereTheReadmeSaysYDef() {
    String ml = "quickstarts/microsoft.machinelearningservices/";
    assertEquals(List.of("132 Microsoft.MachineLearningServices/workspaces/mlw{name}{environment}"),
        findings("AMLX-06", ml + "machine-learning-workspace/azuredeploy.json"));
    assertEquals(1, findings("AMLX-06", ml + "machine-learning-compute-create-computeinstance/prereqs/prereq.azuredeploy.json").size());
    assertEquals(1, findings("AMLX-06", ml + "machine-learning-private-ip/azuredeploy.json").size());
    assertEquals(1, findings("AMLX-06", ml + "machine-learning-workspace-cmk/azuredeploy.json").size());
    // public_network_access_enabled = true, written out
    assertEquals(List.of("44 azurerm_machine_learning_workspace.default"), findings("AMLX-06", "101-machine-learning/workspace.tf"));
  }

  @Test
  void workspacesWithPublicAccessDisabledAreNotReported() {
    assertEquals(List.of(), findings("AMLX-06", "machine-learning-workspace-vnet/azuredeploy.json"));
    assertEquals(List.of(), findings("AMLX-06", "201-machine-learning-moderately-secure/workspace.tf"));
  }

  @Test
  void managedNetworksThatAllowInternetOutboundAreReportedWhereTheReadmeSaysSo() {
    // README MNET column: AllowInternetOutBound in these three (the last through a nested module's default)
    String ml = "quickstarts/microsoft.machinelearningservices/";
    for (String f : List.of("machine-learning-network-restricted", "aistudio-network-restricted", "aistudio-networking-aoao")) {
      assertEquals(1, findings("AMLX-03", ml + f + "/azuredeploy.json").size(), f + ": " + findings("AMLX-03", ml + f + "/azuredeploy.json"));
    }
    assertEquals(3, report.findings().stream().filter(f -> f.ruleId().equals("AMLX-03")).count());
    // no corpus compute names a subnet on a managed network, and no corpus file declares an environment
    for (String id : List.of("AMLX-05", "AMLX-50")) {
      assertTrue(report.findings().stream().noneMatch(f -> f.ruleId().equals(id)), id + ": " + report.findings());
    }
  }

  @Test
  void computesWithoutSubnetAreHighOnlyWhenTheirWorkspaceIsLinkedAndHasNoManagedNetwork() {
    // 101's workspace has a generated name ("${random_pet.prefix.id}-mlw"), but its computes name
    // it by reference (machine_learning_workspace_id = azurerm_machine_learning_workspace.default.id):
    // they are linked, and it has no managed network (README: MNET none), so they are HIGH
    assertEquals(List.of("10 azurerm_machine_learning_compute_instance.main", "18 azurerm_machine_learning_compute_cluster.compute"),
        findings("AMLX-01", "101-machine-learning/compute.tf"));
    assertTrue(report.findings().stream().filter(f -> f.ruleId().equals("AMLX-01") && f.location().file().endsWith("101-machine-learning/compute.tf"))
        .allMatch(f -> f.severity() == Severity.HIGH), report.findings().toString());
    // the ARM compute quickstarts name a workspace deployed elsewhere: INFO, never HIGH
    assertTrue(report.findings().stream().filter(f -> f.ruleId().equals("AMLX-01") && f.location().file().endsWith(".json"))
        .allMatch(f -> f.severity() == Severity.INFO), report.findings().toString());
  }
}
