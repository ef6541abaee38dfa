package io.transcoder.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: no Selenium Manager, so nothing is downloaded.
 * One per test, with a profile of its own, so that nothing (a kept key, a cache) carries over from one test to the
 * next. It keeps what the page wrote to the console and every URL it requested, for the checks of
 * {@link BrowserExtension}.
 */
final class Browser implements AutoCloseable {

    static final String CHROMEDRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Runs before any of the page's own scripts in every document: a CSP violation is written to the console (Chromium
     * reports most there itself, but not every kind), and the resource timing buffer holds more than 250 entries.
     */
    private static final String WATCHER = """
            document.addEventListener('securitypolicyviolation', e => console.error(
                'CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' (' + e.sourceFile + ':' + e.lineNumber + ')'));
            performance.setResourceTimingBufferSize(100000);
            """;

    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> console = new ArrayList<>();
    private final Set<String> requested = new LinkedHashSet<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser open() {
        for (String file : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(file))) {
                throw new IllegalStateException("No " + file + ": the browser tests need Debian's chromium and "
                        + "chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
            }
        }
        // with the driver's path given, Selenium Manager is never asked for (nor downloads) a driver or a browser
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("transcoder-chromium-");
            Files.createDirectories(Path.of("target", "system-test-logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .withLogFile(Path.of("target", "system-test-logs", "chromedriver.log").toFile())
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            FileSystemUtils.deleteRecursively(profile.toFile());
            throw e;
        }
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCHER));
        return new Browser(driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    void get(URI page) {
        driver.get(page.toString());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    Map<String, Object> cdp(String method, Map<String, Object> parameters) {
        return driver.executeCdpCommand(method, parameters);
    }

    /** A network whose uploads crawl at {@code bytesPerSecond} (downloads as fast as ever), until {@link #unthrottle()}. */
    void throttleUploads(long bytesPerSecond) {
        cdp("Network.enable", Map.of());
        cdp("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", bytesPerSecond));
    }

    void unthrottle() {
        cdp("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /**
     * Saves the page as it is under {@link #SCREENSHOTS}: {@code name-phone.png} at a phone's width (390 x 844 CSS
     * pixels, as a phone lays it out), {@code name-desktop.png}, and {@code name-dark.png} with the system's colour
     * scheme dark. The page must fit the phone's width without scrolling sideways, and its dark mode must be dark.
     */
    void screenshots(String name) {
        try {
            cdp("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE_WIDTH, "height", PHONE_HEIGHT,
                    "deviceScaleFactor", 2, "mobile", true));
            await("the phone's width").atMost(Duration.ofSeconds(5))
                    .until(() -> ((Number) script("return window.innerWidth")).intValue() == PHONE_WIDTH);
            assertThat(((Number) script("return document.documentElement.scrollWidth")).intValue())
                    .as("the page's width on a phone (no sideways scrolling)").isLessThanOrEqualTo(PHONE_WIDTH);
            save(name + "-phone", capture());
            cdp("Emulation.clearDeviceMetricsOverride", Map.of());
            colourScheme("light");
            byte[] light = capture();
            save(name + "-desktop", light);
            colourScheme("dark");
            byte[] dark = capture();
            save(name + "-dark", dark);
            assertThat(meanLuma(dark)).as("the page's mean brightness with the system dark, against light (%.0f)",
                    meanLuma(light)).isLessThan(meanLuma(light) * 0.6);
        } finally {
            cdp("Emulation.clearDeviceMetricsOverride", Map.of());
            cdp("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    private void colourScheme(String scheme) {
        cdp("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        await("prefers-color-scheme: " + scheme).atMost(Duration.ofSeconds(5))
                .until(() -> Boolean.TRUE.equals(script("return matchMedia(arguments[0]).matches",
                        "(prefers-color-scheme: " + scheme + ")")));
    }

    /** The whole page, not only what fits in the window. */
    @SuppressWarnings("unchecked")
    private byte[] capture() {
        Map<String, Object> size = (Map<String, Object>) cdp("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        Map<String, Object> shot = cdp("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    /** A picture of the window as it is, for a test that failed. */
    void saveFailure(String name) {
        save("failed-test-" + name, driver.getScreenshotAs(OutputType.BYTES));
        try {
            Files.writeString(SCREENSHOTS.resolve("failed-test-" + name + ".html"), driver.getPageSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void save(String name, byte[] png) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double meanLuma(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            long sum = 0;
            long count = 0;
            for (int y = 0; y < image.getHeight(); y += 4) {
                for (int x = 0; x < image.getWidth(); x += 4) {
                    int rgb = image.getRGB(x, y);
                    sum += (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
                    count++;
                }
            }
            return (double) sum / count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page wrote to the console at level error (uncaught errors, CSP violations, failed loads) so far. */
    List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                console.add(entry.getMessage());
            }
        }
        return List.copyOf(console);
    }

    /** Every http(s) URL the browser has asked for so far, from chromedriver's log of the network. */
    Set<String> requested() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if ("Network.requestWillBeSent".equals(message.path("method").asString(""))) {
                requested.add(message.path("params").path("request").path("url").asString(""));
            }
        }
        // and what the page itself counts as loaded (media elements' requests included)
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) script("return [location.href].concat("
                + "performance.getEntriesByType('resource').map(entry => entry.name))");
        requested.addAll(resources);
        requested.removeIf(url -> !url.matches("(?i)(https?|wss?)://.*"));
        return Set.copyOf(requested);
    }

    /** {@code scheme://host:port} of a URL, the port written out even where it is the scheme's default. */
    static String origin(String url) {
        URI uri = URI.create(url.replaceAll("[?#].*", ""));
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().matches("(?i)https|wss") ? 443 : 80;
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + ":" + port;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}
