package dev.exfilguard.arm.expr;

import static dev.exfilguard.arm.expr.Functions.RESOURCE_GROUP;
import static dev.exfilguard.arm.expr.Functions.RESOURCE_GROUP_LOCATION;
import static dev.exfilguard.arm.expr.Functions.SUBSCRIPTION;
import static dev.exfilguard.arm.expr.Functions.texts;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deployment and resource functions (template-functions-deployment, -scope, -resource) that
 * can be known before deployment. The subscription, resource group and its region are
 * placeholders ({@code {subscriptionId}}, {@code {resourceGroupName}},
 * {@code {resourceGroupLocation}}) that compare equal only to themselves; the tenant and the
 * deployment's name are Unknown; reference(), list*(), utcNow() and newGuid() are Unknown
 * (the evaluator says so without a note).
 */
final class DeploymentFunctions {
  private DeploymentFunctions() {}

  static void register(Functions.Registry r) {
    r.def("resourceGroup", (a, at) -> {
      Map<String, Value> m = new LinkedHashMap<>();
      m.put("id", new Value.Str("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP, at));
      m.put("name", new Value.Str(RESOURCE_GROUP, at));
      m.put("type", new Value.Str("Microsoft.Resources/resourceGroups", at));
      m.put("location", new Value.Str(RESOURCE_GROUP_LOCATION, at));
      m.put("tags", deploymentTime("resourceGroup().tags", at));
      m.put("properties", deploymentTime("resourceGroup().properties", at));
      return new Value.Obj(m, at);
    });
    r.def("subscription", (a, at) -> {
      Map<String, Value> m = new LinkedHashMap<>();
      m.put("id", new Value.Str("/subscriptions/" + SUBSCRIPTION, at));
      m.put("subscriptionId", new Value.Str(SUBSCRIPTION, at));
      m.put("tenantId", deploymentTime("subscription().tenantId", at));
      m.put("displayName", deploymentTime("subscription().displayName", at));
      return new Value.Obj(m, at);
    });
    r.def("tenant", (a, at) -> {
      Map<String, Value> m = new LinkedHashMap<>();
      m.put("tenantId", deploymentTime("tenant().tenantId", at));
      m.put("countryCode", deploymentTime("tenant().countryCode", at));
      m.put("displayName", deploymentTime("tenant().displayName", at));
      return new Value.Obj(m, at);
    });
    r.def("managementGroup", (a, at) -> {
      Map<String, Value> m = new LinkedHashMap<>();
      m.put("id", deploymentTime("managementGroup().id", at));
      m.put("name", deploymentTime("managementGroup().name", at));
      m.put("properties", deploymentTime("managementGroup().properties", at));
      return new Value.Obj(m, at);
    });
    r.def("deployment", (a, at) -> {
      Map<String, Value> m = new LinkedHashMap<>();
      m.put("name", deploymentTime("deployment().name", at));
      m.put("location", deploymentTime("deployment().location", at));
      m.put("properties", deploymentTime("deployment().properties", at));
      return new Value.Obj(m, at);
    });
    r.def("environment", DeploymentFunctions::environment);
    r.def("resourceId", (a, at) -> ResourceIds.resourceId(texts(a), at, "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP));
    r.def("subscriptionResourceId", (a, at) -> ResourceIds.resourceId(texts(a), at, "/subscriptions/" + SUBSCRIPTION));
    r.def("tenantResourceId", (a, at) -> ResourceIds.tenantResourceId(texts(a), at));
    r.def("managementGroupResourceId", (a, at) -> ResourceIds.managementGroupResourceId(texts(a), at));
    r.def("extensionResourceId", (a, at) -> ResourceIds.extensionResourceId(texts(a), at));
  }

  private static Value deploymentTime(String what, Meta at) {
    return new Value.Unknown(what + " is known only at deployment time", at);
  }

  /**
   * environment(): the Azure public cloud's values as template-functions-deployment#environment
   * documents them. A template deployed to a sovereign cloud gets other endpoints; no rule
   * depends on them, and naming the public cloud keeps storage and Key Vault URLs readable.
   */
  private static Value environment(List<Value> a, Meta at) {
    Map<String, Value> suffixes = new LinkedHashMap<>();
    suffixes.put("acrLoginServer", s(".azurecr.io", at));
    suffixes.put("azureDatalakeAnalyticsCatalogAndJob", s("azuredatalakeanalytics.net", at));
    suffixes.put("azureDatalakeStoreFileSystem", s("azuredatalakestore.net", at));
    suffixes.put("azureFrontDoorEndpointSuffix", s("azurefd.net", at));
    suffixes.put("keyvaultDns", s(".vault.azure.net", at));
    suffixes.put("sqlServerHostname", s(".database.windows.net", at));
    suffixes.put("storage", s("core.windows.net", at));
    Map<String, Value> auth = new LinkedHashMap<>();
    auth.put("loginEndpoint", s("https://login.microsoftonline.com/", at));
    auth.put("audiences", new Value.Arr(List.of(s("https://management.core.windows.net/", at), s("https://management.azure.com/", at)), at));
    auth.put("tenant", s("common", at));
    auth.put("identityProvider", s("AAD", at));
    Map<String, Value> m = new LinkedHashMap<>();
    m.put("name", s("AzureCloud", at));
    m.put("gallery", s("https://gallery.azure.com/", at));
    m.put("graph", s("https://graph.windows.net/", at));
    m.put("portal", s("https://portal.azure.com", at));
    m.put("graphAudience", s("https://graph.windows.net/", at));
    m.put("activeDirectoryDataLake", s("https://datalake.azure.net/", at));
    m.put("batch", s("https://batch.core.windows.net/", at));
    m.put("media", s("https://rest.media.azure.net", at));
    m.put("sqlManagement", s("https://management.core.windows.net:8443/", at));
    m.put("vmImageAliasDoc", s("https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json", at));
    m.put("resourceManager", s("https://management.azure.com/", at));
    m.put("authentication", new Value.Obj(auth, at));
    m.put("suffixes", new Value.Obj(suffixes, at));
    return new Value.Obj(m, at);
  }

  private static Value s(String v, Meta at) {
    return new Value.Str(v, at);
  }
}
