package dev.exfilguard.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.ResourceGraph;
import dev.exfilguard.model.Value;
import dev.exfilguard.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** reference() to a nested deployment read earlier returns the outputs its inline template computes. */
class DeploymentOutputsTest {
  private static Resource compute() throws Exception {
    ReadResult r = Fixtures.read(Fixtures.repo().resolve(Path.of("testdata/arm/deployment-outputs.json")), "deployment-outputs.json");
    return r.resources().stream().filter(x -> x.isType("Microsoft.MachineLearningServices/workspaces/computes")).findFirst().orElseThrow();
  }

  @Test
  void anOutputComputedInTheInnerScopeLinksTheComputeToItsSubnet() throws Exception {
    ReadResult r = Fixtures.read(Fixtures.repo().resolve(Path.of("testdata/arm/deployment-outputs.json")), "deployment-outputs.json");
    Resource c = compute();
    Value id = c.at("properties.properties.subnet.id").orElseThrow();
    assertTrue(Value.termOf(id) != null && Value.termOf(id).render().endsWith("/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-compute"),
        id.toString());
    ResourceGraph g = new ResourceGraph(r.resources());
    assertEquals("vnet-ml/snet-compute", g.resolve(id).orElseThrow().name());
  }

  @Test
  void outputCopyLoopsAreArraysCountedByCopyIndex() throws Exception {
    assertEquals("snet-1", ((Value.Str) compute().at("properties.properties.vmSize").orElseThrow()).value());
  }

  @Test
  void aDeploymentWithAnUnknownNameIsFoundByTheSameNameExpression() throws Exception {
    // 'prefix' has no value, so the deployment's name is Unknown, but the reference names it the same way
    assertEquals("stml", ((Value.Str) compute().at("properties.properties.vmPriority").orElseThrow()).value());
  }
}
