package dev.exfilguard.report;

import dev.exfilguard.engine.Finding;
import dev.exfilguard.engine.ScanReport;
import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.rules.RuleMeta;
import dev.exfilguard.rules.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A realistic scan: Terraform and ARM findings, an unreadable file, a note. */
final class ReportFixtures {
  private ReportFixtures() {}

  static final RuleMeta FRONT_DOOR =
      new RuleMeta(
          "AMLX-01",
          "nsg-frontdoor-frontend-egress",
          "Outbound NSG rule allows the AzureFrontDoor.Frontend service tag",
          Severity.HIGH,
          "network",
          List.of("Microsoft.Network/networkSecurityGroups"),
          "AzureFrontDoor.Frontend covers every customer's Front Door endpoint, so a workload can"
              + " post data to an endpoint an attacker controls.",
          "Use AzureFrontDoor.FirstParty, or an allow-list of the endpoints the workspace needs.",
          List.of("https://learn.microsoft.com/azure/machine-learning/how-to-prevent-data-loss-exfiltration"),
          "rules/nsg-frontdoor-frontend-egress.yaml");

  static final RuleMeta PUBLIC_IP =
      new RuleMeta(
          "AMLX-07",
          "compute-node-public-ip",
          "Compute cluster nodes get public IP addresses",
          Severity.MEDIUM,
          "compute",
          List.of("Microsoft.MachineLearningServices/workspaces/computes"),
          "A node with a public IP reaches the internet without passing the subnet's egress controls.",
          "Set enableNodePublicIp to false (node_public_ip_enabled = false in azurerm 4.x).",
          List.of(),
          "rules/compute-node-public-ip.yaml");

  static final RuleMeta SEP_ALIAS =
      new RuleMeta(
          "AMLX-22",
          "sep-missing-ml-alias",
          "Service endpoint policy lacks the /services/Azure/MachineLearning alias",
          Severity.MEDIUM,
          "storage",
          List.of("Microsoft.Network/serviceEndpointPolicies"),
          "Without the alias, compute cannot reach the workspace's own storage and teams widen the policy.",
          "Add /services/Azure/MachineLearning to serviceAlias definitions.",
          List.of("https://learn.microsoft.com/azure/virtual-network/virtual-network-service-endpoint-policies-overview"),
          "rules/sep-missing-ml-alias.yaml");

  static final RuleMeta UNUSED_INFO =
      new RuleMeta(
          "AMLX-40",
          "workspace-outbound-mode",
          "Workspace managed network allows internet outbound",
          Severity.INFO,
          "workspace",
          List.of("Microsoft.MachineLearningServices/workspaces"),
          "Managed network mode AllowInternetOutbound lets compute reach any host.",
          "Use AllowOnlyApprovedOutbound.",
          List.of(),
          "rules/workspace-outbound-mode.yaml");

  static final Finding F_FRONT_DOOR =
      new Finding(
          "AMLX-01",
          Severity.HIGH,
          "Outbound rule 'allow-fd' allows AzureFrontDoor.Frontend on 443",
          Location.of("infra/network.tf", 14, 5),
          "azurerm_network_security_rule.allow_fd",
          "properties.destinationAddressPrefix",
          List.of(
              new Finding.Related(Location.of("infra/network.tf", 3, 1), "network security group of subnet 'ml'"),
              new Finding.Related(Location.of("infra/variables.tf", 7, 13), "value set by variable 'egress_tag'")));

  static final Finding F_PUBLIC_IP =
      new Finding(
          "AMLX-07",
          Severity.MEDIUM,
          "Compute cluster 'gpu' has node public IPs enabled (the default)",
          Location.of("infra/ml.tf", 8, 1),
          "azurerm_machine_learning_compute_cluster.gpu",
          "properties.properties.enableNodePublicIp",
          List.of());

  static final Finding F_SEP =
      new Finding(
          "AMLX-22",
          Severity.MEDIUM,
          "Service endpoint policy 'sep' has no /services/Azure/MachineLearning definition",
          Location.of("arm/ml workspace.json", 40, 4),
          "Microsoft.Network/serviceEndpointPolicies/sep",
          "properties.serviceEndpointPolicyDefinitions",
          List.of());

  static final Diagnostic D_PARSE =
      Diagnostic.error(Location.of("infra/broken.tf", 3, 7), "expected '=' after attribute name, found '}'");

  static final Diagnostic D_NOTE =
      Diagnostic.note(Location.of("infra/ml.tf", 1, 1), "var.subnet_id has no value; AMLX-22 not evaluated for it");

  static final List<String> FILES =
      List.of("infra/network.tf", "infra/ml.tf", "infra/variables.tf", "infra/broken.tf", "arm/ml workspace.json");

  static final Map<String, List<String>> SOURCES =
      Map.of(
          "infra/network.tf",
          lines(14, "    destination_address_prefix = \"AzureFrontDoor.Frontend\""),
          "infra/ml.tf",
          lines(8, "resource \"azurerm_machine_learning_compute_cluster\" \"gpu\" {"),
          "arm/ml workspace.json",
          lines(40, "\t\t\t\"serviceEndpointPolicyDefinitions\": ["));

  /** {@code n - 1} filler lines, then {@code text} as line {@code n}. */
  static List<String> lines(int n, String text) {
    List<String> l = new ArrayList<>();
    for (int i = 1; i < n; i++) l.add("# line " + i);
    l.add(text);
    l.add("}");
    return l;
  }

  static List<String> sourceOf(String file) {
    return SOURCES.getOrDefault(file, List.of());
  }

  static ScanReport full() {
    return new ScanReport(
        List.of(F_FRONT_DOOR, F_PUBLIC_IP, F_SEP),
        List.of(D_PARSE, D_NOTE),
        List.of(SEP_ALIAS, FRONT_DOOR, PUBLIC_IP, UNUSED_INFO),
        FILES,
        "0.1.0");
  }

  /** The same content as {@link #full()}, every list in another order. */
  static ScanReport fullShuffled(long seed) {
    Random r = new Random(seed);
    return new ScanReport(
        shuffled(List.of(F_FRONT_DOOR, F_PUBLIC_IP, F_SEP), r),
        shuffled(List.of(D_PARSE, D_NOTE), r),
        shuffled(List.of(SEP_ALIAS, FRONT_DOOR, PUBLIC_IP, UNUSED_INFO), r),
        shuffled(FILES, r),
        "0.1.0");
  }

  static ScanReport clean(int files) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < files; i++) names.add("infra/f" + i + ".tf");
    return new ScanReport(List.of(), List.of(), List.of(FRONT_DOOR), names, "0.1.0");
  }

  static <T> List<T> shuffled(List<T> in, Random r) {
    List<T> l = new ArrayList<>(in);
    Collections.shuffle(l, r);
    return l;
  }
}
