package dev.exfilguard.terraform;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The azurerm resource types exfilguard maps into the ARM-shaped model (every type of
 * reference §1): each with its ARM type, how its full ARM name is formed, and its attribute
 * table. Attribute names cover azurerm 3.x, 4.x and 5.x where they differ. Defaults are the
 * provider's documented ones (website/docs/r/&lt;type&gt;.html.markdown at v3.117.0, v4.81.0 and
 * v5.2.0, as summarised in reference/azure-ml-exfiltration.md §1), cited where applied.
 *
 * <p>Types that change another resource instead of deploying one (association resources,
 * {@code azurerm_storage_account_network_rules}) are in {@link #PATCHES}.
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

  /**
   * A type that sets part of another resource: the attribute holding the target's ID, the ARM
   * path it sets there, and how its value is made.
   */
  record PatchType(String targetAttribute, String path, Mapping mapping) {}

  private static final Map<String, Type> TYPES = new HashMap<>();
  static final Map<String, PatchType> PATCHES = new LinkedHashMap<>();

  static Optional<Type> of(String tfType) {
    return Optional.ofNullable(TYPES.get(tfType));
  }

  static java.util.Set<String> types() {
    return TYPES.keySet();
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

  /**
   * Subnet properties, shared by {@code azurerm_subnet} and a VNet's inline {@code subnet}
   * block. {@code inline} adds the 3.x inline-only {@code security_group} and the inline
   * {@code id}/{@code route_table_id} spellings.
   */
  private static Mapping subnetProperties(Mapping m, boolean inline) {
    m.attr("address_prefixes", "properties.addressPrefixes")
        // azurerm 2.x/3.x inline subnets: a single address_prefix
        .attr("address_prefix", "properties.addressPrefix")
        // 3.x/4.x: service_endpoints = ["Microsoft.Storage"]; removed in 5.0 (5.0-upgrade-guide)
        .attr("service_endpoints", "properties.serviceEndpoints", AzurermMapping::serviceEndpoints)
        // 5.x: repeatable service_endpoint { service, network_identifier }
        .blocks("service_endpoint", "properties.serviceEndpoints", new Mapping()
            .attr("service", "service")
            .attr("network_identifier", "networkIdentifier.id"))
        .attr("service_endpoint_policy_ids", "properties.serviceEndpointPolicies", AzurermMapping::idObjects)
        .blocks("delegation", "properties.delegations", new Mapping()
            .attr("name", "name")
            .block("service_delegation", "properties", new Mapping()
                .attr("name", "serviceName")
                .attr("actions", "actions")))
        // 5.0 write-only attachments (network_security_group_id_wo, route_table_id_wo)
        .attr("network_security_group_id_wo", "properties.networkSecurityGroup.id")
        .attr("route_table_id_wo", "properties.routeTable.id")
        .attr("private_endpoint_network_policies", "properties.privateEndpointNetworkPolicies")
        .attr("default_outbound_access_enabled", "properties.defaultOutboundAccess");
    if (inline) {
      m.attr("security_group", "properties.networkSecurityGroup.id")
          .attr("route_table_id", "properties.routeTable.id");
    }
    // azurerm subnet.html.markdown / virtual_network.html.markdown (3.x-5.x):
    // "default_outbound_access_enabled - (Optional) Enable default outbound access to the internet for the subnet. Defaults to true."
    return m.defaultValue("properties.defaultOutboundAccess", meta -> new Value.Bool(true, meta),
        "default_outbound_access_enabled not set; azurerm defaults it to true");
  }

  private static Mapping firewallAppRule() {
    return new Mapping()
        .attr("name", "name")
        .attr("description", "description")
        .attr("source_addresses", "sourceAddresses")
        .attr("source_ip_groups", "sourceIpGroups")
        .attr("target_fqdns", "targetFqdns")
        .attr("fqdn_tags", "fqdnTags")
        .blocks("protocol", "protocols", new Mapping()
            .attr("type", "protocolType")
            .attr("port", "port"));
  }

  private static Mapping firewallNetworkRule() {
    return new Mapping()
        .attr("name", "name")
        .attr("description", "description")
        .attr("protocols", "protocols")
        .attr("source_addresses", "sourceAddresses")
        .attr("source_ip_groups", "sourceIpGroups")
        .attr("destination_addresses", "destinationAddresses")
        .attr("destination_ip_groups", "destinationIpGroups")
        .attr("destination_fqdns", "destinationFqdns")
        .attr("destination_ports", "destinationPorts");
  }

  /** A classic firewall rule collection: {name, properties: {priority, action: {type}, rules}}. */
  private static Mapping firewallCollection(Mapping rule) {
    return new Mapping()
        .attr("name", "name")
        .attr("priority", "properties.priority")
        .attr("action", "properties.action.type")
        .blocks("rule", "properties.rules", rule);
  }

  private static Mapping policyCollection(String ruleType, Mapping rule) {
    return new Mapping()
        .constant("ruleCollectionType", "FirewallPolicyFilterRuleCollection")
        .attr("name", "name")
        .attr("priority", "priority")
        .attr("action", "action.type")
        .blocks("rule", "rules", rule.constant("ruleType", ruleType));
  }

  private static Mapping workspaceCommon(Mapping m) {
    return m.attr("location", "location")
        .attr("storage_account_id", "properties.storageAccount")
        .attr("key_vault_id", "properties.keyVault")
        .attr("application_insights_id", "properties.applicationInsights")
        .attr("container_registry_id", "properties.containerRegistry")
        .attr("image_build_compute_name", "properties.imageBuildCompute")
        .block("managed_network", "properties.managedNetwork", new Mapping()
            .attr("isolation_mode", "isolationMode"))
        .custom((src, out) -> src.nested("managed_network").stream().findFirst()
            .flatMap(n -> n.attribute("provision_on_creation_enabled"))
            .ifPresent(v -> Mapping.put(out, "properties.provisionNetworkNow", v)));
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
        subnetProperties(new Mapping(), false)));

    TYPES.put("azurerm_virtual_network", new Type("Microsoft.Network/virtualNetworks", List.of(),
        new Mapping()
            .attr("location", "location")
            .attr("address_space", "properties.addressSpace.addressPrefixes")
            // inline subnets: 3.x { name, address_prefix, security_group }; 4.x adds the
            // standalone attributes; 5.x replaces service_endpoints by service_endpoint {}
            .blocks("subnet", "properties.subnets", subnetProperties(new Mapping().attr("name", "name"), true))));

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
            // azurerm machine_learning_compute_cluster.html.markdown: "ssh_public_access_enabled -
            // (Optional) A boolean value indicating whether enable the public SSH port. Defaults to false"
            .defaultValue("properties.properties.remoteLoginPortPublicAccess", m -> new Value.Str("Disabled", m),
                "ssh_public_access_enabled not set; azurerm defaults it to false")
            .attr("local_auth_enabled", "properties.disableLocalAuth", AzurermMapping::negate)
            .attr("location", "location")
            .attr("subnet_resource_id", "properties.properties.subnet", AzurermMapping::idObject)
            .block("scale_settings", "properties.properties.scaleSettings", new Mapping()
                .attr("min_node_count", "minNodeCount")
                .attr("max_node_count", "maxNodeCount")
                .attr("scale_down_nodes_after_idle_duration", "nodeIdleTimeBeforeScaleDown"))
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
            // location: 3.x only (removed in 4.0, reference §1.5)
            .attr("location", "location")
            .attr("subnet_resource_id", "properties.properties.subnet", AzurermMapping::idObject)
            .attr("local_auth_enabled", "properties.disableLocalAuth", AzurermMapping::negate)
            .attr("authorization_type", "properties.properties.computeInstanceAuthorizationType")
            // an ssh block opens SSH with its public key; without one azurerm sends no SSH settings
            .block("ssh", "properties.properties.sshSettings", new Mapping()
                .constant("sshPublicAccess", "Enabled")
                .attr("public_key", "adminPublicKey"))
            .attr("node_public_ip_enabled", "properties.properties.enableNodePublicIp")
            // azurerm: node_public_ip_enabled "Defaults to true" (added 3.59.0 for clusters, 3.60.0
            // for instances; before that every compute had a public IP)
            .defaultValue("properties.properties.enableNodePublicIp", m -> new Value.Bool(true, m),
                "node_public_ip_enabled not set; azurerm defaults it to true")));

    TYPES.put("azurerm_machine_learning_workspace", new Type("Microsoft.MachineLearningServices/workspaces", List.of(),
        workspaceCommon(new Mapping())
            .attr("kind", "kind")
            .attr("public_network_access_enabled", "properties.publicNetworkAccess", AzurermMapping::enabledDisabled)
            // azurerm 3.2–3.x name, removed in 4.0 (4.0-upgrade-guide)
            .attr("public_access_behind_virtual_network_enabled", "properties.allowPublicAccessWhenBehindVnet")
            .attr("v1_legacy_mode_enabled", "properties.v1LegacyMode")
            // azurerm 4.0 made public_network_access_enabled default to true (4.0-upgrade-guide)
            .defaultValue("properties.publicNetworkAccess", m -> new Value.Str("Enabled", m),
                "public_network_access_enabled not set; azurerm 4.x and 5.x default it to true")
            .block("serverless_compute", "properties.serverlessComputeSettings", new Mapping()
                .attr("subnet_id", "serverlessComputeCustomSubnet")
                .attr("public_ip_enabled", "serverlessComputeNoPublicIP", AzurermMapping::negate)
                // azurerm machine_learning_workspace.html.markdown: serverless_compute
                // "public_ip_enabled - (Optional) ... Defaults to false" (reference §1.4)
                .defaultValue("serverlessComputeNoPublicIP", m -> new Value.Bool(true, m),
                    "public_ip_enabled not set; azurerm defaults it to false"))));

    // AI Foundry hub (azurerm 4.x+): the same workspace with kind Hub; public_network_access is
    // already the ARM string. No default is applied: the provider's default is not verified (reference §5).
    TYPES.put("azurerm_ai_foundry", new Type("Microsoft.MachineLearningServices/workspaces", List.of(),
        workspaceCommon(new Mapping())
            .constant("kind", "Hub")
            .attr("public_network_access", "properties.publicNetworkAccess")));

    TYPES.put("azurerm_ai_foundry_project", new Type("Microsoft.MachineLearningServices/workspaces", List.of(),
        new Mapping()
            .constant("kind", "Project")
            .attr("location", "location")
            .attr("ai_services_hub_id", "properties.hubResourceId")));

    // the three outbound-rule resources (4.8.0 / 4.15.0): ARM's workspaces/outboundRules children.
    // azurerm sends category UserDefined, and action Allow for service tags (reference §1.4).
    TYPES.put("azurerm_machine_learning_workspace_network_outbound_rule_fqdn", new Type(
        "Microsoft.MachineLearningServices/workspaces/outboundRules", List.of("workspace_id"),
        new Mapping()
            .constant("properties.type", "FQDN")
            .constant("properties.category", "UserDefined")
            .attr("destination_fqdn", "properties.destination")));
    TYPES.put("azurerm_machine_learning_workspace_network_outbound_rule_service_tag", new Type(
        "Microsoft.MachineLearningServices/workspaces/outboundRules", List.of("workspace_id"),
        new Mapping()
            .constant("properties.type", "ServiceTag")
            .constant("properties.category", "UserDefined")
            .attr("service_tag", "properties.destination.serviceTag")
            .attr("protocol", "properties.destination.protocol")
            .attr("port_ranges", "properties.destination.portRanges")
            .constant("properties.destination.action", "Allow")));
    TYPES.put("azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint", new Type(
        "Microsoft.MachineLearningServices/workspaces/outboundRules", List.of("workspace_id"),
        new Mapping()
            .constant("properties.type", "PrivateEndpoint")
            .constant("properties.category", "UserDefined")
            .attr("service_resource_id", "properties.destination.serviceResourceId")
            .attr("sub_resource_target", "properties.destination.subresourceTarget")
            .attr("spark_enabled", "properties.destination.sparkEnabled")));

    TYPES.put("azurerm_firewall", new Type("Microsoft.Network/azureFirewalls", List.of(),
        new Mapping()
            .attr("location", "location")
            .attr("sku_name", "properties.sku.name")
            .attr("sku_tier", "properties.sku.tier")
            .attr("threat_intel_mode", "properties.threatIntelMode")
            .attr("firewall_policy_id", "properties.firewallPolicy", AzurermMapping::idObject)
            .blocks("ip_configuration", "properties.ipConfigurations", new Mapping()
                .attr("name", "name")
                .attr("subnet_id", "properties.subnet", AzurermMapping::idObject)
                .attr("public_ip_address_id", "properties.publicIPAddress", AzurermMapping::idObject))));
    // classic rule collections are inline arrays of the firewall in ARM; as standalone resources
    // they become children that the graph merges into properties.<collection>
    TYPES.put("azurerm_firewall_application_rule_collection", new Type("Microsoft.Network/azureFirewalls/applicationRuleCollections",
        List.of("azure_firewall_name"), firewallCollection(firewallAppRule())));
    TYPES.put("azurerm_firewall_network_rule_collection", new Type("Microsoft.Network/azureFirewalls/networkRuleCollections",
        List.of("azure_firewall_name"), firewallCollection(firewallNetworkRule())));
    // an IP group's addresses are what firewall rules that name it as source_ip_groups cover
    TYPES.put("azurerm_ip_group", new Type("Microsoft.Network/ipGroups", List.of(),
        new Mapping()
            .attr("location", "location")
            .attr("cidrs", "properties.ipAddresses")));
    TYPES.put("azurerm_firewall_policy", new Type("Microsoft.Network/firewallPolicies", List.of(),
        new Mapping()
            .attr("location", "location")
            .attr("sku", "properties.sku.tier")
            .attr("threat_intelligence_mode", "properties.threatIntelMode")
            .attr("base_policy_id", "properties.basePolicy", AzurermMapping::idObject)
            .block("dns", "properties.dnsSettings", new Mapping()
                .attr("proxy_enabled", "enableProxy")
                .attr("servers", "servers"))));
    TYPES.put("azurerm_firewall_policy_rule_collection_group", new Type("Microsoft.Network/firewallPolicies/ruleCollectionGroups",
        List.of("firewall_policy_id"),
        new Mapping()
            .attr("priority", "properties.priority")
            .blocks("application_rule_collection", "properties.ruleCollections", policyCollection("ApplicationRule", new Mapping()
                .attr("name", "name")
                .attr("description", "description")
                .attr("source_addresses", "sourceAddresses")
                .attr("source_ip_groups", "sourceIpGroups")
                .attr("destination_fqdns", "targetFqdns")
                .attr("destination_fqdn_tags", "fqdnTags")
                .attr("destination_urls", "targetUrls")
                .attr("destination_addresses", "destinationAddresses")
                .attr("web_categories", "webCategories")
                .attr("terminate_tls", "terminateTLS")
                .blocks("protocols", "protocols", new Mapping()
                    .attr("type", "protocolType")
                    .attr("port", "port"))))
            .blocks("network_rule_collection", "properties.ruleCollections", policyCollection("NetworkRule", new Mapping()
                .attr("name", "name")
                .attr("description", "description")
                .attr("protocols", "ipProtocols")
                .attr("source_addresses", "sourceAddresses")
                .attr("source_ip_groups", "sourceIpGroups")
                .attr("destination_addresses", "destinationAddresses")
                .attr("destination_ip_groups", "destinationIpGroups")
                .attr("destination_fqdns", "destinationFqdns")
                .attr("destination_ports", "destinationPorts")))));

    TYPES.put("azurerm_route_table", new Type("Microsoft.Network/routeTables", List.of(),
        new Mapping()
            .attr("location", "location")
            .blocks("route", "properties.routes", route())
            .attr("bgp_route_propagation_enabled", "properties.disableBgpRoutePropagation", AzurermMapping::negate)
            // 3.x name, removed in 4.0 (reference §1.7)
            .attr("disable_bgp_route_propagation", "properties.disableBgpRoutePropagation")));
    TYPES.put("azurerm_route", new Type("Microsoft.Network/routeTables/routes", List.of("route_table_name"), route()));

    TYPES.put("azurerm_storage_account", new Type("Microsoft.Storage/storageAccounts", List.of(),
        new Mapping()
            .attr("location", "location")
            .attr("account_kind", "kind")
            .attr("public_network_access_enabled", "properties.publicNetworkAccess", AzurermMapping::enabledDisabled)
            // azurerm storage_account.html.markdown: "public_network_access_enabled - (Optional)
            // Whether the public network access is enabled? Defaults to true." (reference §1.8)
            .defaultValue("properties.publicNetworkAccess", m -> new Value.Str("Enabled", m),
                "public_network_access_enabled not set; azurerm defaults it to true")
            .attr("allow_nested_items_to_be_public", "properties.allowBlobPublicAccess")
            .block("network_rules", "properties.networkAcls", networkRules())
            // without network_rules, azurerm sends no rule set and the account accepts every
            // network: ARM's networkAcls.defaultAction Allow (reference §1.8, §2.10)
            .defaultValue("properties.networkAcls.defaultAction", m -> new Value.Str("Allow", m),
                "network_rules not set; the account accepts traffic from all networks")));

    TYPES.put("azurerm_private_endpoint", new Type("Microsoft.Network/privateEndpoints", List.of(),
        new Mapping()
            .attr("location", "location")
            .attr("subnet_id", "properties.subnet", AzurermMapping::idObject)
            .custom(AzurermMapping::privateServiceConnections)));

    // association and rule-set resources: merged into the resource they name (see Patches)
    PATCHES.put("azurerm_subnet_network_security_group_association", new PatchType("subnet_id", "properties.networkSecurityGroup",
        new Mapping().attr("network_security_group_id", "id")));
    PATCHES.put("azurerm_subnet_route_table_association", new PatchType("subnet_id", "properties.routeTable",
        new Mapping().attr("route_table_id", "id")));
    PATCHES.put("azurerm_subnet_nat_gateway_association", new PatchType("subnet_id", "properties.natGateway",
        new Mapping().attr("nat_gateway_id", "id")));
    PATCHES.put("azurerm_storage_account_network_rules", new PatchType("storage_account_id", "properties.networkAcls",
        networkRules()));
  }

  private static Mapping route() {
    return new Mapping()
        .attr("name", "name")
        .attr("address_prefix", "properties.addressPrefix")
        .attr("next_hop_type", "properties.nextHopType")
        .attr("next_hop_in_ip_address", "properties.nextHopIpAddress");
  }

  private static Mapping networkRules() {
    return new Mapping()
        .attr("default_action", "defaultAction")
        .attr("bypass", "bypass", AzurermMapping::commaJoined)
        .attr("ip_rules", "ipRules", v -> allowRules(v, "value"))
        .attr("virtual_network_subnet_ids", "virtualNetworkRules", v -> allowRules(v, "id"))
        .blocks("private_link_access", "resourceAccessRules", new Mapping()
            .attr("endpoint_resource_id", "resourceId")
            .attr("endpoint_tenant_id", "tenantId"));
  }

  /** is_manual_connection chooses ARM's array: manualPrivateLinkServiceConnections or privateLinkServiceConnections. */
  private static void privateServiceConnections(Mapping.Source src, Map<String, Value> out) {
    Mapping conn = new Mapping()
        .attr("name", "name")
        .attr("private_connection_resource_id", "properties.privateLinkServiceId")
        .attr("subresource_names", "properties.groupIds")
        .attr("request_message", "properties.requestMessage");
    for (Mapping.Source s : src.nested("private_service_connection")) {
      if (s instanceof Mapping.UnknownSource u) {
        Mapping.put(out, "properties.privateLinkServiceConnections", u.value());
        continue;
      }
      boolean manual = s.attribute("is_manual_connection").filter(v -> v instanceof Value.Bool b && b.value()).isPresent();
      String path = manual ? "properties.manualPrivateLinkServiceConnections" : "properties.privateLinkServiceConnections";
      Value.Obj item = conn.build(s);
      List<Value> items = new ArrayList<>();
      dev.exfilguard.model.Paths.get(new Value.Obj(out, item.meta()), path).filter(Value.Arr.class::isInstance)
          .ifPresent(v -> items.addAll(((Value.Arr) v).items()));
      items.add(item);
      Value.Obj updated = Patches.set(new Value.Obj(out, item.meta()), path, new Value.Arr(items, item.meta()));
      out.clear();
      out.putAll(updated.fields());
    }
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

  /** {@code ["Microsoft.Storage"]} → {@code [{service: "Microsoft.Storage"}]}. */
  private static Value serviceEndpoints(Value v) {
    if (!(v instanceof Value.Arr a)) return v;
    return new Value.Arr(a.items().stream().map(s -> (Value) new Value.Obj(Map.of("service", s), s.meta())).toList(), v.meta());
  }

  /** azurerm's {@code bypass} set → ARM's comma-separated string ({@code "AzureServices, Logging"}). */
  private static Value commaJoined(Value v) {
    if (!(v instanceof Value.Arr a) || !TfValues.isWhollyKnown(v)) return v;
    return new Value.Str(String.join(", ", a.items().stream().map(Value::render).toList()), v.meta());
  }

  private static Value allowRules(Value v, String key) {
    if (!(v instanceof Value.Arr a)) return v;
    return new Value.Arr(a.items().stream().map(s -> {
      Map<String, Value> f = new LinkedHashMap<>();
      f.put(key, s);
      f.put("action", new Value.Str("Allow", Meta.explicit(s.location())));
      return (Value) new Value.Obj(f, s.meta());
    }).toList(), v.meta());
  }
}
