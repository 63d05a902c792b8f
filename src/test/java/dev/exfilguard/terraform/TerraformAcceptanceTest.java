package dev.exfilguard.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.engine.Scanner;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.rules.Rule;
import dev.exfilguard.rules.RuleLoader;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Terraform as a user scans it: values that cross files and modules reach the rules, Unknown
 * values do not fire, and every Terraform directory of the public corpus loads without error.
 */
class TerraformAcceptanceTest {
  private static List<Rule> rules;

  @BeforeAll
  static void loadRules() throws Exception {
    rules = RuleLoader.loadDirectory(Fixtures.repo().resolve("rules"));
  }

  private static ScanReport scan(InputOptions options, Path... paths) {
    return new Scanner(rules, Fixtures.repo(), options).scan(List.of(paths), "test");
  }

  private static List<String> findings(ScanReport r, String ruleId) {
    return r.findings().stream().filter(f -> f.ruleId().equals(ruleId))
        .map(f -> f.location().file() + ":" + f.location().line() + " " + f.resourceAddress()).toList();
  }

  @Test
  void frontDoorFromAVariableDefaultThroughALocalAndAModuleInputIsFlaggedWhereTheRuleSetsIt() {
    ScanReport r = scan(InputOptions.NONE, Path.of("testdata/terraform/frontdoor-module"));
    assertEquals(List.of("testdata/terraform/frontdoor-module/modules/nsg/main.tf:18 module.nsg.azurerm_network_security_rule.studio"),
        findings(r, "AMLX-22"));
    Finding f = r.findings().stream().filter(x -> x.ruleId().equals("AMLX-22")).findFirst().orElseThrow();
    assertTrue(f.message().contains("variable 'studio_destination' default at testdata/terraform/frontdoor-module/variables.tf:9"), f.message());
    assertEquals(List.of(), r.diagnostics());
    assertEquals(4, r.files().size(), "the child module is read once, as part of its caller: " + r.files());
  }

  @Test
  void theSameRuleWithAnUnknownDestinationIsNotFlagged() {
    ScanReport r = scan(InputOptions.NONE, Path.of("testdata/terraform/frontdoor-module-unknown"));
    assertEquals(List.of(), findings(r, "AMLX-22"));
  }

  @Test
  void aVarOnTheCommandLineDecidesTheUnknownCase() {
    ScanReport r = scan(new InputOptions(Map.of(), List.of(), Map.of("studio_destination", "AzureFrontDoor.Frontend"), List.of(), Map.of()),
        Path.of("testdata/terraform/frontdoor-module-unknown"));
    assertEquals(List.of("testdata/terraform/frontdoor-module-unknown/modules/nsg/main.tf:18 module.nsg.azurerm_network_security_rule.studio"),
        findings(r, "AMLX-22"));
    Finding f = r.findings().stream().filter(x -> x.ruleId().equals("AMLX-22")).findFirst().orElseThrow();
    assertTrue(f.message().contains("--var studio_destination"), f.message());
  }

  @Test
  void namingOneFileReportsOnlyThatFile() {
    // the pre-commit case: the module's files are read for context, the child module too
    ScanReport r = scan(InputOptions.NONE, Path.of("testdata/terraform/frontdoor-module/variables.tf"));
    assertEquals(List.of(), findings(r, "AMLX-22"));
    ScanReport child = scan(InputOptions.NONE, Path.of("testdata/terraform/frontdoor-module/modules/nsg/main.tf"));
    assertEquals(List.of(), findings(child, "AMLX-22"), "alone, the module's destination is an unset variable");
  }

  @Test
  void jsonConfigurationIsAModuleOfItsOwn() {
    ScanReport r = scan(InputOptions.NONE, Path.of("testdata/terraform/tfjson"));
    assertEquals(List.of("testdata/terraform/tfjson/main.tf.json:27 azurerm_network_security_group.nsg"), findings(r, "AMLX-22"));
    assertEquals(List.of("testdata/terraform/tfjson/main.tf.json"), r.files());
  }

  @Test
  void aDeployedTemplateIsScannedOnceAsPartOfItsDeployment() {
    ScanReport r = scan(InputOptions.NONE, Path.of("testdata/terraform/graph"));
    assertEquals(List.of("testdata/terraform/graph/main.tf:170 Microsoft.Network/networkSecurityGroups/nsg-arm-inline",
        "testdata/terraform/graph/templates/nsg.json:17 Microsoft.Network/networkSecurityGroups/nsg-arm-file"), findings(r, "AMLX-22"));
    assertEquals(1, r.files().stream().filter(f -> f.endsWith("templates/nsg.json")).count(), r.files().toString());
    assertTrue(r.diagnostics().stream().noneMatch(d -> d.kind() == Diagnostic.Kind.ERROR), r.diagnostics().toString());
  }

  @Test
  void everyCorpusTerraformDirectoryLoadsWithoutError() throws Exception {
    Path corpus = Fixtures.shared().resolve("corpus");
    List<Path> dirs;
    try (Stream<Path> s = Files.walk(corpus)) {
      dirs = s.filter(p -> p.toString().endsWith(".tf")).map(Path::getParent).distinct().sorted().toList();
    }
    assertTrue(dirs.size() >= 15, dirs.toString());
    for (Path d : dirs) {
      TerraformReader.Loaded l = TerraformReader.load(d, Loader.moduleFiles(Tf.files(corpus), d), Tf.files(corpus), InputOptions.NONE);
      List<Diagnostic> errors = l.result().diagnostics().stream().filter(x -> x.kind() == Diagnostic.Kind.ERROR).toList();
      assertEquals(List.of(), errors, d.toString());
      assertTrue(!l.files().isEmpty(), d.toString());
    }
  }

  @Test
  void corpusLocalModulesAreFollowed() throws Exception {
    Path d = Fixtures.shared().resolve("corpus/hashicorp/terraform-provider-azurerm/examples/recovery-services/virtual-machine");
    TerraformReader.Loaded l = TerraformReader.load(d, Loader.moduleFiles(Tf.files(d), d), Tf.files(d), InputOptions.NONE);
    assertEquals(2, l.childModules().size(), l.childModules().toString());
    assertTrue(l.result().resources().stream().anyMatch(r -> r.address().startsWith("module.")),
        l.result().resources().stream().map(r -> r.address()).toList().toString());
  }

  @Test
  void corpusQuickstartsGiveTheReadmesComputeFindings() throws Exception {
    Path q = Fixtures.shared().resolve("corpus/Azure/terraform/quickstart");
    ScanReport r = new Scanner(rules, q, InputOptions.NONE).scan(List.of(q), "test");
    assertEquals(List.of(
            "101-machine-learning/compute.tf:10 azurerm_machine_learning_compute_instance.main",
            "101-machine-learning/compute.tf:18 azurerm_machine_learning_compute_cluster.compute",
            "201-machine-learning-moderately-secure/compute.tf:10 azurerm_machine_learning_compute_instance.compute_instance",
            "201-machine-learning-moderately-secure/compute.tf:23 azurerm_machine_learning_compute_cluster.compute",
            "201-machine-learning-moderately-secure/workspace.tf:188 azurerm_machine_learning_compute_cluster.image-builder"),
        findings(r, "AMLX-02"));
    assertTrue(r.diagnostics().stream().noneMatch(x -> x.kind() == Diagnostic.Kind.ERROR), r.diagnostics().toString());
  }
}
