package dev.exfilguard.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The subset of the SARIF 2.1.0 object model that exfilguard writes, as records in the order
 * the properties are printed. Nulls are left out of the output, so optional parts are null
 * rather than empty.
 */
record SarifLog(@JsonProperty("$schema") String schema, String version, List<Run> runs) {

  record Run(
      Tool tool,
      List<Invocation> invocations,
      Map<String, ArtifactLocation> originalUriBaseIds,
      String columnKind,
      List<Result> results) {}

  record Tool(Driver driver) {}

  record Driver(String name, String version, String informationUri, List<Rule> rules) {}

  record Rule(
      String id,
      String name,
      Message shortDescription,
      Message fullDescription,
      Message help,
      String helpUri,
      Configuration defaultConfiguration,
      RuleProperties properties) {}

  /** SARIF's message and multiformatMessageString: {@code markdown} null where plain. */
  record Message(String text, String markdown) {
    static Message plain(String text) {
      return new Message(text, null);
    }
  }

  record Configuration(String level) {}

  /**
   * Property bag GitHub code scanning reads: {@code security-severity} (a number in a string,
   * 0.0 to 10.0) ranks security alerts, {@code tags} must include {@code security} for it to be
   * used, {@code precision} orders alerts.
   */
  record RuleProperties(
      List<String> tags,
      @JsonProperty("security-severity") String securitySeverity,
      String precision) {}

  record Result(
      String ruleId,
      int ruleIndex,
      String level,
      Message message,
      List<Location> locations,
      List<Location> relatedLocations,
      Map<String, String> partialFingerprints,
      List<Suppression> suppressions) {}

  /** An accepted result: {@code inSource} (comment, resource metadata) or {@code external} (config file). */
  record Suppression(String kind, String status, String justification, Location location) {}

  record Location(
      Integer id,
      PhysicalLocation physicalLocation,
      List<LogicalLocation> logicalLocations,
      Message message) {}

  record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

  record ArtifactLocation(String uri, String uriBaseId, Message description) {}

  record Region(Integer startLine, Integer startColumn) {}

  record LogicalLocation(String fullyQualifiedName, String kind) {}

  record Invocation(boolean executionSuccessful, List<Notification> toolExecutionNotifications) {}

  record Notification(String level, Message message, List<Location> locations) {}
}
