package dev.exfilguard.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads one text file the way every input is read: only a regular file (a FIFO would block the
 * scan on open, a device such as {@code /dev/zero} never ends), never more than a cap while
 * reading (a {@code /proc} file says its size is 0; a file can grow after {@code size()}), and
 * decoded by its byte-order mark: UTF-8 without one, UTF-8, UTF-16 or UTF-32 with one
 * (PowerShell's {@code Out-File} writes UTF-16LE with a BOM). Reasons are one line of our own
 * wording, never the file's content.
 */
public final class TextFile {
  private TextFile() {}

  /** Why a file was not read, in one line. */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unreadable(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The text of {@code file} (links followed), or why not; at most {@code maxBytes} bytes are read. */
  public static String read(Path file, long maxBytes) throws Unreadable {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new Unreadable(describe(file, e));
    }
    if (!attrs.isRegularFile()) throw new Unreadable(kind(file, attrs));
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
    } catch (IOException e) {
      throw new Unreadable(describe(file, e));
    }
    if (bytes.length > maxBytes) throw new Unreadable("file larger than " + size(maxBytes) + "; not read");
    return decode(bytes);
  }

  /** Decodes by the byte-order mark (which is not part of the text); no BOM is UTF-8. */
  public static String decode(byte[] bytes) throws Unreadable {
    Charset cs = StandardCharsets.UTF_8;
    int skip = 0;
    if (starts(bytes, 0xEF, 0xBB, 0xBF)) {
      skip = 3;
    } else if (starts(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
      cs = Charset.forName("UTF-32LE");
      skip = 4;
    } else if (starts(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
      cs = Charset.forName("UTF-32BE");
      skip = 4;
    } else if (starts(bytes, 0xFF, 0xFE)) {
      cs = StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (starts(bytes, 0xFE, 0xFF)) {
      cs = StandardCharsets.UTF_16BE;
      skip = 2;
    }
    if (skip == 0) {
      // a NUL does not occur in UTF-8 text; binary files (archives, images) named .json do
      for (int i = 0; i < Math.min(bytes.length, 8192); i++) if (bytes[i] == 0) throw new Unreadable("binary file, not text");
    }
    String text;
    try {
      text = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
    } catch (CharacterCodingException e) {
      throw new Unreadable(skip == 0 ? "not UTF-8 text (and no byte-order mark naming another encoding)"
          : "not valid " + cs.name() + " text");
    }
    if (text.indexOf('\0') >= 0) throw new Unreadable("binary file, not text");
    return text;
  }

  private static boolean starts(byte[] b, int... prefix) {
    if (b.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
    return true;
  }

  private static String kind(Path file, BasicFileAttributes attrs) {
    String what = attrs.isDirectory() ? "a directory" : attrs.isOther() ? "not a regular file (a FIFO, device or socket)" : "not a regular file";
    return Files.isSymbolicLink(file) ? "symbolic link to " + what + "; not read" : what + "; not read";
  }

  public static String size(long bytes) {
    return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }

  /** An I/O failure in our words: the exception's message is often just the path, or the OS's text. */
  public static String describe(Path file, IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NoSuchFileException) {
      return Files.isSymbolicLink(file) ? "broken symbolic link" : "no such file";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      String r = f.getReason().toLowerCase(Locale.ROOT);
      if (r.contains("levels of symbolic links")) return "symbolic link loop; not followed";
      if (r.contains("is a directory")) return "a directory; not read";
      return "cannot read: " + r;
    }
    return "cannot read";
  }
}
