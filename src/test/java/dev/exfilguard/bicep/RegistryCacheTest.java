package dev.exfilguard.bicep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.ReadResult;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry and template spec modules come from the restore cache that {@code bicep restore}
 * writes under the user's home, laid out as the Bicep CLI lays it out; a reference that is not
 * there, or that would leave the cache folder, is a note and its outputs are Unknown.
 */
class RegistryCacheTest {
  @TempDir Path tmp;
  Path home;
  Path repo;

  /** A compiled module: a compute instance whose public IP comes from a parameter, and an output. */
  private static final String MODULE = """
      {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "metadata": { "_generator": { "name": "bicep", "version": "0.40.2.10011" } },
        "parameters": { "publicIp": { "type": "bool", "defaultValue": false }, "name": { "type": "string" } },
        "resources": [ {
          "type": "Microsoft.MachineLearningServices/workspaces/computes",
          "apiVersion": "2025-06-01",
          "name": "[format('mlw-cached/{0}', parameters('name'))]",
          "location": "westeurope",
          "properties": { "computeType": "ComputeInstance", "properties": { "enableNodePublicIp": "[parameters('publicIp')]" } }
        } ],
        "outputs": { "computeName": { "type": "string", "value": "[parameters('name')]" } }
      }
      """;

  @BeforeEach
  void layout() throws Exception {
    home = tmp.resolve("home");
    repo = tmp.resolve("repo");
    Files.createDirectories(repo);
    cache("br/mcr.microsoft.com/bicep$avm$res$ml$compute/0.1.0$/main.json");
    cache("br/contoso.azurecr.io/bicep$modules$ml$compute/V1$1/main.json");
    cache("br/contoso.azurecr.io$5000/ml$compute/sha256#" + "a".repeat(64) + "/main.json");
    cache("ts/00000000-0000-0000-0000-000000000000/rg-specs/ml-compute/1.0/main.json");
    Files.writeString(repo.resolve("bicepconfig.json"), """
        {
          // aliases, as the Bicep CLI reads them
          "moduleAliases": {
            "br": { "contoso": { "registry": "contoso.azurecr.io", "modulePath": "bicep/modules" } },
            "ts": { "specs": { "subscription": "00000000-0000-0000-0000-000000000000", "resourceGroup": "rg-specs" } }
          },
          "cacheRootDirectory": "../elsewhere"
        }
        """);
  }

