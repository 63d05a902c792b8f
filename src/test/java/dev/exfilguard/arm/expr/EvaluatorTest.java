package dev.exfilguard.arm.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluatorTest {
  private static final Location AT = new Location("main.json", 7, 9);
  private static final Location DECL = new Location("main.json", 3, 20);
  /** The deployment's resource group ID: built from the symbols of its subscription and name. */
  private static final String RG = "/subscriptions/{subscription().subscriptionId}/resourceGroups/{resourceGroup().name}";

  /** Parameters and variables from maps; a parameter not in the map is Unknown; records unknown functions. */
  private static final class MapScope implements Scope {
    final Map<String, Value> params = new HashMap<>();
    final List<String> unknownFunctions = new ArrayList<>();

    @Override
    public Value parameter(String name, Meta at) {
      Value v = params.get(name);
      return v == null ? new Value.Unknown("parameter '" + name + "' has no value", at) : v.relocated(at.location());
    }

    @Override
    public Value variable(String name, Meta at) {
      return new Value.Unknown("no variables here", at);
    }

    @Override
    public void unknownFunction(String name, Meta at) {
      unknownFunctions.add(name);
    }
  }

  private MapScope scope;
  private Evaluator evaluator;

  @BeforeEach
  void setUp() {
    scope = new MapScope();
    scope.params.put("nullParam", new Value.Null(Meta.explicit(DECL)));
    scope.params.put("name", new Value.Str("snet-ml", Meta.explicit(DECL)));
    scope.params.put("flag", new Value.Bool(true, Meta.explicit(DECL)));
    evaluator = new Evaluator(scope);
  }

  private Value ev(String expression) {
    return evaluator.evalString(new Value.Str(expression, Meta.explicit(AT)));
  }

  private String str(String expression) {
    Value v = ev(expression);
    assertInstanceOf(Value.Str.class, v, expression + " gave " + v);
    return ((Value.Str) v).value();
  }

  /** A string built from symbols: Unknown to rules, read as its term. */
  private String symbolic(String expression) {
    Value v = ev(expression);
    assertTrue(v instanceof Value.Unknown u && u.term() != null, expression + " gave " + v);
    return ((Value.Unknown) v).term().render();
  }

  private boolean bool(String expression) {
    Value v = ev(expression);
    assertInstanceOf(Value.Bool.class, v, expression + " gave " + v);
    return ((Value.Bool) v).value();
  }

  private long num(String expression) {
    Value v = ev(expression);
    assertInstanceOf(Value.Num.class, v, expression + " gave " + v);
    return ((Value.Num) v).value().longValueExact();
  }

  private List<String> strings(String expression) {
    Value v = ev(expression);
    assertInstanceOf(Value.Arr.class, v, expression + " gave " + v);
    return ((Value.Arr) v).items().stream().map(Value::render).toList();
  }

  private void unknown(String expression) {
    Value v = ev(expression);
    assertInstanceOf(Value.Unknown.class, v, expression + " gave " + v);
    assertEquals(AT, v.location(), expression);
  }

  @Test
  void literalsAndEscapes() {
    assertEquals("plain", str("plain"));
    assertEquals("[literal]", str("[[literal]"));
    assertEquals("[concat('a', 'b')]", str("[[concat('a', 'b')]"));
    assertEquals("it's", str("['it''s']"));
    assertEquals(443, num("[443]"));
  }

  @Test
  void resultsStandWhereTheExpressionIs() {
    assertEquals(AT, ev("[concat('a', 'b')]").location());
    assertEquals(AT, ev("[parameters('name')]").location());
    assertEquals(AT, ev("[createObject('a', 1).a]").location());
  }

  @Test
  void parseErrorIsUnknownNotAnException() {
    Value v = ev("[concat('a' 'b')]");
    assertInstanceOf(Value.Unknown.class, v);
    assertTrue(((Value.Unknown) v).reason().startsWith("cannot parse expression"), v.toString());
  }

  @Test
  void functionNamesAreCaseInsensitive() {
    assertEquals("AB", str("[TOUPPER(Concat('a', 'b'))]"));
  }

  @Test
  void concatStringsAndNumbers() {
    assertEquals("nsg-ml-1", str("[concat('nsg-', 'ml-', 1)]"));
    assertEquals("", str("[concat()]"));
  }

  @Test
  void concatArraysFlattensOneLevel() {
    assertEquals(List.of("a", "b", "c", "[d]"),
        strings("[concat(createArray('a'), createArray('b', 'c'), createArray(createArray('d')))]"));
    unknown("[concat(createArray('a'), 'b')]");
  }

  @Test
  void format() {
    assertEquals("snet-ml-2", str("[format('{0}-{1}', parameters('name'), 2)]"));
    assertEquals("{snet-ml}", str("[format('{{{0}}}', parameters('name'))]"));
    assertEquals("{0}", str("[format('{{0}}', 'x')]"));
    assertEquals("b-a-b", str("[format('{1}-{0}-{1}', 'a', 'b')]"));
    unknown("[format('{1}', 'only one')]");
    unknown("[format('{0', 'x')]");
    unknown("[format('{x}', 'x')]");
    // a format specifier would change the text; we do not guess it
    unknown("[format('{0:N2}', 3)]");
  }

  @Test
  void formatAlignmentPadsAsDotNetDoes() {
    assertEquals("   ab", str("[format('{0,5}', 'ab')]"));
    assertEquals("ab   |", str("[format('{0,-5}|', 'ab')]"));
  }

  @Test
  void coalesceSkipsNullsAndStopsAtUnknown() {
    assertEquals("snet-ml", str("[coalesce(null(), parameters('nullParam'), parameters('name'), 'later')]"));
    assertInstanceOf(Value.Null.class, ev("[coalesce(null(), parameters('nullParam'))]"));
    // an Unknown might be null or not: the result is not known
    unknown("[coalesce(parameters('missing'), 'fallback')]");
    // a known non-null before the Unknown decides it
    assertEquals("first", str("[coalesce('first', parameters('missing'))]"));
  }

  @Test
  void ifIsLazy() {
    assertEquals("a", str("[if(parameters('flag'), 'a', parameters('missing'))]"));
    assertEquals("b", str("[if(not(parameters('flag')), parameters('missing'), 'b')]"));
    assertEquals("a", str("[if(true(), 'a', notAFunction())]"));
    assertEquals(List.of(), scope.unknownFunctions, "the branch not taken is not evaluated");
    unknown("[if(parameters('missing'), 'a', 'b')]");
    unknown("[if('yes', 'a', 'b')]");
  }

  @Test
  void logic() {
    assertTrue(bool("[equals(1, 1)]"));
    assertTrue(bool("[equals('a', 'a')]"));
    assertTrue(bool("[equals(createArray(1, 'x'), createArray(1, 'x'))]"));
    assertTrue(bool("[equals(createObject('k', 1), createObject('K', 1))]"));
    assertTrue(!bool("[equals('1', 1)]"));
    assertTrue(bool("[not(false())]"));
    assertTrue(bool("[and(true(), true(), true())]"));
    assertTrue(!bool("[and(true(), false())]"));
    assertTrue(bool("[or(false(), true())]"));
    assertTrue(!bool("[or(false(), false())]"));
  }

  @Test
  void logicWithUnknownIsDecidedOnlyWhenTheKnownArgumentsDecide() {
    assertTrue(!bool("[and(parameters('missing'), false())]"));
    assertTrue(bool("[or(parameters('missing'), true())]"));
    unknown("[and(parameters('missing'), true())]");
    unknown("[or(false(), parameters('missing'))]");
    unknown("[not(parameters('missing'))]");
    unknown("[equals(parameters('missing'), 'x')]");
  }

  @Test
  void unknownInsideArraysAndObjectsMakesComparisonsUnknown() {
    // a variable or parameter can hold an array whose items are Unknown (["[parameters('x')]"])
    Meta m = Meta.explicit(DECL);
    scope.params.put("tagsUnknown", new Value.Arr(List.of(new Value.Unknown("parameter 'x' has no value", m), new Value.Str("Storage", m)), m));
    scope.params.put("objUnknown", new Value.Obj(Map.of("k", new Value.Unknown("parameter 'x' has no value", m)), m));
    unknown("[contains(parameters('tagsUnknown'), 'AzureFrontDoor.Frontend')]");
    unknown("[not(contains(parameters('tagsUnknown'), 'AzureFrontDoor.Frontend'))]");
    assertTrue(bool("[contains(parameters('tagsUnknown'), 'Storage')]"), "a known match decides");
    unknown("[equals(parameters('tagsUnknown'), createArray('a', 'Storage'))]");
    unknown("[equals(parameters('objUnknown'), createObject('k', 'x'))]");
    assertTrue(!bool("[equals(parameters('tagsUnknown'), createArray('x'))]"), "different lengths decide");
    assertEquals(2, num("[length(parameters('tagsUnknown'))]"));
    // createArray keeps an Unknown argument as one Unknown item, so the known items stay known
    Value built = ev("[createArray(parameters('missing'), 'Storage')]");
    assertInstanceOf(Value.Arr.class, built);
    assertInstanceOf(Value.Unknown.class, ((Value.Arr) built).items().get(0));
    assertEquals(new Value.Str("Storage", Meta.explicit(AT)), ((Value.Arr) built).items().get(1));
    unknown("[contains(createArray(parameters('missing')), 'Storage')]");
  }

  @Test
  void emptyAndLength() {
    assertTrue(bool("[empty('')]"));
    assertTrue(bool("[empty(createArray())]"));
    assertTrue(bool("[empty(createObject())]"));
    assertTrue(bool("[empty(null())]"));
    assertTrue(!bool("[empty('x')]"));
    assertEquals(3, num("[length('abc')]"));
    assertEquals(2, num("[length(createArray(1, 2))]"));
    assertEquals(1, num("[length(createObject('a', 1))]"));
    unknown("[length(1)]");
  }

  @Test
  void contains() {
    assertTrue(bool("[contains('AzureFrontDoor.Frontend', 'Front')]"));
    assertTrue(!bool("[contains('AzureFrontDoor.Frontend', 'front')]"), "string search is case-sensitive");
    assertTrue(bool("[contains(createArray('a', 1), 1)]"));
    assertTrue(!bool("[contains(createArray('a'), 'A')]"));
    assertTrue(bool("[contains(createObject('Key', 1), 'key')]"), "object keys compare case-insensitively");
  }

  @Test
  void firstAndLast() {
    assertEquals("a", str("[first('abc')]"));
    assertEquals("c", str("[last('abc')]"));
    assertEquals("", str("[first('')]"));
    assertEquals("x", str("[first(createArray('x', 'y'))]"));
    assertEquals("y", str("[last(createArray('x', 'y'))]"));
    assertInstanceOf(Value.Null.class, ev("[first(createArray())]"));
  }

  @Test
  void splitAndReplace() {
    assertEquals(List.of("a", "b", "c"), strings("[split('a,b;c', createArray(',', ';'))]"));
    assertEquals(List.of("a", "", "b"), strings("[split('a,,b', ',')]"));
    assertEquals(List.of("vnet", "snet"), strings("[split('vnet/snet', '/')]"));
    assertEquals("snet-ai", str("[replace('snet-ml', 'ml', 'ai')]"));
  }

  @Test
  void caseAndAffixes() {
    assertEquals("nsg", str("[toLower('NSG')]"));
    assertEquals("NSG", str("[toUpper('nsg')]"));
    assertTrue(bool("[startsWith('AzureFrontDoor.Frontend', 'azurefrontdoor')]"));
    assertTrue(bool("[endsWith('AzureFrontDoor.Frontend', 'FRONTEND')]"));
    assertTrue(!bool("[endsWith('AzureFrontDoor.FirstParty', 'Frontend')]"));
  }

  @Test
  void conversions() {
    assertEquals("5", str("[string(5)]"));
    assertEquals(42, num("[int('42')]"));
    assertEquals(4, num("[int(4)]"));
    assertTrue(bool("[bool('TRUE')]"));
    assertTrue(!bool("[bool('false')]"));
    assertTrue(bool("[bool(1)]"));
    assertTrue(!bool("[bool(0)]"));
    unknown("[int('many')]");
    unknown("[bool('maybe')]");
  }

  @Test
  void createObjectAndArrayWithMemberAndIndex() {
    assertEquals(2, num("[createObject('a', createArray(1, 2)).a[1]]"));
    assertEquals(1, num("[createObject('a', 1)['A']]"));
    unknown("[createObject('a', 1).b]");
    unknown("[createArray(1)[3]]");
    unknown("[createObject('a')]");
    unknown("['text'.length]");
  }

  @Test
  void resourceIdForms() {
    assertEquals(RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-ml",
        symbolic("[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-ml')]"));
    assertEquals(RG + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-ml",
        symbolic("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', parameters('name'))]"));
    assertEquals("/subscriptions/{subscription().subscriptionId}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet",
        symbolic("[resourceId('rg-net', 'Microsoft.Network/virtualNetworks', 'vnet')]"));
    assertEquals("/subscriptions/0000-1111/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet",
        str("[resourceId('0000-1111', 'rg-net', 'Microsoft.Network/virtualNetworks', 'vnet')]"));
    assertEquals("/subscriptions/{subscription().subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/r1",
        symbolic("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'r1')]"));
    assertEquals("/subscriptions/0000-1111/providers/Microsoft.Authorization/roleDefinitions/r1",
        str("[subscriptionResourceId('0000-1111', 'Microsoft.Authorization/roleDefinitions', 'r1')]"));
    assertEquals("/providers/Microsoft.Authorization/policyDefinitions/p1",
        str("[tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p1')]"));
    assertEquals("/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p1",
        str("[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p1')]"));
    assertEquals(RG + "/providers/Microsoft.Network/virtualNetworks/vnet/providers/Microsoft.Authorization/locks/l1",
        symbolic("[extensionResourceId(resourceId('Microsoft.Network/virtualNetworks', 'vnet'), 'Microsoft.Authorization/locks', 'l1')]"));
    assertEquals(RG, symbolic("[resourceGroup().id]"));
    assertEquals("{subscription().subscriptionId}", symbolic("[subscription().subscriptionId]"));
    // the region is a symbol that equals only itself: comparisons with a region name are Unknown
    assertEquals("{resourceGroup().location}", symbolic("[resourceGroup().location]"));
    assertEquals("Storage.{resourceGroup().location}", symbolic("[format('Storage.{0}', resourceGroup().location)]"));
    unknown("[equals(resourceGroup().location, 'westeurope')]");
    unknown("[equals(toLower(resourceGroup().location), 'westeurope')]");
    unknown("[startsWith(resourceGroup().location, 'west')]");
    assertTrue(bool("[equals(resourceGroup().location, resourceGroup().location)]"));
    // the number of names must match the type's segments
    unknown("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]");
    unknown("[resourceId('no-type-here', 'x')]");
  }

  @Test
  void unknownPropagatesThroughFunctionsKeepingItsReason() {
    Value v = ev("[toLower(concat('a', parameters('missing')))]");
    assertInstanceOf(Value.Unknown.class, v);
    assertEquals("parameter 'missing' has no value", ((Value.Unknown) v).reason());
    assertEquals(AT, v.location());
    unknown("[parameters('missing').id]");
    unknown("[parameters('missing')[0]]");
    unknown("[createArray(1)[parameters('missing')]]");
    unknown("[parameters(parameters('missing'))]");
  }

  @ParameterizedTest
  @CsvSource({"reference('x').properties", "listKeys('x', '2023-01-01').keys[0].value", "utcNow()", "newGuid()"})
  void deploymentTimeFunctionsAreUnknownWithoutANote(String body) {
    unknown("[" + body + "]");
    assertEquals(List.of(), scope.unknownFunctions);
  }

  @Test
  void unknownFunctionIsUnknownAndReported() {
    unknown("[lambdaish('x')]");
    unknown("[__bicep.myFn('x')]");
    assertEquals(List.of("lambdaish", "__bicep.myFn"), scope.unknownFunctions);
  }

  @Test
  void parameterValueIsRelocatedToTheExpression() {
    Value v = ev("[parameters('name')]");
    assertEquals("snet-ml", ((Value.Str) v).value());
    assertEquals(AT, v.location());
    assertEquals(0, new BigDecimal("1").compareTo(((Value.Num) ev("[length(createArray(parameters('name')))]")).value()));
  }
}
