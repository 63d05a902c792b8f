package dev.exfilguard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exfilguard.model.Term.Comparison;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Terms compare for every value of their symbols: the same, different, or undecided. */
class TermTest {
  private static final Term PREFIX = Term.symbol("parameter:0:prefix", "prefix", "--param prefix=...");
  private static final Term ENV = Term.symbol("parameter:0:env", "env", "--param env=...");

  private static Term t(Object... parts) {
    return Term.concat(java.util.Arrays.stream(parts).map(p -> p instanceof Term x ? x : Term.text((String) p)).toList());
  }

  @Test
  void builtTheSameWayIsTheSameForEveryValue() {
    assertEquals(Comparison.SAME, t(PREFIX, "-vnet").compare(t(PREFIX, "-", "vnet"), true));
    // names compare as Azure compares them: case-insensitively, also for a lower-cased symbol
    assertEquals(Comparison.SAME, t(PREFIX, "-VNET").compare(t(PREFIX, "-vnet").lower(), true));
    assertEquals(Comparison.UNDECIDED, t(PREFIX).compare(t(PREFIX).lower(), false), "exactly, toLower(x) may differ from x");
  }

  @Test
  void aDifferentSuffixOrPrefixIsDifferentForEveryValue() {
    assertEquals(Comparison.DIFFERENT, t(PREFIX, "-vnet").compare(t(PREFIX, "-vnet-dr"), true));
    assertEquals(Comparison.DIFFERENT, t("vnet-", PREFIX).compare(t("snet-", PREFIX), true));
    assertEquals(Comparison.DIFFERENT, t("vnet-", PREFIX, "-a").compare(t("vnet-", ENV, "-b"), true));
    assertEquals(Comparison.DIFFERENT, t(PREFIX, "-x").compare(Term.text(""), true), "text that must be there");
  }

  @Test
  void whatDependsOnTheValuesIsUndecided() {
    assertEquals(Comparison.UNDECIDED, t(PREFIX).compare(Term.text("vnet-ml"), true));
    assertEquals(Comparison.UNDECIDED, t(PREFIX, "-vnet").compare(t(ENV, "-vnet"), true));
    assertEquals(Comparison.UNDECIDED, t(PREFIX, ENV).compare(t(ENV, PREFIX), true));
    assertEquals(Comparison.UNDECIDED, t(PREFIX).compare(Term.text(""), true), "a symbol may be empty");
  }

  @Test
  void splitAtTextKeepsSymbolsWhole() {
    Term id = t("/providers/Microsoft.Network/virtualNetworks/", PREFIX, "-vnet/subnets/snet");
    List<Term> segs = id.split('/');
    assertEquals(7, segs.size(), segs.toString());
    assertEquals("{prefix}-vnet", segs.get(4).render());
    ResourceId parsed = ResourceId.parse(id).orElseThrow();
    assertEquals("Microsoft.Network/virtualNetworks/subnets", parsed.type());
    assertEquals("{prefix}-vnet/snet", parsed.name().render());
  }

  @Test
  void keysAreEqualExactlyWhenTheTermsAreTheSame() {
    assertEquals(t(PREFIX, "-vnet").key(true), t(PREFIX, "-VNet").key(true));
    assertTrue(!t(PREFIX, "-vnet").key(true).equals(t(ENV, "-vnet").key(true)));
    // literal text that looks like a symbol's rendering is not that symbol
    assertTrue(!Term.text("{prefix}-vnet").key(true).equals(t(PREFIX, "-vnet").key(true)));
  }
}
