package dev.exfilguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.exfilguard.model.Location;
import dev.exfilguard.model.Meta;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.TreeReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {
  private static final Location SRC = new Location("rules/x.yaml", 1, 1);
  private static final Meta M = Meta.explicit(new Location("main.json", 5, 7));
  private static final Tri T = Tri.TRUE;
  private static final Tri F = Tri.FALSE;
  private static final Tri U = Tri.UNKNOWN;

  private static Value unknown() {
    return new Value.Unknown("parameter without a value", M);
  }

  private static Value json(String text) {
    try {
      return TreeReader.readJson("main.json", text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Value.Str s(String v) {
    return new Value.Str(v, M);
  }

  private static Value.Num n(long v) {
    return new Value.Num(BigDecimal.valueOf(v), M);
  }

  private static Value.Bool b(boolean v) {
    return new Value.Bool(v, M);
  }

  private static Value.Obj obj(Object... kv) {
    Map<String, Value> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Value) kv[i + 1]);
    return new Value.Obj(m, M);
  }

  private static Condition field(String path, Condition.Op op) {
    return new Condition.Field(path, op, SRC);
  }

  private static Condition equals(String path, Value v) {
    return field(path, new Condition.Equals(v));
  }

  /** A root where "t" is true, "f" false and "u" Unknown, to build leaves of each truth value. */
  private static final Value.Obj ROOT = obj("t", b(true), "f", b(false), "u", unknown());

  private static Condition leaf(char truth) {
    return equals(String.valueOf(truth), b(true));
  }

  private static Tri tri(char c) {
    return c == 't' ? T : c == 'f' ? F : U;
  }

  @ParameterizedTest(name = "all({0},{1}) = {2}, any({0},{1}) = {3}")
  @CsvSource({
      "t,t,t,t", "t,f,f,t", "t,u,u,t",
      "f,t,f,t", "f,f,f,f", "f,u,f,u",
      "u,t,u,t", "u,f,f,u", "u,u,u,u"})
  void allAndAnyTruthTables(char a, char b, char all, char any) {
    assertEquals(tri(all), new Condition.All(List.of(leaf(a), leaf(b)), SRC).eval(ROOT, "").result());
    assertEquals(tri(any), new Condition.Any(List.of(leaf(a), leaf(b)), SRC).eval(ROOT, "").result());
  }

  @ParameterizedTest
  @CsvSource({"t,f", "f,t", "u,u"})
  void notTruthTable(char in, char out) {
    assertEquals(tri(in), leaf(in).eval(ROOT, "").result());
    assertEquals(tri(out), new Condition.Not(leaf(in), SRC).eval(ROOT, "").result());
  }

  @Test
  void trueOutcomeCarriesTheWitnessAndItsPath() {
    Value root = json("{\"properties\": {\"computeType\": \"AmlCompute\", \"properties\": {\"enableNodePublicIp\": true}}}");
    Condition c = new Condition.All(List.of(
        equals("properties.computeType", s("AmlCompute")),
        equals("properties.properties.enableNodePublicIp", b(true))), SRC);
    Outcome o = c.eval(root, "");
    assertEquals(T, o.result());
    assertEquals("properties.properties.enableNodePublicIp", o.path());
    assertEquals(1, o.witness().location().line());
  }

  // --- quantifiers ---

  private static Condition some(String path, Condition where) {
    return new Condition.Quantified(false, path, where, SRC);
  }

  private static Condition every(String path, Condition where) {
    return new Condition.Quantified(true, path, where, SRC);
  }

  private static final Condition ALLOW = equals("properties.access", s("Allow"));

  private static Value.Obj rules(Value array) {
    return obj("properties", obj("securityRules", array));
  }

  private static Value rule(String name, Value access) {
    return obj("name", s(name), "properties", obj("access", access));
  }

  private static Value arr(Value... items) {
    return new Value.Arr(List.of(items), M);
  }

  private static void quantified(Value root, Tri someResult, Tri everyResult) {
    assertEquals(someResult, some("properties.securityRules", ALLOW).eval(root, "").result(), "some");
    assertEquals(everyResult, every("properties.securityRules", ALLOW).eval(root, "").result(), "every");
  }

  @Test
  void quantifiersOverAbsentNullAndEmptyArrays() {
    quantified(obj("properties", obj()), F, T);
    quantified(rules(new Value.Null(M)), F, T);
    quantified(rules(arr()), F, T);
  }

  @Test
  void quantifiersOverAnUnknownArrayAreUnknown() {
    quantified(rules(unknown()), U, U);
    quantified(obj("properties", unknown()), U, U);
  }

  @Test
  void quantifiersOverKnownItems() {
    quantified(rules(arr(rule("a", s("allow")), rule("b", s("Allow")))), T, T);
    quantified(rules(arr(rule("a", s("Allow")), rule("b", s("Deny")))), T, F);
    quantified(rules(arr(rule("a", s("Deny")), rule("b", s("Deny")))), F, F);
  }

  @Test
  void quantifiersWithUnknownItems() {
    quantified(rules(arr(rule("a", s("Allow")), rule("b", unknown()))), T, U);
    quantified(rules(arr(rule("a", s("Deny")), rule("b", unknown()))), U, F);
    quantified(rules(arr(rule("a", unknown()))), U, U);
    // a whole item Unknown (an element from a parameter)
    quantified(rules(arr(unknown())), U, U);
    quantified(rules(arr(unknown(), rule("b", s("Allow")))), T, U);
  }

  @Test
  void quantifierOverANonArrayIsFalse() {
    quantified(rules(s("not a list")), F, F);
  }

  @Test
  void someWitnessPathNamesTheItem() {
    Outcome o = some("properties.securityRules", ALLOW)
        .eval(rules(arr(rule("deny-all", s("Deny")), rule("allow-fd", s("Allow")))), "");
    assertEquals(T, o.result());
    assertEquals("properties.securityRules[allow-fd].properties.access", o.path());
    Outcome unnamed = some("items", field("@", new Condition.Equals(s("x")))).eval(obj("items", arr(s("y"), s("x"))), "");
    assertEquals("items[1]", unnamed.path());
  }

  // --- field operators ---

  private static Tri eval(Condition c, Value root) {
    return c.eval(root, "").result();
  }

  @Test
  void existsOnPresentAbsentNullAndUnknown() {
    Condition exists = field("a", new Condition.Exists(true));
    Condition absent = field("a", new Condition.Exists(false));
    assertEquals(T, eval(exists, obj("a", s("x"))));
    assertEquals(F, eval(absent, obj("a", s("x"))));
    assertEquals(F, eval(exists, obj()));
    assertEquals(T, eval(absent, obj()));
    assertEquals(F, eval(exists, obj("a", new Value.Null(M))));
    assertEquals(T, eval(absent, obj("a", new Value.Null(M))));
    assertEquals(U, eval(exists, obj("a", unknown())));
    assertEquals(U, eval(absent, obj("a", unknown())));
    // below an Unknown object the path may or may not exist
    Condition deep = field("p.a", new Condition.Exists(false));
    assertEquals(U, eval(deep, obj("p", unknown())));
    assertEquals(T, eval(deep, obj("p", s("scalar"))), "a path through a scalar is absent");
  }

  @Test
  void absentExistsFalseHasNoWitness() {
    Outcome o = field("a", new Condition.Exists(false)).eval(obj(), "prefix");
    assertEquals(T, o.result());
    assertNull(o.witness());
    assertEquals("prefix.a", o.path());
  }

  @Test
  void equalsIgnoresCaseAndIsFalseOnAbsent() {
    assertEquals(T, eval(equals("k", s("AzureFrontDoor.Frontend")), obj("k", s("azurefrontdoor.frontend"))));
    assertEquals(F, eval(equals("k", s("AzureFrontDoor.Frontend")), obj("k", s("AzureFrontDoor.FirstParty"))));
    assertEquals(F, eval(equals("k", s("x")), obj()));
    assertEquals(U, eval(equals("k", s("x")), obj("k", unknown())));
    // property names along the path ignore case too
    assertEquals(T, eval(equals("Properties.ComputeType", s("AmlCompute")), json("{\"properties\": {\"computeType\": \"AmlCompute\"}}")));
  }

  @ParameterizedTest(name = "{0} equals {1}: {2}")
  @CsvSource({
      // value,     expected, result   (s: string, n: number, b: bool)
      "s:true,      b:true,   t",
      "s:TRUE,      b:true,   t",
      "s:false,     b:true,   f",
      "b:true,      b:true,   t",
      "b:false,     b:true,   f",
      "s:443,       n:443,    t",
      "'s: 443 ',   n:443,    t",
      "s:0443,      n:443,    t",
      "s:443-445,   n:443,    f",
      "n:443,       n:443,    t",
      "n:80,        n:443,    f",
      "b:true,      n:1,      f",
      "s:x,         s:X,      t",
      "n:443,       s:443,    t",
      "b:true,      s:true,   t",
      "b:false,     s:True,   f",
  })
  void scalarCoercions(String value, String expected, char result) {
    assertEquals(tri(result), eval(equals("v", scalar(expected)), obj("v", scalar(value))));
  }

  private static Value scalar(String spec) {
    String v = spec.substring(2);
    return switch (spec.charAt(0)) {
      case 's' -> s(v);
      case 'n' -> new Value.Num(new BigDecimal(v), M);
      default -> b(Boolean.parseBoolean(v));
    };
  }

  @Test
  void inIsAnyOfEquals() {
    Condition in = field("t", new Condition.In(List.of(s("AmlCompute"), s("ComputeInstance"))));
    assertEquals(T, eval(in, obj("t", s("computeinstance"))));
    assertEquals(F, eval(in, obj("t", s("AKS"))));
    assertEquals(F, eval(in, obj()));
    assertEquals(U, eval(in, obj("t", unknown())));
  }

  @Test
  void matchesFindsCaseInsensitively() {
    Condition m = field("p", new Condition.Matches(Pattern.compile("^azurefrontdoor\\.frontend$", Pattern.CASE_INSENSITIVE)));
    assertEquals(T, eval(m, obj("p", s("AzureFrontDoor.Frontend"))));
    assertEquals(F, eval(m, obj("p", s("AzureFrontDoor.FirstParty"))));
    assertEquals(F, eval(m, obj("p", n(1))));
    assertEquals(U, eval(m, obj("p", unknown())));
  }

  @Test
  void containsOverArraysWithUnknownItems() {
    Condition c = field("r", new Condition.Contains(s("/services/Azure/MachineLearning")));
    assertEquals(T, eval(c, obj("r", arr(s("/subscriptions/x"), s("/services/azure/machinelearning")))));
    assertEquals(F, eval(c, obj("r", arr(s("/subscriptions/x")))));
    assertEquals(F, eval(c, obj("r", arr())));
    assertEquals(U, eval(c, obj("r", arr(s("/subscriptions/x"), unknown()))));
    assertEquals(T, eval(c, obj("r", arr(unknown(), s("/services/Azure/MachineLearning")))));
    assertEquals(U, eval(c, obj("r", unknown())));
    assertEquals(T, eval(c, obj("r", s("/services/Azure/MachineLearning"))), "a scalar contains itself");
  }

  @Test
  void unknownIsNeverTrueForAnyOperatorEvenNegated() {
    List<Condition.Op> ops = List.of(
        new Condition.Equals(s("x")), new Condition.In(List.of(s("x"))),
        new Condition.Matches(Pattern.compile(".*")), new Condition.Exists(true), new Condition.Exists(false),
        new Condition.Contains(s("x")));
    for (Condition.Op op : ops) {
      Condition c = field("v", op);
      assertEquals(U, eval(c, obj("v", unknown())), op.toString());
      assertEquals(U, eval(new Condition.Not(c, SRC), obj("v", unknown())), "not " + op);
    }
  }

  @Test
  void rootFieldUnderAQuantifier() {
    Condition c = some("tags", field("@", new Condition.Equals(s("AzureFrontDoor.Frontend"))));
    assertEquals(T, eval(c, obj("tags", arr(s("Storage"), s("azurefrontdoor.frontend")))));
  }
}
