package dev.exfilguard.hcl;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.exfilguard.terraform.TerraformReader;
import dev.exfilguard.testing.FuzzSeeds;
import java.util.List;

/**
 * The HCL parser, and the Terraform evaluator over what it parses, on the corpus's modules and
 * their mutants: a syntax error is ours to report; any other exception is a defect.
 */
class HclParserFuzzTest {
  private static final List<String> SEEDS = FuzzSeeds.corpus(".tf", ".tfvars");

  @FuzzTest(maxDuration = "12s")
  void parseAndEvaluate(FuzzedDataProvider data) {
    String text = FuzzSeeds.text(data, SEEDS);
    try {
      HclParser.parse("fuzz.tf", text);
    } catch (HclParseException e) {
      return;
    }
    // the module as text: no files are read, so the fuzzer cannot reach the disk
    TerraformReader.readModule(".", List.of(new TerraformReader.SourceText("fuzz.tf", text)));
  }
}
