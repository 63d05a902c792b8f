package dev.exfilguard.arm.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each function family against ARM's documented semantics and edge cases. */
class FunctionFamiliesTest {
  private static final Location AT = new Location("t.json", 4, 2);

  private final Map<String, Value> params = new HashMap<>();
  private final List<String> unknownFunctions = new ArrayList<>();
  private final Evaluator evaluator = new Evaluator(new Scope() {
    @Override
    public Value parameter(String name, Meta at) {
      Value v = params.get(name);
      return v == null ? new Value.Unknown("parameter '" + name + "' has no value", at) : v.relocated(at.location());
    }

    @Override
    public Value variable(String name, Meta at) {
      return new Value.Unknown("no variables", at);
    }

    @Override
    public void unknownFunction(String name, Meta at) {
      unknownFunctions.add(name);
    }
  });

  private Value ev(String expression) {
    return evaluator.evalString(new Value.Str(expression, Meta.explicit(AT)));
  }

  /** The value as compact JSON, the easiest form to compare arrays and objects in. */
  private String json(String expression) {
    Value v = ev(expression);
    try {
      return Functions.json(v);
    } catch (Functions.EvalError e) {
      throw new AssertionError(expression + " gave " + v);
    }
  }

  private void unknown(String expression) {
    assertInstanceOf(Value.Unknown.class, ev(expression), expression);
  }

  // --- hashes -------------------------------------------------------------------------------

  @Test
  void uniqueStringMatchesAzure() {
    // Azure's own output for this input, as published by a user who ran ARM's implementation
    assertEquals("\"zcztcwvu6iyg6\"", json("[uniqueString('tyeth')]"));
    // several arguments are joined with '-' before hashing
    assertEquals(json("[uniqueString('a-b-c')]"), json("[uniqueString('a', 'b', 'c')]"));
    // the format: 13 characters of the base-32 alphabet a-z, 2-7
    for (String in : List.of("", "x", "resource-group", "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}")) {
      String out = ((Value.Str) ev("[uniqueString('" + in + "')]")).value();
      assertTrue(out.matches("[a-z2-7]{13}"), in + " -> " + out);
    }
    assertTrue(!json("[uniqueString('ABC')]").equals(json("[uniqueString('abc')]")), "case-sensitive");
    unknown("[uniqueString(1)]");
    unknown("[uniqueString(parameters('missing'))]");
  }

  @Test
  void guidIsAVersion5UuidInArmsNamespace() {
    // RFC 4122 name-based SHA-1 UUID of "a-b" in namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830,
    // as Python's uuid.uuid5 computes it
    assertEquals("\"2d796349-8c7e-55ec-9624-54ece82ed031\"", json("[guid('a', 'b')]"));
    assertEquals(json("[guid('a-b')]"), json("[guid('a', 'b')]"));
  }

  // --- logic and comparison -------------------------------------------------------------------

  @Test
  void coalesceSkipsNullsAndStopsAtUnknown() {
    params.put("n", new Value.Null(Meta.explicit(AT)));
    assertEquals("\"x\"", json("[coalesce(null(), parameters('n'), 'x', 'y')]"));
    assertEquals("null", json("[coalesce(null(), null())]"));
    assertEquals("\"x\"", json("[coalesce('x', parameters('missing'))]"), "a value before the Unknown decides");
    unknown("[coalesce(null(), parameters('missing'), 'x')]");
  }

  @ParameterizedTest
  @CsvSource({
    "greater(10; 5), true", "greater(5; 5), false", "greaterOrEquals(5; 5), true", "less(4; 5), true",
    "lessOrEquals(6; 5), false", "greater('b'; 'a'), true",
    // .NET's culture-aware order: case-insensitive first, lower case before upper case on a tie
    "greater('A'; 'a'), true", "less('a'; 'B'), true", "less('A'; 'a'), false"
  })
  void comparisons(String call, boolean expected) {
    assertEquals(new Value.Bool(expected, Meta.explicit(AT)), ev("[" + call.replace(';', ',') + "]"), call);
  }

  @Test
  void comparingMixedTypesIsUnknown() {
    unknown("[greater(1, 'a')]");
  }

