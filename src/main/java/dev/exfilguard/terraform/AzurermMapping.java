package dev.exfilguard.terraform;

import dev.exfilguard.hcl.Block;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The azurerm resource types exfilguard maps into the ARM-shaped model: each with its ARM type,
 * how its full ARM name is formed, and its attribute table. Attribute names cover azurerm 3.x,
 * 4.x and 5.x where they differ.
 */
final class AzurermMapping {
  private AzurermMapping() {}

  /**
   * One mapped type.
   *
   * @param parents ARM name segments before the resource's own name, each read from an
   *     attribute: a plain name attribute ({@code network_security_group_name}) or a parent ID
   *     ({@code machine_learning_workspace_id}, whose last segment is taken)
   */
  record Type(String armType, List<String> parents, Mapping mapping) {}

  private static final Map<String, Type> TYPES = new HashMap<>();

  static Optional<Type> of(String tfType) {
    return Optional.ofNullable(TYPES.get(tfType));
  }

  private static Mapping securityRule() {
    return new Mapping()
        .attr("name", "name")
        .attr("description", "properties.description")
        .attr("priority", "properties.priority")
        .attr("direction", "properties.direction")
        .attr("access", "properties.access")
        .attr("protocol", "properties.protocol")
        .attr("source_port_range", "properties.sourcePortRange")
        .attr("source_port_ranges", "properties.sourcePortRanges")
        .attr("destination_port_range", "properties.destinationPortRange")
        .attr("destination_port_ranges", "properties.destinationPortRanges")
        .attr("source_address_prefix", "properties.sourceAddressPrefix")
        .attr("source_address_prefixes", "properties.sourceAddressPrefixes")
        .attr("destination_address_prefix", "properties.destinationAddressPrefix")
        .attr("destination_address_prefixes", "properties.destinationAddressPrefixes")
        .attr("source_application_security_group_ids", "properties.sourceApplicationSecurityGroups", AzurermMapping::idObjects)
        .attr("destination_application_security_group_ids", "properties.destinationApplicationSecurityGroups", AzurermMapping::idObjects);
  }

