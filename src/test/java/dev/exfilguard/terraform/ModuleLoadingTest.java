package dev.exfilguard.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Diagnostic;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Resource;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A module directory loaded as terraform plan would: variable precedence, types, locals, module sources. */
class ModuleLoadingTest {
  private static final Location AT = new Location("use.tf", 1, 1);

  private static InputOptions inputs() {
    return new InputOptions(Map.of(), List.of(),
        Map.of("cli", "--var", "port", "8443"),
        List.of(Path.of("testdata/terraform/variables-precedence/inputs/first.tfvars"),
            Path.of("testdata/terraform/variables-precedence/inputs/second.tfvars")),
        Map.of("TF_VAR_env_only", "environment", "TF_VAR_tfvars", "environment", "TF_VAR_only_default_typo", "x",
            "TF_VAR_tags", "[\"a\", \"b\"]"));
  }

  private static String str(ModuleScope s, String var) {
    Value v = s.variable(var, AT);
    assertInstanceOf(Value.Str.class, v, var + " is " + v);
    return ((Value.Str) v).value();
  }

  @Test
  void variablePrecedenceIsTerraforms() {
    ModuleScope s = Tf.scope("variables-precedence", inputs());
    assertEquals("default", str(s, "only_default"));
    assertEquals("environment", str(s, "env_only"), "TF_VAR_ is above the default");
    assertEquals("terraform.tfvars", str(s, "tfvars"), "terraform.tfvars is above TF_VAR_");
    assertEquals("terraform.tfvars.json", str(s, "tfvars_json"), "terraform.tfvars.json is above terraform.tfvars");
    assertEquals("a.auto.tfvars", str(s, "auto_a"), "*.auto.tfvars are above terraform.tfvars.json");
    assertEquals("b.auto.tfvars", str(s, "auto_b"), "auto files in lexical order, the later wins");
    assertEquals("second.tfvars", str(s, "var_file"), "--var-file above auto files, in the order given");
    assertEquals("--var", str(s, "cli"), "--var above everything");
  }

  @Test
  void valuesSayWhereTheyWereSet() {
    ModuleScope s = Tf.scope("variables-precedence", inputs());
    assertEquals("variable 'auto_b' set at testdata/terraform/variables-precedence/b.auto.tfvars:1", s.variable("auto_b", AT).meta().via());
    assertEquals("variable 'only_default' default at testdata/terraform/variables-precedence/variables.tf:2",
        s.variable("only_default", AT).meta().via());
    assertEquals("--var cli", s.variable("cli", AT).meta().via());
    assertEquals("environment variable TF_VAR_env_only", s.variable("env_only", AT).meta().via());
    assertEquals(AT, s.variable("cli", AT).location(), "a variable's value stands where it is used");
  }

  @Test
  void typesConvertCommandLineStringsAndFillOptionalDefaults() {
    ModuleScope s = Tf.scope("variables-precedence", inputs());
    assertEquals("8443", Tf.render(s.variable("port", AT)), "--var port=8443 is a number for a number variable");
    assertInstanceOf(Value.Num.class, s.variable("port", AT));
    assertEquals("[\"a\",\"b\"]", Tf.render(s.variable("tags", AT)), "a list variable's TF_VAR_ value is parsed as an expression");
    assertEquals("{dest:\"Internet\",ports:[\"443\"],priority:4000}", Tf.render(s.variable("rule", AT)));
    assertInstanceOf(Value.Unknown.class, s.variable("no_value", AT));
  }

  @Test
  void withoutInputsOnlyFilesOfTheDirectoryApply() {
    ModuleScope s = Tf.scope("variables-precedence", InputOptions.NONE);
    assertEquals("default", str(s, "env_only"));
    assertEquals("b.auto.tfvars", str(s, "var_file"));
    assertEquals("default", str(s, "cli"));
    assertEquals("22", Tf.render(s.variable("port", AT)));
  }

  @Test
  void aLocalsCycleIsAnErrorAtTheLocal() {
    TerraformReader.Loaded l = Tf.load("locals-cycle");
    List<Diagnostic> errors = l.result().diagnostics().stream().filter(d -> d.kind() == Diagnostic.Kind.ERROR).toList();
    assertEquals(1, errors.size(), errors.toString());
    Diagnostic d = errors.get(0);
    assertEquals(new Location("testdata/terraform/locals-cycle/main.tf", 2, 3), d.location());
    assertEquals("local value 'a' refers to itself: local.a -> local.b -> local.c -> local.a", d.message());
    Resource r = l.result().resources().get(0);
    assertEquals("Internet", ((Value.Str) r.at("properties.destinationAddressPrefix").orElseThrow()).value(), "locals outside the cycle evaluate");
    assertInstanceOf(Value.Unknown.class, r.at("properties.sourceAddressPrefix").orElseThrow());
  }

