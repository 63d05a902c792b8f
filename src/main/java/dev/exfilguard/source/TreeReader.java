package dev.exfilguard.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON (and YAML) into model values, every node keeping its line and column. JSON is read
 * leniently, as ARM reads it: comments, trailing commas and raw control characters inside
 * strings are accepted (hand-written templates in the wild have all three).
 */
public final class TreeReader {
  private static final int MAX_DEPTH = 1000;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(64 << 20).build())
          .build();

  private final String file;
  private final JsonParser parser;

  private TreeReader(String file, JsonParser parser) {
    this.file = file;
    this.parser = parser;
  }

  private static YAMLFactory yamlFactory;

  /** Parses one JSON document; {@code file} is the display path used in every location. */
  public static Value readJson(String file, String content) throws SourceSyntaxException {
    return read(file, content, FACTORY, "JSON");
  }

  /** Parses one YAML document (rule files, the config file). */
  public static Value readYaml(String file, String content) throws SourceSyntaxException {
    if (yamlFactory == null) yamlFactory = YAMLFactory.builder().build();
    return read(file, content, yamlFactory, "YAML");
  }

  private static Value read(String file, String content, JsonFactory factory, String kind) throws SourceSyntaxException {
    if (content.indexOf('\0') >= 0) {
      throw new SourceSyntaxException(new Location(file, 1, 1), "binary file, not " + kind + " text");
    }
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    try (JsonParser p = factory.createParser(text)) {
      TreeReader r = new TreeReader(file, p);
      JsonToken first = p.nextToken();
      if (first == null) throw new SourceSyntaxException(new Location(file, 1, 1), "empty file");
      Value v = r.value(first);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        throw new SourceSyntaxException(r.here(p.currentTokenLocation()), "unexpected content after the " + kind + " document");
      }
      return v;
    } catch (StreamConstraintsException e) {
      throw new SourceSyntaxException(new Location(file, 1, 1), kind + " nested too deeply or too large: " + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      Location at = l == null ? new Location(file, 1, 1) : new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
      throw new SourceSyntaxException(at, kind.equals("YAML") ? yamlReason(e.getOriginalMessage()) : reason(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new SourceSyntaxException(new Location(file, 1, 1), firstLine(e.getMessage()));
    }
  }

  private Value value(JsonToken t) throws IOException {
    Meta meta = Meta.explicit(here(parser.currentTokenLocation()));
    switch (t) {
      case START_OBJECT: {
        Map<String, Value> fields = new LinkedHashMap<>();
        JsonToken k;
        while ((k = parser.nextToken()) == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          fields.put(name, value(parser.nextToken()));
        }
        return new Value.Obj(fields, meta);
      }
      case START_ARRAY: {
        List<Value> items = new ArrayList<>();
        JsonToken k;
        while ((k = parser.nextToken()) != JsonToken.END_ARRAY) {
          items.add(value(k));
        }
        return new Value.Arr(items, meta);
      }
      case VALUE_STRING:
        return new Value.Str(parser.getText(), meta);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Value.Num(parser.getDecimalValue(), meta);
      case VALUE_TRUE:
        return new Value.Bool(true, meta);
      case VALUE_FALSE:
        return new Value.Bool(false, meta);
      case VALUE_NULL:
        return new Value.Null(meta);
      default:
        throw new JsonParseException(parser, "unexpected " + t);
    }
  }

  private Location here(JsonLocation l) {
    return new Location(file, l.getLineNr(), l.getColumnNr());
  }

  /** Jackson's messages carry a source excerpt after a newline; keep the one-line reason. */
  private static String reason(String msg) {
    String m = firstLine(msg);
    if (m.startsWith("Unexpected end-of-input")) return "truncated JSON: unexpected end of file";
    java.util.regex.Matcher x;
    if ((x = UNRECOGNIZED.matcher(m)).lookingAt()) return "unexpected '" + x.group(1) + "': expected a value (a string, number, array, object, true, false or null)";
    if ((x = CLOSE.matcher(m)).lookingAt()) return "unexpected '" + x.group(1) + "': expected '" + x.group(2) + "'";
    if ((x = CHARACTER.matcher(m)).lookingAt()) {
      String expected = x.group(2) == null ? "" : x.group(2)
          .replace("comma to separate Object entries", "',' or '}'")
          .replace("comma to separate Array entries", "',' or ']'")
          .replace("a colon to separate field name and value", "':'")
          .replace("double-quote to start field name", "a quoted property name");
      return "unexpected character '" + x.group(1) + "'" + (expected.isEmpty() ? "" : ": expected " + expected);
    }
    if (m.startsWith("Duplicate field '")) return "duplicate property " + m.substring("Duplicate field ".length());
    if (m.startsWith("Illegal unquoted character")) return "a control character in a string must be escaped";
    // anything else: the reason without the parser's internals (source excerpts, codes)
    return m.replaceAll("\\s*\\(code \\d+\\)", "").replaceAll("\\s*\\[Source:.*$", "");
  }

  /**
   * The YAML parser's message is a context line, an excerpt with a caret, and the problem: keep
   * the problem, in words of ours.
   */
  private static String yamlReason(String msg) {
    if (msg == null) return "invalid YAML";
    String problem = null;
    for (String line : msg.split("\\R")) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("in '")) continue;
      problem = line.trim();
    }
    if (problem == null) return "invalid YAML";
    return "invalid YAML: " + problem.replace("'<stream end>'", "the end of the file").replace("<stream end>", "the end of the file");
  }

  private static final java.util.regex.Pattern UNRECOGNIZED = java.util.regex.Pattern.compile("Unrecognized token '([^']*)'");
  private static final java.util.regex.Pattern CLOSE = java.util.regex.Pattern.compile("Unexpected close marker '(.)': expected '(.)'");
  private static final java.util.regex.Pattern CHARACTER =
      java.util.regex.Pattern.compile("Unexpected character \\('(.*?)' \\(code \\d+\\)\\)(?:: was expecting (.*))?");

  private static String firstLine(String msg) {
    if (msg == null) return "unreadable JSON";
    int nl = msg.indexOf('\n');
    return (nl < 0 ? msg : msg.substring(0, nl)).trim();
  }
}
