package dev.exfilguard.bicep;

import dev.exfilguard.arm.ArmReader;
import dev.exfilguard.model.Value;
import dev.exfilguard.source.InputOptions;
import dev.exfilguard.source.TreeReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The measurement behind {@code bench/bicep-large} (a benchmark, not a test): in one JVM, after
 * warm-up, the median time of reading a {@code main.bicep} (parse, lower its modules, evaluate)
 * and of reading the {@code main.json} compiled from it (parse, evaluate), and their ratio.
 * Arguments: the corpus folder, the {@code main.bicep}, the number of runs.
 */
public final class BicepLargeBench {
  private BicepLargeBench() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]).toAbsolutePath().normalize();
    Path bicep = Path.of(args[1]).toAbsolutePath().normalize();
    int runs = Integer.parseInt(args[2]);
    Path json = bicep.resolveSibling("main.json");
    TreeSources sources = new TreeSources(corpus);
    int resourcesBicep = 0;
    int resourcesJson = 0;
    for (int i = 0; i < Math.max(20, runs); i++) {
      resourcesBicep = readBicep(bicep, sources);
      resourcesJson = readJson(json, sources);
    }
    long[] b = new long[runs];
    long[] j = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      readBicep(bicep, sources);
      long t1 = System.nanoTime();
      readJson(json, sources);
      long t2 = System.nanoTime();
      b[i] = t1 - t0;
      j[i] = t2 - t1;
    }
    double mb = median(b) / 1e6;
    double mj = median(j) / 1e6;
    System.out.printf("file: %s (%d bytes; main.json %d bytes)%n", corpus.relativize(bicep), Files.size(bicep), Files.size(json));
    System.out.printf("runs: %d in one JVM after %d warm-up rounds (median)%n", runs, Math.max(20, runs));
    System.out.printf("%-44s %8.2f ms  (%d resources)%n", "main.bicep: parse + lower + evaluate", mb, resourcesBicep);
    System.out.printf("%-44s %8.2f ms  (%d resources)%n", "main.json:  parse + evaluate", mj, resourcesJson);
    System.out.printf("%-44s %8.2fx (target: within 2x)%n", "ratio", mb / mj);
  }

  private static int readBicep(Path bicep, TreeSources sources) {
    return BicepReader.read(bicep, sources, InputOptions.NONE).result().resources().size();
  }

  private static int readJson(Path json, TreeSources sources) throws Exception {
    String text = Files.readString(json, StandardCharsets.UTF_8);
    Value root = TreeReader.readJson(sources.display(json), text);
    return ArmReader.read(json, (Value.Obj) root, sources, InputOptions.NONE).resources().size();
  }

  private static double median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }

}
