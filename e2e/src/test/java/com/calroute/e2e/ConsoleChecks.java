package com.calroute.e2e;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What WebConsoleIT measures on every page and state it visits: axe-core's serious and critical accessibility
 * violations, and English words in a Norwegian page. Findings are collected (and printed as found) so one run shows
 * them all; {@link #assertNone()} fails the test with the list.
 */
final class ConsoleChecks {

    private static final String AXE = resource("META-INF/resources/webjars/axe-core/4.6.3/axe.min.js");
    private static final String ENGLISH_WORDS = resource("console-checks/english-words.js");
    private static final String ENGLISH_TEXT = resource("console-checks/english-text.js");

    // The same for every test: read once from the console's texts.
    private static List<String> englishWords;
    private final List<String> findings = new ArrayList<>();
    private int pagesChecked;

    /** Runs axe-core on the page as it is now; records each serious or critical violation with its elements. */
    void accessibility(WebDriver browser, String state) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(AXE);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 5)
                      .map((n) => n.target.join(' ')).join(', '))))
                  .catch((e) => done(['axe failed: ' + e]));
                """);
        record(state, "accessibility", result);
        pagesChecked++;
    }

    /**
     * Looks for English in a Norwegian page. The list of English words is taken once from a console page (the
     * console's own English texts minus its bokmål ones, plus common English words), then used on any page,
     * Keycloak's login page included.
     */
    @SuppressWarnings("unchecked")
    void noEnglish(WebDriver browser, String state) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        if (englishWords == null) {
            throw new IllegalStateException("call readEnglishWords on a console page first");
        }
        Map<String, Object> result = (Map<String, Object>) js.executeScript(ENGLISH_TEXT, englishWords);
        if (!"nb".equals(result.get("lang")) && !"no".equals(result.get("lang"))) {
            findings.add(state + " [lang]: the page says lang=\"" + result.get("lang") + "\", not Norwegian");
        }
        record(state, "English", result.get("found"));
    }

    /** Fails on a program's value shown as text ("null", "undefined", "NaN", "[object Object]", "Invalid Date"). */
    @SuppressWarnings("unchecked")
    void noRawValues(WebDriver browser, String state) {
        Object found = ((JavascriptExecutor) browser).executeScript(
                "return document.body.innerText.match(/\\b(null|undefined|NaN)\\b|\\[object \\w+\\]|Invalid Date/g) || []");
        record(state, "raw value", found);
    }

    /** Reads the English words from the console's texts; the browser must show a console page. */
    @SuppressWarnings("unchecked")
    static void readEnglishWords(WebDriver browser) {
        if (englishWords != null) {
            return;
        }
        List<String> words = (List<String>) ((JavascriptExecutor) browser).executeAsyncScript(ENGLISH_WORDS);
        if (words.size() < 100 || words.stream().anyMatch(w -> w.startsWith("check failed"))) {
            throw new AssertionError("could not read the console's texts for the English check: " + words);
        }
        englishWords = words;
    }

    /** Both checks, for a Norwegian page. */
    void norwegianPage(WebDriver browser, String state) {
        accessibility(browser, state);
        noEnglish(browser, state);
    }

    int pagesChecked() {
        return pagesChecked;
    }

    void assertNone() {
        if (!findings.isEmpty()) {
            throw new AssertionError(findings.size() + " finding(s):\n  " + String.join("\n  ", findings));
        }
    }

    private void record(String state, String check, Object result) {
        if (result instanceof List<?> list) {
            for (Object item : list) {
                String finding = state + " [" + check + "] " + item;
                System.out.println("WebConsoleIT finding: " + finding);
                findings.add(finding);
            }
        }
    }

    private static String resource(String path) {
        try (InputStream in = ConsoleChecks.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
