package dev.exfilguard.rules.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.arm.TemplateReader;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.TreeReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NSG evaluation by probe, on templates: priorities, tag spellings, sources, Unknowns, defaults. */
class EffectiveNsgTest {
  private static final List<Cidr> SUBNET = List.of(Cidr.parse("10.10.1.0/24").orElseThrow());

  /** An NSG with the given rules, as a template would declare it; rules are JSON objects' bodies. */
  private static EffectiveNsg nsg(String... rules) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rules.length; i++) {
      if (i > 0) sb.append(",\n");
      sb.append("{\"name\": \"r").append(i).append("\", \"properties\": {").append(rules[i]).append("}}");
    }
    String template = """
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
         "parameters": {"unknown": {"type": "string"}},
         "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "name": "nsg", "apiVersion": "2024-05-01",
           "properties": {"securityRules": [
        """ + sb + "]}}]}";
    List<Resource> res = TemplateReader.read((Value.Obj) TreeReader.readJson("nsg.json", template), Map.of()).resources();
    ResourceGraph g = new ResourceGraph(res);
    return EffectiveNsg.of(g, res.get(0));
  }

  private static String rule(String dir, String access, int prio, String proto, String src, String dst, String port) {
    return String.format("\"direction\": \"%s\", \"access\": \"%s\", \"priority\": %d, \"protocol\": \"%s\", "
        + "\"sourceAddressPrefix\": \"%s\", \"sourcePortRange\": \"*\", \"destinationAddressPrefix\": \"%s\", "
        + "\"destinationPortRange\": \"%s\"", dir, access, prio, proto, src, dst, port);
  }

  @Test
  void noOutboundDenyFallsThroughToTheDefaultAllowInternetOutBound() throws Exception {
    NsgVerdict v = nsg(rule("Outbound", "Allow", 100, "Tcp", "VirtualNetwork", "AzureMachineLearning", "443"))
        .evaluate(Probe.internet(), SUBNET);
    assertTrue(v.allowed());
    assertNull(v.rule());
    assertEquals("AllowInternetOutBound (65001)", v.defaultRule());
  }

  @Test
  void aDenyWithALowerNumberShadowsTheFrontDoorAllow() throws Exception {
    EffectiveNsg n = nsg(
        rule("Outbound", "Allow", 300, "Tcp", "VirtualNetwork", "AzureFrontDoor.Frontend", "443"),
        rule("Outbound", "Deny", 150, "*", "*", "Internet", "*"));
    NsgVerdict v = n.evaluate(Probe.frontDoor(), SUBNET);
    assertTrue(v.blocked());
    assertEquals("r1", v.rule().name());
  }

  @Test
  void aDenyWithAHigherNumberComesTooLate() throws Exception {
    NsgVerdict v = nsg(
        rule("Outbound", "Allow", 300, "Tcp", "VirtualNetwork", "AzureFrontDoor.FrontEnd", "443"),
        rule("Outbound", "Deny", 4000, "*", "*", "*", "*")).evaluate(Probe.frontDoor(), SUBNET);
    assertTrue(v.allowed());
    assertEquals("r0", v.rule().name());
    assertEquals("AzureFrontDoor.FrontEnd", ((Value.Str) v.farEnd()).value());
  }

  @Test
  void tagSpellingsAreNormalised() throws Exception {
    Probe stg = Probe.storage("westeurope");
    for (String tag : List.of("Storage.WestEurope", "storage.westeurope", "Storage.West Europe", "STORAGE")) {
      assertTrue(nsg(rule("Outbound", "Allow", 100, "Tcp", "*", tag, "443")).evaluate(stg, SUBNET).rule() != null, tag);
    }
    assertNull(nsg(rule("Outbound", "Allow", 100, "Tcp", "*", "Storage.NorthEurope", "443")).evaluate(stg, SUBNET).rule());
    assertTrue(nsg(rule("Outbound", "Deny", 100, "*", "*", "INTERNET", "*")).evaluate(Probe.internet(), SUBNET).blocked());
    assertTrue(nsg(rule("Outbound", "Deny", 100, "*", "*", "0.0.0.0/0", "*")).evaluate(Probe.internet(), SUBNET).blocked());
  }

  @Test
  void firstPartyIsNotTheFrontendTag() throws Exception {
    NsgVerdict v = nsg(
        rule("Outbound", "Allow", 100, "Tcp", "*", "AzureFrontDoor.FirstParty", "443"),
        rule("Outbound", "Deny", 200, "*", "*", "*", "*")).evaluate(Probe.frontDoor(), SUBNET);
    assertTrue(v.blocked());
  }

  @Test
  void sourcesMustCoverTheComputeSubnet() throws Exception {
    // another subnet's CIDR does not apply; a supernet does
    assertTrue(nsg(rule("Outbound", "Deny", 100, "*", "10.10.2.0/24", "*", "*"), rule("Outbound", "Deny", 200, "*", "10.10.0.0/16", "*", "*"))
        .evaluate(Probe.internet(), SUBNET).rule().name().equals("r1"));
  }

  @Test
  void applicationSecurityGroupSourcesNeverCoverMlCompute() throws Exception {
    String asgAllow = "\"direction\": \"Outbound\", \"access\": \"Allow\", \"priority\": 100, \"protocol\": \"*\", "
        + "\"sourceApplicationSecurityGroups\": [{\"id\": \"/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/applicationSecurityGroups/web\"}], "
        + "\"sourcePortRange\": \"*\", \"destinationAddressPrefix\": \"AzureFrontDoor.Frontend\", \"destinationPortRange\": \"*\"";
    NsgVerdict v = nsg(asgAllow, rule("Outbound", "Deny", 200, "*", "*", "*", "*")).evaluate(Probe.frontDoor(), SUBNET);
    assertTrue(v.blocked());
  }

  @Test
  void unknownsMakeAllowsMatchButNeverDenies() throws Exception {
    String unknownDeny = rule("Outbound", "Deny", 100, "*", "*", "[parameters('unknown')]", "*");
    assertTrue(nsg(unknownDeny).evaluate(Probe.internet(), SUBNET).allowed(), "an Unknown Deny does not block");
    String unknownAllow = rule("Outbound", "Allow", 100, "Tcp", "*", "[parameters('unknown')]", "443");
    NsgVerdict v = nsg(unknownAllow, rule("Outbound", "Deny", 200, "*", "*", "*", "*")).evaluate(Probe.internet(), SUBNET);
    assertTrue(v.allowed(), "an Unknown Allow may let traffic out");
    assertEquals("r0", v.rule().name());
  }

  @Test
  void anAllowWithUnknownPriorityMayComeFirst() throws Exception {
    String allow = "\"direction\": \"Outbound\", \"access\": \"Allow\", \"priority\": \"[parameters('unknown')]\", \"protocol\": \"Tcp\", "
        + "\"sourceAddressPrefix\": \"*\", \"sourcePortRange\": \"*\", \"destinationAddressPrefix\": \"Internet\", \"destinationPortRange\": \"443\"";
    assertTrue(nsg(rule("Outbound", "Deny", 100, "*", "*", "*", "*"), allow).evaluate(Probe.internet(), SUBNET).allowed());
  }

  @Test
  void udpAndOtherPortsDoNotMatchTheHttpsProbe() throws Exception {
    EffectiveNsg n = nsg(
        rule("Outbound", "Allow", 100, "Udp", "*", "Internet", "443"),
        rule("Outbound", "Allow", 110, "Tcp", "*", "Internet", "80"),
        rule("Outbound", "Allow", 120, "Tcp", "*", "Internet", "440-450"),
        rule("Outbound", "Deny", 200, "*", "*", "*", "*"));
    assertEquals("r2", n.evaluate(Probe.internet(), SUBNET).rule().name());
  }

  @Test
  void inboundFromTheInternetIsDeniedByDefaultAndAllowedByAnExplicitRule() throws Exception {
    assertTrue(nsg().evaluate(Probe.inboundInternet(), SUBNET).blocked());
    NsgVerdict v = nsg(rule("Inbound", "Allow", 100, "Tcp", "Internet", "*", "22")).evaluate(Probe.inboundInternet(), SUBNET);
    assertTrue(v.allowed());
    assertTrue(nsg(rule("Inbound", "Allow", 100, "Tcp", "AzureMachineLearning", "*", "44224"))
        .evaluate(Probe.inboundInternet(), SUBNET).blocked(), "the ML service tag is not the internet");
  }

  @Test
  void cidrContainment() {
    Cidr net = Cidr.parse("10.10.0.0/16").orElseThrow();
    assertTrue(net.contains(Cidr.parse("10.10.1.0/24").orElseThrow()));
    assertTrue(!net.contains(Cidr.parse("10.11.1.0/24").orElseThrow()));
    assertTrue(!Cidr.parse("10.10.1.0/24").orElseThrow().contains(net));
    assertTrue(Cidr.parse("0.0.0.0/0").orElseThrow().contains(net));
    assertTrue(Cidr.parse("10.10.1.300/24").isEmpty());
    assertTrue(Cidr.parse("Internet").isEmpty());
  }
}