  @Test
  void remoteAndMissingModulesAreNotedOnceAndTheirOutputsAreUnknown() {
    TerraformReader.Loaded l = Tf.load("modules-remote");
    List<Diagnostic> ds = l.result().diagnostics();
    assertTrue(ds.stream().allMatch(d -> d.kind() == Diagnostic.Kind.NOTE), ds.toString());
    assertEquals(3, ds.size(), ds.toString());
    assertTrue(ds.get(0).message().contains("registry or remote module, which exfilguard never downloads"), ds.get(0).message());
    assertEquals(1, ds.get(0).location().line());
    assertTrue(ds.get(1).message().contains("git::https://example.com/modules.git"), ds.get(1).message());
    assertTrue(ds.get(2).message().contains("\"./does-not-exist\" does not exist"), ds.get(2).message());
    Resource r = l.result().resources().get(0);
    // the NSG's name is a remote module's output, Unknown: the segment is a symbol of its own
    assertEquals("{azurerm_network_security_rule.uses_outputs.network_security_group_name}/from-modules", r.name());
    assertInstanceOf(Value.Unknown.class, r.at("properties.destinationAddressPrefix").orElseThrow());
    assertInstanceOf(Value.Unknown.class, r.at("properties.sourceAddressPrefix").orElseThrow());
  }

  @Test
  void aModuleCalledByTheRootIsLoadedWithItsInputs() {
    TerraformReader.Loaded l = Tf.load("frontdoor-module");
    assertEquals(List.of(), l.result().diagnostics());
    assertEquals(List.of(Path.of("testdata/terraform/frontdoor-module/modules/nsg").toAbsolutePath()), l.childModules());
    assertEquals(List.of("testdata/terraform/frontdoor-module/main.tf", "testdata/terraform/frontdoor-module/variables.tf",
        "testdata/terraform/frontdoor-module/modules/nsg/main.tf", "testdata/terraform/frontdoor-module/modules/nsg/variables.tf"), l.files());
    List<String> addresses = l.result().resources().stream().map(r -> r.address() + " " + r.name()).toList();
    assertEquals(List.of("azurerm_virtual_network.ml vnet-ml", "azurerm_subnet.compute vnet-ml/snet-compute",
        "azurerm_machine_learning_workspace.ws mlw-01", "azurerm_machine_learning_compute_cluster.cpu mlw-01/cpu-cluster",
        "module.nsg.azurerm_network_security_group.this nsg-ml",
        "module.nsg.azurerm_network_security_rule.studio nsg-ml/out-studio",
        "module.nsg.azurerm_network_security_rule.batch nsg-ml/out-batch",
        "module.nsg.azurerm_network_security_rule.azureml nsg-ml/out-azureml",
        "module.nsg.azurerm_network_security_rule.storage nsg-ml/out-storage",
        "module.nsg.azurerm_network_security_rule.deny_internet nsg-ml/deny-internet-out"), addresses);
    Resource rule = AzurermMappingTest.addressed(l.result(), "module.nsg.azurerm_network_security_rule.studio");
    Value dest = rule.at("properties.destinationAddressPrefix").orElseThrow();
    assertEquals("AzureFrontDoor.Frontend", ((Value.Str) dest).value());
    assertEquals(new Location("testdata/terraform/frontdoor-module/modules/nsg/main.tf", 18, 33), dest.location());
    assertEquals("variable 'studio_destination' default at testdata/terraform/frontdoor-module/variables.tf:9", dest.meta().via());
  }

  @Test
  void jsonConfigurationIsReadLikeNativeSyntax() {
    TerraformReader.Loaded l = Tf.load("tfjson");
    assertEquals(List.of(), l.result().diagnostics());
    Resource nsg = l.result().resources().get(0);
    assertEquals("nsg-json", nsg.name());
    assertEquals("out-studio", Tf.render(nsg.at("properties.securityRules[0].name").orElseThrow()).replace("\"", ""));
    Value dest = nsg.at("properties.securityRules[0].properties.destinationAddressPrefix").orElseThrow();
    assertEquals("AzureFrontDoor.Frontend", ((Value.Str) dest).value());
    assertEquals(27, dest.location().line(), "the JSON line that sets it");
  }
}
