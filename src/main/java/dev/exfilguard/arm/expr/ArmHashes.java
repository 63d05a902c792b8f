package dev.exfilguard.arm.expr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The two hashes ARM names resources with, computed exactly as Azure does so that IDs built
 * from them (storage account names, role assignment names) match what a deployment creates.
 */
final class ArmHashes {
  private ArmHashes() {}

  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  /**
   * uniqueString(): a 64-bit MurmurHash3 variant (x86 constants, two 32-bit lanes over 8-byte
   * blocks, seed 0) of the UTF-8 input, written as 13 base-32 characters from the top bit down.
   * Azure's own output for "tyeth" is "zcztcwvu6iyg6" (pinned in the tests).
   */
  static String uniqueString(String input) {
    long h = murmur64(input.getBytes(StandardCharsets.UTF_8));
    StringBuilder sb = new StringBuilder(13);
    for (int i = 0; i < 13; i++) {
      sb.append(BASE32.charAt((int) (h >>> 59)));
      h <<= 5;
    }
    return sb.toString();
  }

  static long murmur64(byte[] data) {
    final int c1 = 0x239b961b;
    final int c2 = 0xab0e9789;
    int h1 = 0;
    int h2 = 0;
    int len = data.length;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      int k1 = littleEndian(data, i, 4);
      int k2 = littleEndian(data, i + 4, 4);
      h1 ^= Integer.rotateLeft(k1 * c1, 15) * c2;
      h1 = (Integer.rotateLeft(h1, 19) + h2) * 5 + 0x561ccd1b;
      h2 ^= Integer.rotateLeft(k2 * c2, 17) * c1;
      h2 = (Integer.rotateLeft(h2, 13) + h1) * 5 + 0x0bcaa747;
    }
    int tail = len - i;
    if (tail > 0) {
      int k1 = littleEndian(data, i, Math.min(4, tail));
      h1 ^= Integer.rotateLeft(k1 * c1, 15) * c2;
      if (tail > 4) {
        int k2 = littleEndian(data, i + 4, tail - 4);
        h2 ^= Integer.rotateLeft(k2 * c2, 17) * c1;
      }
    }
    h1 ^= len;
    h2 ^= len;
    h1 += h2;
    h2 += h1;
    h1 = finalMix(h1);
    h2 = finalMix(h2);
    h1 += h2;
    h2 += h1;
    return ((long) h2 << 32) | (h1 & 0xffffffffL);
  }

  private static int littleEndian(byte[] d, int offset, int n) {
    int v = 0;
    for (int k = 0; k < n; k++) v |= (d[offset + k] & 0xff) << (8 * k);
    return v;
  }

  private static int finalMix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** ARM's namespace for guid(): a name-based (RFC 4122 version 5, SHA-1) UUID in it. */
  private static final byte[] GUID_NAMESPACE = uuidBytes("11fb06fb-712d-4ddd-98c7-e71bbd588830");

  static String guid(String input) {
    byte[] hash;
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(GUID_NAMESPACE);
      hash = sha1.digest(input.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    StringBuilder sb = new StringBuilder(36);
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) sb.append('-');
      sb.append(Character.forDigit((hash[i] >> 4) & 0xf, 16)).append(Character.forDigit(hash[i] & 0xf, 16));
    }
    return sb.toString();
  }

  private static byte[] uuidBytes(String uuid) {
    String hex = uuid.replace("-", "");
    byte[] out = new byte[16];
    for (int i = 0; i < 16; i++) out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    return out;
  }
}
