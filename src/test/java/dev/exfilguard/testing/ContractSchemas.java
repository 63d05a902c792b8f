package dev.exfilguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The output contracts kept in the repository's {@code schemas/}: the JSON Schemas of
 * {@code --format json} and of the baseline file (the document names its schema in
 * {@code $schema}, which must be the schema's {@code $id}), and the Jenkins/xunit JUnit XSD,
 * checked with the JDK's {@code javax.xml.validation}. A missing schema fails the test.
 */
public final class ContractSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonSchema> BY_ID = new ConcurrentHashMap<>();

  private ContractSchemas() {}

  public static Path dir() {
    return Fixtures.repo().resolve("schemas");
  }

  /**
   * Violations of the schema the document's {@code $schema} names, one per line; empty when
   * valid. {@code file} is the schema expected ({@code report-v2.schema.json}).
   */
  public static String jsonViolations(JsonNode document, String file) {
    Path path = dir().resolve(file);
    assertTrue(Files.isRegularFile(path), "schema missing: " + path);
    JsonNode schemaNode;
    try {
      schemaNode = JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String id = schemaNode.get("$id").asText();
    assertEquals(id, document.path("$schema").asText(), "the document's $schema names " + file);
    JsonSchema schema = BY_ID.computeIfAbsent(id,
        k -> JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode));
    return schema.validate(document).stream().map(ValidationMessage::getMessage)
        .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining("\n"));
  }

  /** Violations of {@code schemas/junit-10.xsd}, one per line; empty when valid. */
  public static String junitViolations(byte[] xml) {
    Path xsd = dir().resolve("junit-10.xsd");
    assertTrue(Files.isRegularFile(xsd), "schema missing: " + xsd);
    List<String> problems = new ArrayList<>();
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      // the schema and the reports are local files: nothing is fetched
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      Validator v = factory.newSchema(xsd.toFile()).newValidator();
      v.setErrorHandler(new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) {
          problems.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) {
          problems.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
        }
      });
      v.validate(new StreamSource(new ByteArrayInputStream(xml)));
    } catch (SAXException e) {
      if (problems.isEmpty()) problems.add(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return String.join("\n", problems);
  }
}
