package dev.exfilguard.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Line-independent fingerprints for findings (baselines, SARIF partialFingerprints). */
public final class Fingerprints {
  private Fingerprints() {}

  public static String of(String ruleId, String resourceAddress, String attributePath) {
    String key = ruleId + "|" + resourceAddress.toLowerCase(Locale.ROOT) + "|" + attributePath.toLowerCase(Locale.ROOT);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
