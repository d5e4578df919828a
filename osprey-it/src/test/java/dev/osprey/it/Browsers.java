package dev.osprey.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for the tests that need a real browser: Debian's {@code chromium} and its
 * {@code chromedriver} (packages {@code chromium} and {@code chromium-driver}, which {@code ./test}
 * installs when missing). The system's driver is used, so Selenium Manager never downloads one;
 * each browser gets a fresh profile and keeps to the loopback network (no QUIC, no background
 * fetches, no component updates or sync). A missing browser fails the test that asked for it.
 */
final class Browsers {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Browsers() {}

  /**
   * Starts a headless Chromium whose profile is a new directory under {@code profiles}; the caller
   * quits it. Its console (level SEVERE and above) is kept for {@link #consoleErrors}.
   */
  static ChromeDriver start(Path profiles) {
    return start(profiles, List.of());
  }

  /**
   * As {@link #start(Path)}, with more Chromium arguments, e.g. {@code --host-resolver-rules=MAP
   * *.example.test 127.0.0.1} so that made-up domains (a bucket's CNAME) reach the loopback server
   * without a hosts file.
   */
  static ChromeDriver start(Path profiles, List<String> extraArguments) {
    for (Path p : List.of(CHROMIUM, DRIVER)) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(
            p + " is missing: apt-get install -y chromium chromium-driver (./test does it)");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
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
        "--user-data-dir=" + profiles.resolve("chromium-" + System.nanoTime()));
    options.addArguments(extraArguments);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  /** The errors the pages wrote to the browser's console since the last call. */
  static List<String> consoleErrors(ChromeDriver driver) {
    List<String> errors = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(e.getMessage());
      }
    }
    return errors;
  }
}
