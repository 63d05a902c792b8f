package dev.exfilguard.cli;

import dev.exfilguard.config.ConfigLoader;
import dev.exfilguard.config.StarterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** {@code exfilguard init [DIR]}: writes a commented starter {@code .exfilguard.yaml}; never overwrites. */
final class InitCommand implements Command {
  Path dir = Path.of(".");

  @Override
  public String name() {
    return "init";
  }

  @Override
  public List<String> description() {
    return List.of("Writes a commented starter .exfilguard.yaml into DIR (default: the current directory); an existing file is left alone.");
  }

  @Override
  public List<String> footer() {
    return List.of("Exit codes: 0 written, 2 the file exists or cannot be written.");
  }

  @Override
  public Opt.Positional positional() {
    return new Opt.Positional("DIR", 0, 1, "Where to write the file (default: the current directory).");
  }

  @Override
  public void positional(String v) {
    dir = Path.of(v);
  }

  @Override
  public int run(Streams io) {
    PrintWriter err = io.err();
    Path file = dir.resolve(ConfigLoader.FILE_NAME);
    try {
      // CREATE_NEW: the check and the write are one step, so an existing file is never replaced
      Files.writeString(file, StarterConfig.TEXT, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      err.println("exfilguard: " + file + " already exists; not overwritten");
      return Main.ERROR;
    } catch (IOException e) {
      err.println("exfilguard: cannot write " + file + ": " + ScanCommand.whyNotWritten(e));
      return Main.ERROR;
    }
    PrintWriter out = io.out();
    out.println("Wrote " + file + "; edit it, then run: exfilguard scan");
    out.flush();
    return Main.OK;
  }
}
