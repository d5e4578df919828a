package dev.osprey.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven through
 * Selenium, with a fresh profile that is deleted on close. The one place that knows the binaries'
 * paths and the flags that work on these machines. Screenshots go to {@code
 * target/browser-screenshots}, kept as test artefacts.
 */
final class Browser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(15);

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Whether the binaries are installed (./test installs them on CI). */
  static boolean installed() {
    return Files.isExecutable(chromium()) && Files.isExecutable(chromedriver());
  }

  static Browser start(int width, int height) throws IOException {
    Path profile = Files.createTempDirectory("osprey-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium().toString());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver().toFile())
            .usingAnyFreePort()
            .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(WAIT);
      return new Browser(driver, profile);
    } catch (RuntimeException e) {
      deleteTree(profile);
      throw e;
    }
  }

  /** Waits (polling, up to 15 s) until {@code condition} is neither null nor false. */
  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).until(condition);
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves a PNG of the page as {@code target/browser-screenshots/<name>.png}. */
  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }

  /** The browser's console entries since the last call. */
  List<LogEntry> consoleEntries() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static Path chromium() {
    return Path.of(System.getProperty("osprey.chromium", "/usr/bin/chromium"));
  }

  private static Path chromedriver() {
    return Path.of(System.getProperty("osprey.chromedriver", "/usr/bin/chromedriver"));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
