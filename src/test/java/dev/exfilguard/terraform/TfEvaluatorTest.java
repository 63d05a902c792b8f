package dev.exfilguard.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Terraform expressions and functions: known results, and Unknown where Terraform cannot know before apply. */
class TfEvaluatorTest {
  private static ModuleScope scope;

  @BeforeAll
  static void prelude() throws Exception {
    scope = Tf.textScope("""
        variable "known" {
          default = "AzureFrontDoor.Frontend"
        }
        variable "unset" {
          type = string
        }
        variable "rules" {
          type = map(object({ priority = number, dest = optional(string, "Internet"), ports = optional(list(string), ["443"]) }))
          default = {
            afd  = { priority = 300, dest = "AzureFrontDoor.Frontend" }
            deny = { priority = 4000 }
          }
        }
        locals {
          names = ["b", "a", "b"]
          m     = { x = 1, y = 2 }
          tags  = merge({ env = "dev" }, { owner = "ml" })
          objs  = [{ id = "1", n = "one" }, { id = "2", n = "two" }]
          u     = var.unset
        }
        """);
  }

  private static String ev(String expr) throws Exception {
    return Tf.render(Tf.eval(scope, expr));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiterString = " ==> ", quoteCharacter = '`', value = {
      "1 + 2 * 3 ==> 7",
      "(1 + 2) * 3 ==> 9",
      "7 % 3 ==> 1",
      "10 / 4 ==> 2.5",
      "-(3) ==> -3",
      "!true ==> false",
      "2 > 1 && 1 >= 1 ==> true",
      "\"5\" + 1 ==> 6",
      "1 == \"1\" ==> false",
      "[1, 2] == [1, 2] ==> true",
      "{ a = 1 } != { a = 1 } ==> false",
      "true ? \"a\" : \"b\" ==> \"a\"",
      "\"x-${1 + 1}-${true}\" ==> \"x-2-true\"",
      "\"%{ if true }yes%{ else }no%{ endif }\" ==> \"yes\"",
      "\"%{ for n in [\"a\", \"b\"] }${n};%{ endfor }\" ==> \"a;b;\"",
      "[for n in local.names : upper(n)] ==> [\"B\",\"A\",\"B\"]",
      "[for i, n in local.names : i if n == \"b\"] ==> [0,2]",
      "{ for k, v in local.m : v => k } ==> {1:\"x\",2:\"y\"}",
      "{ for n in local.names : n => n... } ==> {a:[\"a\"],b:[\"b\",\"b\"]}",
      "local.objs[*].id ==> [\"1\",\"2\"]",
      "local.objs.*.n ==> [\"one\",\"two\"]",
      "local.objs[1].n ==> \"two\"",
      "local.m[\"y\"] ==> 2",
      "var.rules.deny.dest ==> \"Internet\"",
      "var.rules.deny.ports ==> [\"443\"]",
      "var.rules.afd.dest ==> \"AzureFrontDoor.Frontend\"",
      "local.tags ==> {env:\"dev\",owner:\"ml\"}",
      "try(local.m.z, \"fallback\") ==> \"fallback\"",
      "try(local.m.x, \"fallback\") ==> 1",
      "can(local.m.z) ==> false",
      "can(local.m.x) ==> true",
      "coalesce(\"\", null, \"c\") ==> \"c\"",
      "coalescelist([], [\"x\"]) ==> [\"x\"]",
      "lookup(local.m, \"z\", 9) ==> 9",
      "lookup(local.m, \"x\") ==> 1",
      "concat([1], [2, 3]) ==> [1,2,3]",
      "contains(local.names, \"a\") ==> true",
      "length(local.names) ==> 3",
      "length(\"héllo\") ==> 5",
      "element(local.names, 4) ==> \"a\"",
      "one([\"only\"]) ==> \"only\"",
      "one([]) ==> null",
      "join(\",\", [\"a\"], [\"b\", \"c\"]) ==> \"a,b,c\"",
      "split(\",\", \"a,,b\") ==> [\"a\",\"\",\"b\"]",
      "replace(\"a-b-c\", \"-\", \"_\") ==> \"a_b_c\"",
      "replace(\"vm01\", \"/[0-9]+/\", \"#\") ==> \"vm#\"",
      "lower(\"AzureFrontDoor.FrontEnd\") ==> \"azurefrontdoor.frontend\"",
      "upper(\"tcp\") ==> \"TCP\"",
      "format(\"%s-%03d-%.1f-%t-%q\", \"a\", 7, 2.25, true, \"q\") ==> \"a-007-2.2-true-\"q\"\"",
      "format(\"%-4s|%5s|%%\", \"ab\", \"cd\") ==> \"ab  |   cd|%\"",
      "formatlist(\"%s=%s\", [\"a\", \"b\"], \"x\") ==> [\"a=x\",\"b=x\"]",
      "substr(\"hello\", 1, 3) ==> \"ell\"",
      "substr(\"hello\", -3, -1) ==> \"llo\"",
      "trimspace(\"  x \\n\") ==> \"x\"",
      "flatten([[1, [2]], [], 3]) ==> [1,2,3]",
      "distinct(local.names) ==> [\"b\",\"a\"]",
      "keys({ b = 1, a = 2 }) ==> [\"a\",\"b\"]",
      "values({ b = 1, a = 2 }) ==> [2,1]",
      "zipmap([\"a\", \"b\"], [1, 2]) ==> {a:1,b:2}",
      "toset(local.names) ==> [\"a\",\"b\"]",
      "tolist([\"x\"]) ==> [\"x\"]",
      "tomap({ a = \"1\" }) ==> {a:\"1\"}",
      "tostring(5) ==> \"5\"",
      "tonumber(\"4.5\") ==> 4.5",
      "tobool(\"true\") ==> true",
      "jsonencode({ b = [1, true], a = \"<x>\" }) ==> \"{\"a\":\"\\u003cx\\u003e\",\"b\":[1,true]}\"",
      "jsondecode(\"{\\\"a\\\": [1, 2]}\").a[1] ==> 2",
      "cidrsubnet(\"10.0.0.0/16\", 8, 2) ==> \"10.0.2.0/24\"",
      "cidrsubnet(\"fd00:fd12:3456:7890::/56\", 16, 162) ==> \"fd00:fd12:3456:7800:a200::/72\"",
      "cidrhost(\"10.12.112.0/20\", 16) ==> \"10.12.112.16\"",
      "cidrhost(\"10.12.112.0/20\", -1) ==> \"10.12.127.255\"",
      "cidrnetmask(\"172.16.0.0/12\") ==> \"255.240.0.0\"",
      "regex(\"^Storage\\\\.(\\\\w+)$\", \"Storage.westeurope\") ==> [\"westeurope\"]",
      "regex(\"(?P<tag>[A-Za-z]+)\\\\.(?P<region>\\\\w+)\", \"Storage.westeurope\").region ==> \"westeurope\"",
      "regex(\"[a-z]+\", \"123abc\") ==> \"abc\"",
      "regexall(\"[0-9]\", \"a1b2\") ==> [\"1\",\"2\"]",
      "startswith(\"AzureFrontDoor.Frontend\", \"AzureFrontDoor\") ==> true",
      "endswith(\"Storage.westeurope\", \".westeurope\") ==> true",
      "alltrue([true, \"true\"]) ==> true",
      "anytrue([false, false]) ==> false",
      "range(3) ==> [0,1,2]",
      "range(1, 7, 3) ==> [1,4]",
      "range(3, 0) ==> [3,2,1]",
      "slice([\"a\", \"b\", \"c\"], 1, 3) ==> [\"b\",\"c\"]",
      "compact([\"a\", \"\", null, \"b\"]) ==> [\"a\",\"b\"]",
      "setunion([\"b\"], [\"a\", \"b\"]) ==> [\"a\",\"b\"]",
      "setproduct([\"a\", \"b\"], [1]) ==> [[\"a\",1],[\"b\",1]]",
      "abs(-2) ==> 2",
      "min(3, 1, 2) ==> 1",
      "max(3, 1, 2) ==> 3",
      "ceil(1.2) ==> 2",
      "floor(-1.2) ==> -2",
      "sum([1, 2, 3.5]) ==> 6.5",
      "terraform.workspace ==> \"default\"",
      // a function's error is Terraform's error: try() moves to the next argument
      "try(regex(\"[0-9]+\", \"none\"), \"no digits\") ==> \"no digits\"",
      "try(tonumber(\"abc\"), 0) ==> 0",
      "try(format(\"%d\", 1.5), \"not whole\") ==> \"not whole\"",
      "try(cidrsubnet(\"10.0.0.0/30\", 8, 1), \"too small\") ==> \"too small\"",
      "can(local.objs[5]) ==> false",
  })
  void knownResults(String expr, String expected) throws Exception {
    assertEquals(expected, ev(expr), expr);
  }