  // --- numbers ----------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "add(2; 3), 5", "sub(2; 5), -3", "mul(-4; 5), -20", "div(7; 2), 3", "div(-7; 2), -3", "mod(7; 3), 1", "mod(-7; 3), -1",
    "int('42'), 42", "min(3; 1; 2), 1", "max(createArray(3; 9; 2)), 9"
  })
  void arithmetic(String call, String expected) {
    assertEquals(expected, json("[" + call.replace(';', ',') + "]"), call);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[div(1, 0)]", "[mod(1, 0)]", "[add(9223372036854775807, 1)]", "[add('1', 2)]"})
  void arithmeticErrorsAreUnknown(String expression) {
    unknown(expression);
  }

  // --- strings ----------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "padLeft('7', 3, '0')|\"007\"", "padLeft(42, 5)|\"   42\"", "padLeft('long', 2)|\"long\"",
    "trim('  x y  ')|\"x y\"", "indexOf('AzureFrontDoor', 'frontdoor')|5", "indexOf('abc', 'z')|-1",
    "lastIndexOf('a.b.c', '.')|3", "indexOf(createArray('a', 'b', 'a'), 'a')|0", "lastIndexOf(createArray('a', 'b', 'a'), 'a')|2",
    "substring('hello', 1, 3)|\"ell\"", "substring('hello', 2)|\"llo\"",
    "base64('one, two')|\"b25lLCB0d28=\"", "base64ToString('b25lLCB0d28=')|\"one, two\"",
    "string(createObject('a', 1, 'b', createArray(true(), null())))|\"{\\\"a\\\":1,\\\"b\\\":[true,null]}\"",
    "string(5)|\"5\"", "json('{\"k\": [1, \"x\"]}')|{\"k\":[1,\"x\"]}", "json('null')|null",
    "uri('https://example.com/a/b', 'c')|\"https://example.com/a/c\"", "uri('https://example.com/a/', 'c')|\"https://example.com/a/c\"",
    "uriComponent('a b&c')|\"a%20b%26c\"", "uriComponentToString('a%20b')|\"a b\"",
    "join(createArray('a', 'b'), ',')|\"a,b\"", "split('a,b;c', createArray(',', ';'))|[\"a\",\"b\",\"c\"]",
    "replace('a-b-c', '-', '')|\"abc\"", "startsWith('AzureCloud', 'azure')|true", "endsWith('Storage.WestEurope', 'westeurope')|true",
    "toUpper('ab')|\"AB\"", "format('{0}-{1,3}', 'a', 7)|\"a-  7\"", "dataUriToString(dataUri('hi'))|\"hi\""
  })
  void stringFunctions(String call, String expected) {
    assertEquals(expected, json("[" + call + "]"), call);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[substring('abc', 2, 5)]", "[substring('abc', -1)]", "[padLeft('x', 3, 'ab')]", "[json('{')]",
      "[replace('abc', '', 'x')]", "[base64ToString('%%%')]", "[format('{0:N2}', 1)]"})
  void stringErrorsAreUnknown(String expression) {
    unknown(expression);
  }

  // --- collections ------------------------------------------------------------------------------

  @Test
  void unionDeepMergesObjectsAndDeduplicatesArrays() {
    assertEquals("{\"a\":{\"x\":1,\"y\":{\"p\":1,\"q\":2},\"z\":3},\"b\":[3]}",
        json("[union(createObject('a', createObject('x', 1, 'y', createObject('p', 1)), 'b', createArray(1, 2)),"
            + " createObject('a', createObject('y', createObject('q', 2), 'z', 3), 'b', createArray(3)))]"));
    assertEquals("[1,2,3]", json("[union(createArray(1, 2), createArray(2, 3))]"));
    assertEquals("{\"A\":2}", json("[union(createObject('A', 1), createObject('a', 2))]"), "keys are case-insensitive");
  }

  @Test
  void intersectionShallowMergeAndKeys() {
    assertEquals("[\"b\"]", json("[intersection(createArray('a', 'b'), createArray('b', 'c'))]"));
    assertEquals("{\"k\":1}", json("[intersection(createObject('k', 1, 'j', 2), createObject('k', 1, 'j', 3))]"));
    assertEquals("{\"a\":{\"y\":2},\"b\":1}",
        json("[shallowMerge(createArray(createObject('a', createObject('x', 1), 'b', 1), createObject('a', createObject('y', 2))))]"));
    assertEquals("[\"b\",\"a\"]", json("[objectKeys(createObject('b', 1, 'a', 2))]"));
    assertEquals("[{\"key\":\"a\",\"value\":2},{\"key\":\"B\",\"value\":1}]", json("[items(createObject('B', 1, 'a', 2))]"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "take(createArray(1, 2, 3), 2)|[1,2]", "skip(createArray(1, 2, 3), 2)|[3]", "take('abc', 9)|\"abc\"", "skip('abc', -1)|\"abc\"",
    "range(5, 3)|[5,6,7]", "tryGet(createObject('a', createObject('b', 1)), 'a', 'b')|1",
    "tryGet(createObject('a', 1), 'missing')|null", "tryGet(createArray(1, 2), 5)|null", "first(createArray())|null",
    "last('abc')|\"c\"", "flatten(createArray(createArray(1), createArray(2, 3)))|[1,2,3]", "array('x')|[\"x\"]",
    "length(createObject('a', 1))|1", "empty(null())|true", "contains(createObject('Key', 1), 'key')|true",
    "concat(createArray(1), createArray(2))|[1,2]", "concat('a', 1, true())|\"a1True\""
  })
  void collectionFunctions(String call, String expected) {
    assertEquals(expected, json("[" + call + "]"), call);
  }

  @Test
  void rangeIsBoundedAsArmBoundsIt() {
    unknown("[range(0, 10001)]");
    assertEquals(10_000, ((Value.Arr) ev("[range(0, 10000)]")).items().size());
  }

  // --- lambdas --------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "map(createArray(1, 2), lambda('x', mul(lambdaVariables('x'), 10)))|[10,20]",
    "map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))|[\"a0\",\"b1\"]",
    "filter(createArray(1, 5, 7), lambda('x', greater(lambdaVariables('x'), 4)))|[5,7]",
    "reduce(createArray(1, 2, 3), 10, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))|16",
    "sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))|[1,2,3]",
    "toObject(createArray('a', 'b'), lambda('x', toUpper(lambdaVariables('x'))))|{\"A\":\"a\",\"B\":\"b\"}",
    "toObject(createArray('a'), lambda('x', lambdaVariables('x')), lambda('x', 1))|{\"a\":1}",
    "groupBy(createArray('ab', 'ac', 'b'), lambda('x', substring(lambdaVariables('x'), 0, 1)))|{\"a\":[\"ab\",\"ac\"],\"b\":[\"b\"]}",
    "mapValues(createObject('a', 1), lambda('v', add(lambdaVariables('v'), 1)))|{\"a\":2}",
    "map(createArray(1), lambda('x', map(createArray(2), lambda('y', add(lambdaVariables('x'), lambdaVariables('y'))))))|[[3]]"
  })
  void lambdaFunctions(String call, String expected) {
    assertEquals(expected, json("[" + call + "]"), call);
  }

  @Test
  void lambdasOverUnknownsStayHonest() {
    // a mapped Unknown is one Unknown item; a filter that depends on one is Unknown as a whole
    Value mapped = ev("[map(createArray(1, parameters('missing')), lambda('x', lambdaVariables('x')))]");
    assertInstanceOf(Value.Unknown.class, ((Value.Arr) mapped).items().get(1));
    unknown("[filter(createArray(1, parameters('missing')), lambda('x', equals(lambdaVariables('x'), 1)))]");
    unknown("[map(parameters('missing'), lambda('x', 1))]");
    unknown("[lambdaVariables('nowhere')]");
    unknown("[lambda('x', 1)]");
  }

  // --- deployment -------------------------------------------------------------------------------

  @Test
  void environmentIsThePublicCloud() {
    assertEquals("\"core.windows.net\"", json("[environment().suffixes.storage]"));
    assertEquals("\"AzureCloud\"", json("[environment().name]"));
  }

  @Test
  void deploymentTimeFunctionsAreUnknownWithoutANote() {
    for (String e : List.of("[utcNow()]", "[newGuid()]", "[reference('x').outputs]", "[listKeys('id', '2023-01-01').keys[0].value]",
        "[pickZones('Microsoft.Compute', 'virtualMachines', 'westeurope')]", "[subscription().tenantId]", "[deployment().name]")) {
      unknown(e);
    }
    assertEquals(List.of(), unknownFunctions);
    unknown("[copyIndex()]");
  }

  @Test
  void anUnknownFunctionIsReportedAndUnknown() {
    unknown("[notAFunction(1)]");
    unknown("[__bicep.notDefined(1)]");
    assertEquals(List.of("notAFunction", "__bicep.notDefined"), unknownFunctions);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "toLower(parameters('m'))", "padLeft(parameters('m'), 3)", "base64(parameters('m'))", "uniqueString(parameters('m'))",
    "union(parameters('m'), createObject())", "add(parameters('m'), 1)", "greater(parameters('m'), 1)", "json(parameters('m'))",
    "length(parameters('m'))", "take(parameters('m'), 1)", "tryGet(parameters('m'), 'a')", "items(parameters('m'))",
    "string(parameters('m'))", "substring(parameters('m'), 0)", "not(parameters('m'))", "uri(parameters('m'), 'x')",
    "shallowMerge(parameters('m'))", "objectKeys(parameters('m'))", "range(0, parameters('m'))", "indexOf(parameters('m'), 'a')",
    "trim(parameters('m'))", "guid(parameters('m'))", "intersection(parameters('m'), createArray())", "equals(parameters('m'), 1)"
  })
  void unknownPropagatesThroughEveryFamily(String call) {
    Value v = ev("[" + call + "]");
    assertInstanceOf(Value.Unknown.class, v, call);
    assertEquals(AT, v.location(), "the Unknown stands where the expression does");
  }
}
