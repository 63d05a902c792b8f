package dev.exfilguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.testing.Fixtures;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The severities the fixture markers do not check: AMLX-01 is an INFO note when the workspace is
 * not in the source, AMLX-02 an INFO note on a managed-network workspace, both HIGH/LOW otherwise.
 */
class ComputeNetworkSeverityTest {

  private static Map<String, Severity> severities(String ruleName, String fixture) throws Exception {
    Rule rule = RuleLoader.loadDirectory(Fixtures.repo().resolve("rules")).stream()
        .filter(r -> r.meta().name().equals(ruleName)).findFirst().orElseThrow();
    String display = "testdata/rules/" + ruleName + "/" + fixture;
    ResourceGraph graph = new ResourceGraph(Fixtures.read(Fixtures.repo().resolve(display), display).resources());
    Map<String, Severity> out = new TreeMap<>();
    for (Hit h : rule.evaluate(graph)) out.put(h.resourceAddress(), h.severity() == null ? rule.meta().severity() : h.severity());
    return out;
  }

  @Test
  void computeNotIsolatedIsHighWithItsWorkspaceAndInfoWithout() throws Exception {
    assertEquals(Map.of(
            "azurerm_machine_learning_compute_cluster.literal_workspace", Severity.INFO,
            "azurerm_machine_learning_compute_cluster.no_subnet", Severity.HIGH,
            "azurerm_machine_learning_compute_instance.data_workspace", Severity.INFO,
            "azurerm_machine_learning_compute_instance.empty_subnet", Severity.HIGH,
            "azurerm_machine_learning_compute_instance.var_workspace", Severity.HIGH),
        severities("compute-not-isolated", "terraform/bad.tf"));
    Map<String, Severity> arm = severities("compute-not-isolated", "arm/bad.json");
    String p = "Microsoft.MachineLearningServices/workspaces/computes/";
    assertEquals(Severity.INFO, arm.get(p + "mlw-elsewhere/cpu-unresolved"));
    assertEquals(Severity.INFO, arm.get(p + "mlw-existing/ci-existing-workspace"));
    assertEquals(Severity.HIGH, arm.get(p + "proj-open/ci-project"));
    assertEquals(Severity.HIGH, arm.get(p + "mlw-param/cpu-param"));
  }

  @Test
  void computePublicIpIsInfoOnlyOnAManagedNetwork() throws Exception {
    Map<String, Severity> tf = severities("compute-public-ip", "terraform/bad.tf");
    assertEquals(Severity.INFO, tf.get("azurerm_machine_learning_compute_cluster.managed"));
    assertEquals(Severity.LOW, tf.get("azurerm_machine_learning_compute_cluster.explicit"));
    assertEquals(Severity.LOW, tf.get("azurerm_machine_learning_compute_instance.omitted"));
    Map<String, Severity> arm = severities("compute-public-ip", "arm/bad.json");
    String p = "Microsoft.MachineLearningServices/workspaces/computes/";
    assertEquals(Severity.INFO, arm.get(p + "mlw-managed/ci-managed"));
    assertEquals(Severity.LOW, arm.get(p + "mlw-01/ci-omitted"));
  }
}
