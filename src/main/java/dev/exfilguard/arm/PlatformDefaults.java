package dev.exfilguard.arm;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Paths;
import dev.exfilguard.model.Value;
import java.util.Locale;

/**
 * Values Azure assumes when an ARM template omits them, where a rule depends on them. Each
 * default is applied with origin DEFAULT at the resource's declaration.
 */
final class PlatformDefaults {
  private PlatformDefaults() {}

  static Value.Obj apply(String type, Value.Obj body, Location declaration) {
    if (type.equalsIgnoreCase("Microsoft.MachineLearningServices/workspaces/computes")) {
      String computeType = Paths.get(body, "properties.computeType")
          .filter(Value.Str.class::isInstance).map(v -> ((Value.Str) v).value().toLowerCase(Locale.ROOT)).orElse("");
      if (computeType.equals("amlcompute") || computeType.equals("computeinstance")) {
        // enableNodePublicIp: the azure-ai-ml SDK documents "Default Value: True" for
        // ComputeInstance and AmlCompute, and azurerm defaults node_public_ip_enabled to true.
        return Paths.withDefault(body, "properties.properties.enableNodePublicIp",
            new Value.Bool(true, Meta.defaulted(declaration, "enableNodePublicIp omitted; Azure defaults it to true")));
      }
    }
    if (type.equalsIgnoreCase("Microsoft.MachineLearningServices/workspaces")) {
      // publicNetworkAccess: the built-in Azure Policy "Azure Machine Learning Workspaces should
      // disable public network access" (Workspace_PublicNetworkAccessDisabled_Audit) counts an
      // absent value as public, and azurerm 4.x/5.x default it to Enabled too.
      return Paths.withDefault(body, "properties.publicNetworkAccess",
          new Value.Str("Enabled", Meta.defaulted(declaration, "publicNetworkAccess omitted; Azure defaults it to Enabled")));
    }
    return body;
  }
}
