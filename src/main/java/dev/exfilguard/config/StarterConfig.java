package dev.exfilguard.config;

/** What {@code exfilguard init} writes: every key, commented, with the defaults in effect. */
public final class StarterConfig {
  private StarterConfig() {}

  public static final String TEXT = """
      # exfilguard configuration (see the README, section "Config file").
      # `exfilguard scan` uses the first .exfilguard.yaml in the scanned directory or a parent,
      # up to the repository root. Paths and globs are relative to this file's directory;
      # `**` crosses directories, and a glob matching a directory covers everything below it.
      # Every key is optional; unknown keys are errors.
      version: 1

      # Which rules run, and how severe their findings are.
      rules:
        # enable: [AMLX-22, AMLX-12]   # only these rules run (default: all)
        disable: []                    # e.g. [AMLX-13]
        severity: {}                   # e.g. {AMLX-02: high}

      # Report only findings of this severity or higher: high, medium, low or info.
      # --severity-threshold on the command line wins.
      severity-threshold: info

      # Fail (exit 1) on findings of this severity or higher, shown or not: high, medium, low,
      # info, or none (never fail on findings). Default: the severity threshold.
      # --fail-on and --soft-fail on the command line win.
      # fail-on: high

      # Files and directories not to scan.
      exclude: []
      #  - "vendor/**"
      #  - "examples"

      # Directories of your own rules, in the same YAML format as the built-in ones.
      custom-rules: []
      #  - policies/exfilguard

      # ARM parameters files and Terraform .tfvars files for the templates and modules under a path.
      inputs: []
      #  - path: "envs/prod/**"
      #    parameters: [envs/prod/azuredeploy.parameters.json]
      #    var-files: [envs/prod/prod.tfvars]

      # Accepted risks. Each needs a reason; `rule` is an ID, a list of IDs, or "*";
      # `path` (a file glob) and `resource` (an address glob) narrow it; `expires` ends it.
      suppressions: []
      #  - rule: AMLX-22
      #    path: "network/legacy/**"
      #    resource: "azurerm_network_security_group.legacy*"
      #    reason: "Legacy VNet, no ML compute attached; removal tracked in JIRA-123"
      #    expires: 2026-06-30
      """;
}
