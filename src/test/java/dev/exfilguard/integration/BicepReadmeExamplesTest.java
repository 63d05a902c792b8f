package dev.exfilguard.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exfilguard.testing.CliProcess;
import dev.exfilguard.testing.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Bicep examples, run with the real CLI as a new user would copy them. */
class BicepReadmeExamplesTest {
  @TempDir Path tmp;

  @Test
  void theWhatItChecksExampleGivesTheFindingTheReadmeShows() throws Exception {
    Files.writeString(tmp.resolve("main.bicep"), Readme.block("What it checks", "bicep", "clusterPublicIp"));
    String shown = Readme.text().lines().filter(l -> l.startsWith("main.bicep:")).findFirst().orElseThrow();
    Result r = CliProcess.run(tmp, "scan", "main.bicep");
    String first = r.stdout().lines().findFirst().orElse("");
    assertTrue(first.startsWith(shown.replace("...", "").strip()), "README: " + shown + "\nactual: " + r);
  }

  private static java.util.List<String> ruleIds(com.fasterxml.jackson.databind.JsonNode findings) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode f : findings) out.add(f.get("ruleId").asText());
    return out;
  }

  @Test
  void theSuppressionCommentCoversTheResourceItIsAbove() throws Exception {
    String comment = Readme.block("Suppressions", "bicep", "exfilguard:ignore").lines().findFirst().orElseThrow();
    String rule = """
        resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
          name: 'nsg-ml'
          location: 'westeurope'
          properties: {
            securityRules: [
              {
                name: 'deny-internet'
                properties: {
                  access: 'Deny'
                  direction: 'Outbound'
                  priority: 4000
                  protocol: '*'
                  sourceAddressPrefix: '*'
                  sourcePortRange: '*'
                  destinationAddressPrefix: 'Internet'
                  destinationPortRange: '*'
                }
              }
            ]
          }
        }

        %s
        resource studio 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01' = {
          parent: nsg
          name: 'allow-studio'
          properties: {
            access: 'Allow'
            direction: 'Outbound'
            priority: 100
            protocol: 'Tcp'
            sourceAddressPrefix: 'VirtualNetwork'
            sourcePortRange: '*'
            destinationAddressPrefix: 'AzureFrontDoor.Frontend'
            destinationPortRange: '443'
          }
        }

        resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
          name: 'vnet-ml'
          location: 'westeurope'
          properties: {
            addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
            subnets: [{ name: 'snet-compute', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: nsg.id } } }]
          }
        }

        resource cluster 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01' = {
          name: 'mlw-01/cpu'
          location: 'westeurope'
          properties: {
            computeType: 'AmlCompute'
            properties: { enableNodePublicIp: false, subnet: { id: '${vnet.id}/subnets/snet-compute' } }
          }
        }
        """;
    Files.writeString(tmp.resolve("main.bicep"), rule.formatted("// no suppression"));
    Result before = CliProcess.run(tmp, "scan", "--format", "json");
    ObjectMapper json = new ObjectMapper();
    assertTrue(ruleIds(json.readTree(before.stdout()).get("findings")).contains("AMLX-22"), before::toString);
    Files.writeString(tmp.resolve("main.bicep"), rule.formatted(comment));
    Result after = CliProcess.run(tmp, "scan", "--format", "json");
    assertTrue(!ruleIds(json.readTree(after.stdout()).get("findings")).contains("AMLX-22"), after::toString);
    assertEquals("AMLX-22", json.readTree(after.stdout()).at("/suppressed/0/finding/ruleId").asText(), after::toString);
  }
}
