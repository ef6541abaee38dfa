package io.transcoder.api.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The page's own files as they ship: nothing loaded from elsewhere, no inline code, the ids the browser tests use. */
class PageSourcesTests {

    private static final PathMatchingResourcePatternResolver RESOURCES = new PathMatchingResourcePatternResolver();

    // an SVG's namespace names XML vocabulary; no browser fetches it
    private static final String SVG_NAMESPACE = "xmlns=\"http://www.w3.org/2000/svg\"";

    @Test
    void nameNoAbsoluteUrlSoNoRequestLeavesTheInstallation() {
        Pattern absolute = Pattern.compile("(?i)\\bhttps?://\\S|[\"'(]//[a-z0-9-]+\\.[a-z0-9.-]+");
        for (String file : files()) {
            String text = read(file).replace(SVG_NAMESPACE, "");
            Matcher found = absolute.matcher(text);

            assertThat(found.find() ? found.group() : null).as("an absolute URL in %s", file).isNull();
        }
        assertThat(files()).contains("index.html", "assets/app.js", "assets/app.css");
    }

    @Test
    void runOnlyScriptsAndStylesFromFilesOfTheirOwn() {
        String page = read("index.html");

        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style")
                .doesNotContainPattern("\\son[a-z]+=").doesNotContainPattern("\\sstyle=")
                .contains("<script src=\"/assets/app.js\" type=\"module\">");
        for (String module : modules()) {
            assertThat(read("assets/" + module)).as(module)
                    .doesNotContain("eval(", "new Function", "innerHTML", "setAttribute('style'")
                    .doesNotContainPattern("\\bon[a-z]+=\"");
        }
    }

    @Test
    void importOnlyModulesThatShip() {
        Pattern imports = Pattern.compile("from '\\./([a-z-]+\\.js)'");
        for (String module : modules()) {
            Matcher found = imports.matcher(read("assets/" + module));
            while (found.find()) {
                assertThat(modules()).as("%s imports %s", module, found.group(1)).contains(found.group(1));
            }
        }
    }

    @Test
    void carryTheElementIdsTheBrowserTestsFind() {
        String page = read("index.html");
        List<String> ids = List.of("key", "key-save", "signed-in", "sign-out", "file", "drop", "formats", "email",
                "callback-url", "submit", "upload", "upload-progress", "upload-bytes", "upload-speed", "upload-eta",
                "upload-abort", "job", "job-state", "job-phase", "job-eta", "job-progress", "cancel", "retry", "player",
                "poster", "downloads", "job-error", "job-error-code", "jobs", "announcer");

        for (String id : ids) {
            assertThat(page).as("#" + id).containsOnlyOnce(" id=\"" + id + "\"");
        }
        assertThat(page).containsPattern("<progress id=\"upload-progress\" max=\"100\"")
                .containsPattern("<progress id=\"job-progress\" max=\"100\"")
                .containsPattern("<video id=\"player\" controls")
                .containsPattern("<input id=\"key\"[^>]*type=\"password\"")
                .containsPattern("<input id=\"file\"[^>]*type=\"file\"")
                .containsPattern("<ol id=\"jobs\"")
                .containsPattern("id=\"announcer\"[^>]*aria-live=\"polite\"");
        String job = page.substring(page.indexOf("<div id=\"job-error\""), page.indexOf("id=\"job-failures\""));
        assertThat(job).as("the code sits inside the reason").contains("id=\"job-error-code\"");
    }

    /** The page's JavaScript modules, by file name. */
    static List<String> modules() {
        return files().stream()
                .filter(file -> file.startsWith("assets/") && file.endsWith(".js"))
                .map(file -> file.substring("assets/".length()))
                .toList();
    }

    /** Every file of the page's own (bundled players under vendor/ are not ours), relative to static/. */
    static List<String> files() {
        try {
            Resource root = RESOURCES.getResource("classpath:static/");
            String base = root.getURL().toString();
            return Arrays.stream(RESOURCES.getResources("classpath:static/**/*.*"))
                    .map(resource -> {
                        try {
                            return resource.getURL().toString().substring(base.length());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .filter(path -> !path.startsWith("vendor/"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String file) {
        try {
            return RESOURCES.getResource("classpath:static/" + file).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
