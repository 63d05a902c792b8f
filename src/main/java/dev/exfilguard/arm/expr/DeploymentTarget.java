package dev.exfilguard.arm.expr;

import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Term;
import dev.exfilguard.model.Value;

/**
 * Where one deployment goes, as its expressions see it through {@code subscription()},
 * {@code resourceGroup()} and {@code deployment()}: each part is a known string (a nested
 * deployment to {@code resourceGroup: 'rg-net'}) or a symbol of that deployment (the resource
 * group the user will deploy to). A nested deployment to another resource group has other
 * symbols; one in the same resource group shares its caller's.
 *
 * @param key what makes this target's own symbols distinct from another's
 */
public record DeploymentTarget(String key, Value subscriptionId, Value resourceGroupName, Value resourceGroupLocation, Value deploymentName) {

  /** The deployment the user starts: every part known only when it is deployed. */
  public static final DeploymentTarget ROOT = root(Meta.explicit(new dev.exfilguard.model.Location("(deployment)", 0, 0)));

  private static DeploymentTarget root(Meta at) {
    return new DeploymentTarget("root",
        symbol("subscription:root", "subscription().subscriptionId", at),
        symbol("resource-group:root", "resourceGroup().name", at),
        symbol("resource-group-location:root", "resourceGroup().location", at),
        symbol("deployment-name:root", "deployment().name", at));
  }

  /**
   * A nested deployment's target: its own subscription and resource group where the
   * deployment names them ({@code subscriptionId}, {@code resourceGroup}), its caller's
   * otherwise; its name is the deployment's.
   */
  public DeploymentTarget nested(String childKey, Value subscription, Value resourceGroup, Value name, Meta at) {
    Value sub = subscription != null ? subscription : subscriptionId;
    Value rg = resourceGroup != null ? resourceGroup : resourceGroupName;
    Value location = resourceGroupLocation;
    if (resourceGroup != null || subscription != null) {
      // another resource group has its own region: known only at deployment, the same for every
      // deployment to that group
      Term rgTerm = Value.termOf(rg);
      Term subTerm = Value.termOf(sub);
      String where = (subTerm != null ? subTerm.key(true) : childKey) + "/" + (rgTerm != null ? rgTerm.key(true) : childKey);
      location = symbol("resource-group-location:" + where, "resourceGroup(" + (rgTerm != null ? rgTerm.render() : "?") + ").location", at);
    }
    return new DeploymentTarget(childKey, sub, rg, location, name);
  }

  static Value symbol(String key, String label, Meta at) {
    return Value.Unknown.symbolic(Term.symbol(key, label, null), label + " is known only at deployment", at);
  }
}