  private void cache(String rel) throws Exception {
    Path f = home.resolve(".bicep").resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, MODULE);
  }

  private BicepReader.Loaded read(String bicep) throws Exception {
    Path main = repo.resolve("main.bicep");
    Files.writeString(main, bicep);
    return BicepReader.read(main, new TreeSources(repo), new InputOptions(Map.of(), List.of(), Map.of(), List.of(), Map.of("HOME", home.toString())));
  }

  private static String module(String ref, String name) {
    return "module m" + name.replace("-", "") + " '" + ref + "' = {\n  name: '" + name + "'\n  params: { publicIp: true, name: '" + name + "' }\n}\n";
  }

  private static Resource compute(ReadResult r, String name) {
    return r.resources().stream().filter(x -> x.name().equals("mlw-cached/" + name)).findFirst()
        .orElseThrow(() -> new AssertionError("no compute " + name + " in " + r.resources().stream().map(Resource::address).toList()
            + " " + r.diagnostics()));
  }

  private static List<String> notes(ReadResult r) {
    return r.diagnostics().stream().filter(d -> d.kind() == Diagnostic.Kind.NOTE).map(Diagnostic::message).toList();
  }

  @Test
  void registryModulesAreReadFromTheRestoreCache() throws Exception {
    ReadResult r = read(module("br/public:avm/res/ml/compute:0.1.0", "public")
        + module("br:mcr.microsoft.com/bicep/avm/res/ml/compute:0.1.0", "full")
        + module("br/contoso:ml/compute:V1", "alias")
        + module("br:contoso.azurecr.io:5000/ml/compute@sha256:" + "a".repeat(64), "digest")
        + module("ts:00000000-0000-0000-0000-000000000000/rg-specs/ml-compute:1.0", "spec")
        + module("ts/specs:ml-compute:1.0", "specalias")
        + "output fromCache string = mpublic.outputs.computeName\n").result();
    assertEquals(List.of(), Bicep.errors(r));
    for (String n : List.of("public", "full", "alias", "digest", "spec", "specalias")) {
      Value ip = compute(r, n).at("properties.properties.enableNodePublicIp").orElseThrow();
      assertEquals("true", Value.render(ip), n);
      // the finding would point into the cached template, where the value is used
      assertTrue(ip.location().file().endsWith("main.json"), ip.location().toString());
    }
    assertEquals(List.of(), notes(r));
  }

  @Test
  void aReferenceNotInTheCacheIsANoteAndItsOutputsAreUnknown() throws Exception {
    ReadResult r = read(module("br/public:avm/res/ml/compute:9.9.9", "missing")).result();
    assertEquals(List.of(), Bicep.errors(r));
    assertEquals(List.of("module mmissing: br/public:avm/res/ml/compute:9.9.9 is not in the local restore cache (run 'bicep restore' to read it);"
        + " its outputs are unknown"), notes(r));
    assertTrue(r.resources().stream().noneMatch(x -> x.name().startsWith("mlw-cached/")));
  }

  @Test
  void referencesThatWouldLeaveTheCacheAreNotRead() throws Exception {
    Path outside = tmp.resolve("outside/main.json");
    Files.createDirectories(outside.getParent());
    Files.writeString(outside, MODULE);
    // a symbolic link inside the cache that leads out of it
    Path link = home.resolve(".bicep/br/mcr.microsoft.com/bicep$evil/1.0$");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, outside.getParent());
    ReadResult r = read(module("br:../../../outside:1", "dots") + module("br:mcr.microsoft.com/../../x:1", "segments")
        + module("br:mcr.microsoft.com/bicep/evil:1.0", "link") + module("ts:../x/y:1", "spec")).result();
    assertEquals(List.of(), Bicep.errors(r));
    List<String> notes = notes(r);
    assertEquals(4, notes.size(), notes.toString());
    for (String n : notes) assertTrue(n.contains("is not a valid registry or template spec reference inside the restore cache"), n);
    assertTrue(r.resources().stream().noneMatch(x -> x.name().startsWith("mlw-cached/")));
  }

  @Test
  void typeOnlyImportsFromAMissingArtifactMakeNothingUnknown() throws Exception {
    ReadResult r = read("""
        import { lockType } from 'br/public:avm/utl/types/avm-common-types:0.0.1'
        param lock lockType?
        resource ws 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
          name: 'mlw-typed'
          location: 'westeurope'
          properties: { publicNetworkAccess: lock == null ? 'Disabled' : 'Enabled' }
        }
        """).result();
    assertEquals(List.of(), Bicep.errors(r));
    assertEquals(List.of(), notes(r));
    assertEquals("Disabled", Value.render(r.resources().get(0).at("properties.publicNetworkAccess").orElseThrow()));
  }

  @Test
  void aValueImportedFromAMissingArtifactIsUnknownWithOneNote() throws Exception {
    ReadResult r = read("""
        import { defaultAccess } from 'br/public:avm/utl/shared:0.0.1'
        resource ws 'Microsoft.MachineLearningServices/workspaces@2025-06-01' = {
          name: 'mlw-imported'
          location: 'westeurope'
          properties: { publicNetworkAccess: defaultAccess }
        }
        """).result();
    assertTrue(r.resources().get(0).at("properties.publicNetworkAccess").orElseThrow().isUnknown());
    assertEquals(1, notes(r).size(), notes(r).toString());
    assertTrue(notes(r).get(0).contains("br/public:avm/utl/shared:0.0.1, which is not in the local restore cache"), notes(r).get(0));
  }

  @Test
  void withoutAKnownHomeThereIsNoCache() throws Exception {
    Path main = repo.resolve("main.bicep");
    Files.writeString(main, module("br/public:avm/res/ml/compute:0.1.0", "nohome"));
    ReadResult r = BicepReader.read(main, new TreeSources(repo), InputOptions.NONE).result();
    assertFalse(notes(r).isEmpty());
    assertTrue(notes(r).get(0).contains("the user's home is not known"), notes(r).get(0));
  }

  @Test
  void tagsKeepTheirCaseInTheFolderName() {
    assertEquals("0.1.0$", ModuleRefs.encodeTag("0.1.0"));
    assertEquals("V1$1", ModuleRefs.encodeTag("V1"));
    assertEquals("aBc$2", ModuleRefs.encodeTag("aBc"));
    // index 65 is bit 1 of the second mask word, written first; the first word follows, padded
    assertEquals("A" + "a".repeat(64) + "B$20000000000000001", ModuleRefs.encodeTag("A" + "a".repeat(64) + "B"));
  }
}
