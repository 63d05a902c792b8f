package dev.exfilguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Config globs: the syntax the README promises, matched without backtracking. */
class GlobTest {
  private static boolean path(String glob, String value) {
    return Glob.path(glob).matches(value);
  }

  @Test
  void starsStayInOneLevelAndDoubleStarsCross() {
    assertTrue(path("*.tf", "main.tf"));
    assertFalse(path("*.tf", "mod/main.tf"));
    assertTrue(path("**/*.tf", "main.tf"));
    assertTrue(path("**/*.tf", "a/b/c/main.tf"));
    assertTrue(path("envs/**/prod.tfvars", "envs/prod.tfvars"));
    assertTrue(path("envs/**/prod.tfvars", "envs/eu/west/prod.tfvars"));
    assertFalse(path("envs/**/prod.tfvars", "envsx/prod.tfvars"));
    assertTrue(path("a?c/x", "abc/x"));
    assertFalse(path("a?c/x", "a/c/x"));
  }

  @Test
  void aGlobMatchingADirectoryCoversWhatIsBelowIt() {
    assertTrue(path("legacy", "legacy/main.tf"));
    assertTrue(path("legacy/**", "legacy/a/b/main.tf"));
    assertTrue(path("./legacy/", "legacy/main.tf"));
    assertFalse(path("legacy", "legacy2/main.tf"));
  }

  @Test
  void bracesAreAlternativesAndMayNest() {
    assertTrue(path("{arm,bicep}/**", "arm/x.json"));
    assertTrue(path("{arm,bicep}/**", "bicep/x.json"));
    assertFalse(path("{arm,bicep}/**", "tf/x.tf"));
    assertTrue(path("envs/{prod,stage-{eu,us}}/*.tf", "envs/stage-us/main.tf"));
    assertFalse(path("envs/{prod,stage-{eu,us}}/*.tf", "envs/stage-asia/main.tf"));
    assertTrue(path("x{,.bak}", "x.bak"));
    assertTrue(path("x{,.bak}", "x"));
  }

  @Test
  void bracketsAreOneCharacterOfASet() {
    assertTrue(path("env[0-9]/*", "env7/main.tf"));
    assertFalse(path("env[0-9]/*", "envx/main.tf"));
    assertTrue(path("env[!0-9]/*", "envx/main.tf"));
    assertTrue(path("env[^0-9]/*", "envx/main.tf"));
    assertFalse(path("a[/]b", "a/b"), "a set never matches the separator in a path");
    assertTrue(path("[]]x", "]x"));
    assertTrue(Glob.address("azurerm_[a-z]*.studio").matches("azurerm_network_security_rule.studio"));
    assertTrue(Glob.address("module.*.azurerm_subnet.s[[]0]").matches("module.net.azurerm_subnet.s[0]"));
  }

  @Test
  void addressStarsCrossEverything() {
    assertTrue(Glob.address("module.*").matches("module.a.module.b.azurerm_x.y"));
    assertTrue(Glob.address("*.{studio,web}").matches("azurerm_network_security_rule.web"));
    assertFalse(Glob.address("*.{studio,web}").matches("azurerm_network_security_rule.api"));
  }

  @Test
  void unclosedGlobsAreErrors() {
    assertEquals("glob 'env[0-9': '[' at character 4 is not closed",
        assertThrows(Glob.GlobSyntaxException.class, () -> Glob.path("env[0-9")).getMessage());
    assertEquals("glob '{a,b': '{' at character 1 is not closed",
        assertThrows(Glob.GlobSyntaxException.class, () -> Glob.path("{a,b")).getMessage());
  }

  /** Twenty "**\/" against a long path that nearly matches: a backtracking matcher takes minutes. */
  @Test
  void manyDoubleStarsDoNotBacktrack() {
    Glob g = Glob.path("**/".repeat(20) + "x/**/y");
    String value = "a/".repeat(2000) + "z";
    long t0 = System.nanoTime();
    assertFalse(g.matches(value));
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "hang guard");
  }

  @Test
  void configGlobErrorsNameTheirLine() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(java.nio.file.Path.of("."), ".exfilguard.yaml", "version: 1\nexclude:\n  - \"env[0-9\"\n"));
    assertEquals(".exfilguard.yaml:3:5: error: glob 'env[0-9': '[' at character 4 is not closed", e.render());
  }
}