  @ParameterizedTest(name = "{0} is Unknown")
  @CsvSource(delimiterString = " ==> ", quoteCharacter = '`', value = {
      "var.unset",
      "local.u",
      "var.unset == \"x\"",
      // an Unknown condition picks no branch
      "var.unset == \"a\" ? \"Internet\" : \"Internet\"",
      "[for x in var.unset : x]",
      "length(var.unset)",
      "upper(var.unset)",
      "join(\",\", [\"a\", var.unset])",
      "\"prefix-${var.unset}\"",
      "timestamp()",
      "uuid()",
      "notafunction(1)",
      "local.m.z",
      "file(\"x.txt\")",
      "data.azurerm_subnet.s.id",
      "module.m.out",
      "coalesce(var.unset, \"x\")",
      "var.unset[*].id",
  })
  void unknownResults(String expr) throws Exception {
    assertInstanceOf(Value.Unknown.class, Tf.eval(scope, expr), expr);
  }

  @ParameterizedTest(name = "{0} keeps known parts")
  @CsvSource(delimiterString = " ==> ", quoteCharacter = '`', value = {
      "length([var.unset, 1]) ==> 2",
      "concat([\"a\"], [var.unset]) ==> [\"a\",?]",
      "false && var.unset == \"x\" ==> false",
      "true || var.unset == \"x\" ==> true",
      "merge({ a = var.unset }, { b = 1 }) ==> {a:?,b:1}",
      "coalesce(\"x\", var.unset) ==> \"x\"",
  })
  void partiallyKnown(String expr, String expected) throws Exception {
    assertEquals(expected, ev(expr), expr);
  }

  @Test
  void variableDefaultCarriesItsOrigin() throws Exception {
    Value v = Tf.eval(scope, "var.known");
    assertEquals("variable 'known' default at test.tf:2", v.meta().via());
    assertEquals(1, v.location().line(), "a referenced value stands where it is used");
    Value opt = Tf.eval(scope, "var.rules.deny.dest");
    assertTrue(opt.meta().via().contains("optional attribute 'dest' default"), opt.meta().via());
  }

  @Test
  void functionResultKeepsTheChainOfItsArgument() throws Exception {
    assertEquals("variable 'known' default at test.tf:2", Tf.eval(scope, "lower(var.known)").meta().via());
  }
}
