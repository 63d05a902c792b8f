package dev.exfilguard.report;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The OASIS SARIF 2.1.0 schema from {@code shared/schemas}, a draft-07 schema. Missing schema is
 * a failure, not a skip: a green run must mean the output was checked.
 */
final class SarifSchema {
  private SarifSchema() {}

  private static JsonSchema schema;

  static synchronized JsonSchema get() {
    if (schema == null) {
      String shared = System.getProperty("exfilguard.shared");
      assertNotNull(shared, "system property exfilguard.shared is not set (the pom passes it to surefire)");
      Path file = Path.of(shared, "schemas", "sarif-2.1.0.json");
      assertTrue(Files.isRegularFile(file), "SARIF schema not found at " + file.toAbsolutePath());
      try {
        JsonNode node = new ObjectMapper().readTree(file.toFile());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return schema;
  }

  /** Schema violations, sorted, one per line; empty when valid. */
  static String violations(JsonNode sarif) {
    Set<ValidationMessage> messages = get().validate(sarif);
    return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(TreeSet::new))
        .stream().collect(Collectors.joining("\n"));
  }
}
