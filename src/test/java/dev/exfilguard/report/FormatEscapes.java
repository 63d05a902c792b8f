package dev.exfilguard.report;

/** The package-private escapers of the new formats, for tests in other packages. */
public final class FormatEscapes {
  private FormatEscapes() {}

  public static String githubData(String s) {
    return GithubReporter.data(s);
  }

  public static String githubProperty(String s) {
    return GithubReporter.property(s);
  }

  public static String markdown(String s) {
    return MarkdownReporter.escape(s);
  }
}