  static {
    TYPES.put("azurerm_network_security_group", new Type("Microsoft.Network/networkSecurityGroups", List.of(),
        new Mapping()
            .attr("location", "location")
            .blocks("security_rule", "properties.securityRules", securityRule())));

    TYPES.put("azurerm_network_security_rule", new Type("Microsoft.Network/networkSecurityGroups/securityRules",
        List.of("network_security_group_name"),
        securityRule()));

    TYPES.put("azurerm_subnet", new Type("Microsoft.Network/virtualNetworks/subnets", List.of("virtual_network_name"),
        new Mapping()
            .attr("address_prefixes", "properties.addressPrefixes")
            .attr("service_endpoint_policy_ids", "properties.serviceEndpointPolicies", AzurermMapping::idObjects)));

    TYPES.put("azurerm_subnet_service_endpoint_storage_policy", new Type("Microsoft.Network/serviceEndpointPolicies", List.of(),
        new Mapping()
            .attr("location", "location")
            .blocks("definition", "properties.serviceEndpointPolicyDefinitions", new Mapping()
                .attr("name", "name")
                .attr("description", "properties.description")
                .attr("service", "properties.service")
                // azurerm: "service - (Optional) ... Defaults to Microsoft.Storage"
                // (website/docs/r/subnet_service_endpoint_storage_policy.html.markdown)
                .defaultValue("properties.service", m -> new Value.Str("Microsoft.Storage", m),
                    "service not set; azurerm sends Microsoft.Storage")
                .attr("service_resources", "properties.serviceResources"))));

    TYPES.put("azurerm_machine_learning_compute_cluster", new Type("Microsoft.MachineLearningServices/workspaces/computes",
        List.of("machine_learning_workspace_id"),
        new Mapping()
            .constant("properties.computeType", "AmlCompute")
            .attr("vm_size", "properties.properties.vmSize")
            .attr("vm_priority", "properties.properties.vmPriority")
            .attr("ssh_public_access_enabled", "properties.properties.remoteLoginPortPublicAccess", AzurermMapping::enabledDisabled)
            .attr("location", "location")
            .attr("subnet_resource_id", "properties.properties.subnet", AzurermMapping::idObject)
            .attr("node_public_ip_enabled", "properties.properties.enableNodePublicIp")
            // azurerm: node_public_ip_enabled "Defaults to true" (added 3.59.0 for clusters, 3.60.0
            // for instances; before that every compute had a public IP)
            .defaultValue("properties.properties.enableNodePublicIp", m -> new Value.Bool(true, m),
                "node_public_ip_enabled not set; azurerm defaults it to true")));

    TYPES.put("azurerm_machine_learning_compute_instance", new Type("Microsoft.MachineLearningServices/workspaces/computes",
        List.of("machine_learning_workspace_id"),
        new Mapping()
            .constant("properties.computeType", "ComputeInstance")
            .attr("virtual_machine_size", "properties.properties.vmSize")
            .attr("location", "location")
            .attr("subnet_resource_id", "properties.properties.subnet", AzurermMapping::idObject)
            .attr("node_public_ip_enabled", "properties.properties.enableNodePublicIp")
            // azurerm: node_public_ip_enabled "Defaults to true" (added 3.59.0 for clusters, 3.60.0
            // for instances; before that every compute had a public IP)
            .defaultValue("properties.properties.enableNodePublicIp", m -> new Value.Bool(true, m),
                "node_public_ip_enabled not set; azurerm defaults it to true")));

    TYPES.put("azurerm_machine_learning_workspace", new Type("Microsoft.MachineLearningServices/workspaces", List.of(),
        new Mapping()
            .attr("location", "location")
            .attr("kind", "kind")
            .attr("storage_account_id", "properties.storageAccount")
            .attr("key_vault_id", "properties.keyVault")
            .attr("application_insights_id", "properties.applicationInsights")
            .attr("container_registry_id", "properties.containerRegistry")
            .attr("image_build_compute_name", "properties.imageBuildCompute")
            .attr("public_network_access_enabled", "properties.publicNetworkAccess", AzurermMapping::enabledDisabled)
            // azurerm 3.2–3.x name, removed in 4.0 (4.0-upgrade-guide)
            .attr("public_access_behind_virtual_network_enabled", "properties.allowPublicAccessWhenBehindVnet")
            // azurerm 4.0 made public_network_access_enabled default to true (4.0-upgrade-guide)
            .defaultValue("properties.publicNetworkAccess", m -> new Value.Str("Enabled", m),
                "public_network_access_enabled not set; azurerm 4.x and 5.x default it to true")
            .block("managed_network", "properties.managedNetwork", new Mapping()
                .attr("isolation_mode", "isolationMode"))
            .block("serverless_compute", "properties.serverlessComputeSettings", new Mapping()
                .attr("subnet_id", "serverlessComputeCustomSubnet")
                .attr("public_ip_enabled", "serverlessComputeNoPublicIP", AzurermMapping::negate))));
  }

  /** A resource ID in the form ARM uses, so references resolve in the graph. */
  static Optional<Value> idOf(Block b, ModuleScope scope) {
    Optional<Type> t = of(b.labels().get(0));
    if (t.isEmpty()) return Optional.empty();
    List<String> names = TerraformReader.nameSegments(b, t.get(), scope);
    if (names.contains(null)) return Optional.empty();
    String[] typeSegs = t.get().armType().split("/");
    StringBuilder sb = new StringBuilder("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/").append(typeSegs[0]);
    for (int i = 1; i < typeSegs.length; i++) sb.append('/').append(typeSegs[i]).append('/').append(names.get(i - 1));
    return Optional.of(new Value.Str(sb.toString(), Meta.explicit(TfEvaluator.location(b.range()))));
  }

  private static Value enabledDisabled(Value v) {
    if (v instanceof Value.Bool b) return new Value.Str(b.value() ? "Enabled" : "Disabled", v.meta());
    return v;
  }

  private static Value negate(Value v) {
    return v instanceof Value.Bool b ? new Value.Bool(!b.value(), v.meta()) : v;
  }

  private static Value idObject(Value v) {
    return new Value.Obj(Map.of("id", v), v.meta());
  }

  private static Value idObjects(Value v) {
    if (!(v instanceof Value.Arr a)) return v;
    return new Value.Arr(a.items().stream().map(AzurermMapping::idObject).toList(), v.meta());
  }
}
