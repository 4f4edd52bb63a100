package io.pushfleet.systemtest;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One headless Chromium, driven through the system's chromedriver. Both executables are named
 * explicitly (the driver on the service, the browser in the options), so Selenium Manager is never
 * asked to find or download either; the failsafe configuration also points {@code SE_MANAGER_PATH} at
 * {@code /bin/false}, so an accidental call fails instead of reaching the network. The caller closes it.
 */
final class Browser implements AutoCloseable {

    /** Debian's {@code chromium} and {@code chromium-driver} packages (scripts/ensure-browser.sh). */
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Longest explicit wait for the page to reach a state. */
    static final Duration WAIT = Duration.ofSeconds(15);

    /**
     * Selenium warns on every start that it has no DevTools bindings for this Chromium's version. The
     * tests use WebDriver only, never DevTools, so the warning is noise. Held here: JUL keeps loggers
     * weakly, and a collected logger would lose its level.
     */
    private static final Logger CDP_VERSION_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_LOG.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a fresh browser with an empty profile; chromedriver's log is appended in {@code logDir}. */
    static Browser start(Path logDir) throws IOException {
        for (Path executable : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException(executable + " is missing: run scripts/ensure-browser.sh "
                        + "(or: sudo apt-get install -y chromium chromium-driver)");
            }
        }
        Files.createDirectories(logDir);
        Path profile = Files.createTempDirectory("pushfleet-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(logDir.resolve("chromedriver.log").toFile())
                .withAppendLog(true)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // No network beyond loopback exists here, and none is needed: every background fetch is off.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--user-data-dir=" + profile, "--window-size=1280,1400");
        // Console messages of the page, saved with the screenshot when a test fails.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        try {
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    void open(URI uri) {
        driver.get(uri.toString());
    }

    ChromeDriver driver() {
        return driver;
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    String text(String id) {
        return byId(id).getText();
    }

    /** Replaces the text of an input. */
    void type(String id, String text) {
        WebElement input = byId(id);
        input.clear();
        input.sendKeys(text);
    }

    void click(String id) {
        byId(id).click();
    }

    Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Waits up to {@link #WAIT} for {@code condition}; fails with its description otherwise. */
    <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /**
     * Waits up to {@link #WAIT} for {@code condition} to return a value other than null or false;
     * on timeout the failure names {@code description} and what {@code state} says then.
     */
    <T> T await(String description, Function<WebDriver, T> condition, Supplier<String> state) {
        return new WebDriverWait(driver, WAIT)
                .withMessage(() -> description + "; the page says: " + state.get())
                .until(condition);
    }

    /** Saves a screenshot, the page's HTML and its console log as {@code dir/name.*}; best effort. */
    void saveEvidence(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
            String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString).collect(Collectors.joining("\n"));
            Files.writeString(dir.resolve(name + ".console.log"), driver.getCurrentUrl() + "\n" + console + "\n");
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save browser evidence for " + name + ": " + e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary profile is harmless; the test result matters more.
        }
    }
}
