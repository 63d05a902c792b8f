package dev.exfilguard.bicep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a module path or import source leads: a local file (relative to the file naming it, and
 * only inside the scanned tree), a registry module or template spec in the local restore cache,
 * or nowhere (with why).
 *
 * <p>The cache layout is the one {@code bicep restore} writes under the user's home:
 * {@code ~/.bicep/br/<registry>/<repository with '/' as '$'>/<tag>$<case mask>/main.json} for
 * registry modules (the tag keeps its case; a hex mask of its upper-case positions follows the
 * '$' so that tags differing only in case do not collide on case-insensitive file systems),
 * {@code ~/.bicep/br/.../<digest with ':' as '#'>/main.json} for digests, and
 * {@code ~/.bicep/ts/<subscription>/<resource group>/<name>/<version>/main.json} (lower case) for
 * template specs. Every component is checked against what a registry or template spec accepts,
 * and the path must stay inside the cache folder, symbolic links resolved.
 */
final class ModuleRefs {
  private ModuleRefs() {}

  sealed interface Target permits Local, Cached, Unavailable {}

  /** A {@code .bicep} or ARM {@code .json} file of the scanned tree. */
  record Local(Path file) implements Target {}

  /** A compiled template in the restore cache. */
  record Cached(Path file, String reference) implements Target {}

  /** Nothing to read; {@code reason} is the note's text. */
  record Unavailable(String reason) implements Target {}

  private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?");
  private static final Pattern REPO_SEGMENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern TS_PART = Pattern.compile("[A-Za-z0-9_()-][A-Za-z0-9._()-]{0,89}");

  static boolean isRegistry(String ref) {
    return ref.startsWith("br:") || ref.startsWith("br/") || ref.startsWith("ts:") || ref.startsWith("ts/");
  }

  static Target resolve(String ref, Path fromFile, Reading reading) {
    if (isRegistry(ref)) return registry(ref, fromFile, reading);
    if (ref.isEmpty() || ref.startsWith("/") || ref.contains("\\") || ref.matches("^[A-Za-z]:.*")) {
      return new Unavailable("'" + ref + "' is not a relative path with '/' separators");
    }
    Path target = fromFile.toAbsolutePath().normalize().resolveSibling(ref).normalize();
    String shown = reading.display(target);
    if (!reading.sources.inScannedTree(target)) return new Unavailable(shown + " is outside the scanned tree and is not read");
    if (!reading.sources.isFile(target)) return new Unavailable(shown + " does not exist");
    return new Local(target);
  }

  private static Target registry(String ref, Path fromFile, Reading reading) {
    if (reading.cacheRoot == null) return new Unavailable(ref + " is not in the local restore cache (the user's home is not known)");
    BicepConfig config = BicepConfig.nearest(fromFile, reading);
    Path rel;
    if (ref.startsWith("br")) {
      String registry;
      String rest;
      if (ref.startsWith("br:")) {
        String body = ref.substring(3);
        int slash = body.indexOf('/');
        if (slash < 0) return invalid(ref);
        registry = body.substring(0, slash);
        rest = body.substring(slash + 1);
      } else {
        int colon = ref.indexOf(':');
        if (colon < 0) return invalid(ref);
        String alias = ref.substring(3, colon);
        BicepConfig.BrAlias a = config.br().get(alias);
        if (a == null) return new Unavailable(ref + ": the registry alias '" + alias + "' is not defined in bicepconfig.json");
        registry = a.registry();
        rest = (a.modulePath() == null || a.modulePath().isEmpty() ? "" : a.modulePath() + "/") + ref.substring(colon + 1);
      }
      int at = rest.lastIndexOf('@');
      int colon = rest.lastIndexOf(':');
      String repo;
      String version;
      if (at > 0) {
        repo = rest.substring(0, at);
        version = rest.substring(at + 1);
        if (!DIGEST.matcher(version).matches()) return invalid(ref);
        version = version.replace(':', '#');
      } else if (colon > rest.lastIndexOf('/')) {
        repo = rest.substring(0, colon);
        version = rest.substring(colon + 1);
        if (!TAG.matcher(version).matches()) return invalid(ref);
        version = encodeTag(version);
      } else {
        return invalid(ref);
      }
      if (!REGISTRY.matcher(registry).matches()) return invalid(ref);
      for (String seg : repo.split("/", -1)) if (!REPO_SEGMENT.matcher(seg).matches()) return invalid(ref);
      rel = Path.of("br", registry.replace(':', '$').toLowerCase(Locale.ROOT), repo.replace('/', '$'), version, "main.json");
    } else {
      String sub;
      String rg;
      String rest;
      int colon = ref.indexOf(':');
      if (ref.startsWith("ts:")) {
        String[] parts = ref.substring(3).split("/", -1);
        if (parts.length != 3) return invalid(ref);
        sub = parts[0];
        rg = parts[1];
        rest = parts[2];
      } else {
        if (colon < 0) return invalid(ref);
        String alias = ref.substring(3, colon);
        BicepConfig.TsAlias a = config.ts().get(alias);
        if (a == null) return new Unavailable(ref + ": the template spec alias '" + alias + "' is not defined in bicepconfig.json");
        sub = a.subscription();
        rg = a.resourceGroup();
        rest = ref.substring(colon + 1);
      }
      int v = rest.lastIndexOf(':');
      if (v < 0) return invalid(ref);
      String name = rest.substring(0, v);
      String version = rest.substring(v + 1);
      for (String part : new String[] {sub, rg, name, version}) if (!TS_PART.matcher(part).matches()) return invalid(ref);
      rel = Path.of("ts", sub.toLowerCase(Locale.ROOT), rg.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT),
          version.toLowerCase(Locale.ROOT), "main.json");
    }
    Path root = reading.cacheRoot.toAbsolutePath().normalize();
    Path file = root.resolve(rel).normalize();
    if (!file.startsWith(root)) return invalid(ref);
    if (!Files.isRegularFile(file)) return new Unavailable(ref + " is not in the local restore cache (run 'bicep restore' to read it)");
    try {
      if (!file.toRealPath().startsWith(root.toRealPath())) return invalid(ref);
    } catch (IOException e) {
      return new Unavailable(ref + " cannot be read from the local restore cache");
    }
    return new Cached(file, ref);
  }

  private static Unavailable invalid(String ref) {
    return new Unavailable("'" + ref + "' is not a valid registry or template spec reference inside the restore cache; it is not read");
  }

  /** The cache folder name of an OCI tag: the tag, '$', then the hex mask of its upper-case letters (none when 0). */
  static String encodeTag(String tag) {
    long[] mask = new long[2];
    for (int i = 0; i < tag.length(); i++) {
      if (Character.isUpperCase(tag.charAt(i))) mask[i / 64] |= 1L << (i % 64);
    }
    StringBuilder sb = new StringBuilder(tag).append('$');
    boolean leading = false;
    for (int i = mask.length - 1; i >= 0; i--) {
      if (mask[i] != 0 || leading) {
        String hex = Long.toHexString(mask[i]);
        if (leading) hex = "0".repeat(16 - hex.length()) + hex;
        sb.append(hex);
        leading = true;
      }
    }
    return sb.toString();
  }
}
