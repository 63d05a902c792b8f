package dev.exfilguard.arm.expr;

import static dev.exfilguard.arm.expr.Functions.relocate;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Term;
import java.util.ArrayList;
import dev.exfilguard.model.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deployment and resource functions (template-functions-deployment, -scope, -resource) that
 * can be known before deployment. The subscription, resource group, its region and the
 * deployment's name are those of the expression's {@link DeploymentTarget}: symbols of the
 * deployment unless a nested deployment names them; IDs built from them are symbolic strings
 * that compare by their terms. The tenant and management group are Unknown; reference(),
 * list*() and utcNow() are the evaluator's.
 */
final class DeploymentFunctions {
  private DeploymentFunctions() {}

  static void register(Functions.Registry r) {
    r.defTargeted("resourceGroup", (t, a, at) -> {
      Map<String, Value> m = new LinkedHashMap<>();
      m.put("id", Functions.stringOf(resourceGroupId(t).labelled("resourceGroup().id"), at));
      m.put("name", relocate(t.resourceGroupName(), at));
      m.put("type", new Value.Str("Microsoft.Resources/resourceGroups", at));
      m.put("location", relocate(t.resourceGroupLocation(), at));
      m.put("tags", deploymentTime("resourceGroup().tags", at));
      m.put("properties", deploymentTime("resourceGroup().properties", at));
      return new Value.Obj(m, at);
    });
    r.defTargeted("subscription", (t, a, at) -> {
      Map<String, Value> m = new LinkedHashMap<>();
      m.put("id", Functions.stringOf(subscriptionId(t).labelled("subscription().id"), at));
      m.put("subscriptionId", relocate(t.subscriptionId(), at));
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
    r.defTargeted("deployment", (t, a, at) -> {
      Map<String, Value> m = new LinkedHashMap<>();
      m.put("name", relocate(t.deploymentName(), at));
      m.put("location", deploymentTime("deployment().location", at));
      m.put("properties", deploymentTime("deployment().properties", at));
      return new Value.Obj(m, at);
    });
    r.def("environment", DeploymentFunctions::environment);
    r.defTargeted("resourceId", (t, a, at) -> ResourceIdFunctions.resourceId(terms(a), at, t, true));
    r.defTargeted("subscriptionResourceId", (t, a, at) -> ResourceIdFunctions.resourceId(terms(a), at, t, false));
    r.defSymbolic("tenantResourceId", (a, at) -> ResourceIdFunctions.tenantResourceId(terms(a), at));
    r.defSymbolic("managementGroupResourceId", (a, at) -> ResourceIdFunctions.managementGroupResourceId(terms(a), at));
    r.defSymbolic("extensionResourceId", (a, at) -> ResourceIdFunctions.extensionResourceId(terms(a), at));
  }

  /** {@code /subscriptions/<id>} of the target. */
  static Term subscriptionId(DeploymentTarget t) {
    return Term.concat(Term.text("/subscriptions/"), termOf(t.subscriptionId()));
  }

  /** {@code /subscriptions/<id>/resourceGroups/<name>} of the target. */
  static Term resourceGroupId(DeploymentTarget t) {
    return Term.concat(subscriptionId(t), Term.text("/resourceGroups/"), termOf(t.resourceGroupName()));
  }

  private static Term termOf(Value v) {
    Term t = Value.termOf(v);
    return t != null ? t : Term.symbol("unknown:" + System.identityHashCode(v), "?", null);
  }

  private static List<Term> terms(List<Value> a) throws Functions.EvalError {
    List<Term> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) out.add(Functions.term(a, i));
    return out;
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
