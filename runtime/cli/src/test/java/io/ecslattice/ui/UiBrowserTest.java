package io.ecslattice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The pages in headless Chromium against a real server, a real SQLite store and real in-process
 * dispatches: the list, a dispatch followed live until it completes, a failed node's error, and
 * cancel with its confirm dialog. Screenshots go to target/ui-screenshots (never into the repository).
 */
class UiBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @TempDir
    Path dir;
    private Dispatcher dispatcher;
    private UiServer server;

    @BeforeAll
    static void startBrowser() {
        chromium = new HeadlessChromium();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        chromium.close();
    }

    @BeforeEach
    void startServer() {
        // Two at a time, so a fan-out's later nodes visibly wait (PENDING) before they run.
        dispatcher = TestDispatchers.inProcess(dir, 2);
        server = UiServer.start(new StoreUiSource(dispatcher.client(), Clock.systemUTC()), "127.0.0.1", 0);
    }

    @AfterEach
    void stopServer() {
        UiWorkflows.resetGates();
        server.close();
        dispatcher.close();
    }

    @Test
    void listShowsDispatchesNewestFirstAndLinksToEach() {
        String older = (UiWorkflows.fanOut("ui_older", 2, false)).dispatch(LatticeClient.of(dispatcher)).id();
        LatticeClient.of(dispatcher).attach(older, Object.class).result(WAIT);
        String newer = (UiWorkflows.fanOut("ui_newer", 3, false)).dispatch(LatticeClient.of(dispatcher)).id();
        LatticeClient.of(dispatcher).attach(newer, Object.class).result(WAIT);

        open("/");
        List<WebElement> rows = browser.findElements(By.cssSelector("#dispatches tbody tr"));
        assertEquals(List.of(newer, older), rows.stream().map(r -> r.getAttribute("data-dispatch-id")).collect(Collectors.toList()));
        String row = rows.get(0).getText();
        assertTrue(row.contains("ui_newer") && row.contains("completed") && row.contains("4 / 4"), row);

        chromium.click(By.linkText(newer));
        waitUntilLoaded();
        assertTrue(browser.getCurrentUrl().endsWith("/dispatches/" + newer), browser.getCurrentUrl());
        assertEquals(4, browser.findElements(By.cssSelector("#graph a.node")).size());
    }

    @Test
    void pagesFollowARunningDispatchFromPendingToRunningToCompletedWithoutReloading() {
        open("/");
        markDocument();
        String id = (UiWorkflows.fanOut("ui_live", 8, true)).dispatch(LatticeClient.of(dispatcher)).id();
        chromium.waitUpTo(WAIT).withMessage("the new dispatch to appear in the list")
                .until(driver -> !driver.findElements(By.cssSelector("tr[data-dispatch-id='" + id + "']")).isEmpty());
        assertDocumentNotReloaded();

        chromium.click(By.linkText(id));
        waitUntilLoaded();
        markDocument();
        List<String> lastSquare = new ArrayList<>();
        chromium.waitUpTo(WAIT).withMessage("dispatch " + id + " to show completed").until(driver -> {
            recordStatusOfNode("7", lastSquare);
            releaseSquaresShownRunning();
            return "COMPLETED".equals(driver.findElement(By.id("status")).getAttribute("data-status"));
        });
        recordStatusOfNode("7", lastSquare); // the page may have re-rendered between the two reads above

        int pending = lastSquare.indexOf("PENDING");
        assertTrue(pending >= 0, "the last square was seen waiting for a slot: " + lastSquare);
        assertEquals(List.of("PENDING", "RUNNING", "COMPLETED"), lastSquare.subList(pending, lastSquare.size()),
                "the last square waited for a slot, ran, completed: " + lastSquare);
        assertEquals(Set.of("COMPLETED"), Set.copyOf(statuses("#graph a.node")));
        assertEquals(Set.of("COMPLETED"), Set.copyOf(statuses("#nodes tbody tr")));
        assertEquals("140", browser.findElement(By.id("result")).getText(), "the squares of 0..7 summed");
        assertEquals("9 / 9 nodes done", browser.findElement(By.id("progress")).getText());
        assertDocumentNotReloaded();
        assertEquals(0L, ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#graph path.edge')].filter(p => {"
                        + " const n = p.getAttribute('d').match(/-?[0-9.]+/g).map(Number); return n[0] >= n[n.length - 2]; }).length;"),
                "every edge runs left to right, from producer to consumer");
        chromium.screenshot(SCREENSHOTS.resolve("dispatch-completed.png"));
    }

    @Test
    void failedNodeShowsItsErrorStackTraceAndLogs() {
        String id = (UiWorkflows.failing()).dispatch(LatticeClient.of(dispatcher)).id();
        assertEquals(DispatchStatus.FAILED, LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT).status());

        open("/dispatches/" + id);
        assertEquals("FAILED", browser.findElement(By.id("status")).getAttribute("data-status"));
        assertTrue(browser.findElement(By.id("error-message")).getText().contains("cannot handle input 9"));
        chromium.click(By.id("error-node"));
        waitUntilLoaded();

        assertEquals("explode", browser.findElement(By.id("name")).getText());
        assertEquals("java.lang.IllegalStateException", browser.findElement(By.id("error-type")).getText());
        assertEquals("cannot handle input 9", browser.findElement(By.id("error-message")).getText());
        assertTrue(browser.findElement(By.id("error-trace")).getText().contains("UiWorkflows.explode"));
        assertTrue(browser.findElement(By.id("stderr")).getText().contains("about to fail on 9"));
        assertEquals("[\n  9\n]", browser.findElement(By.id("inputs")).getText());
        chromium.screenshot(SCREENSHOTS.resolve("node-failed.png"));
    }

    @Test
    void failedDispatchShowsFailedAndCancelledNodesInTheirColoursAndNeverReadsAllDone() {
        String id = (UiWorkflows.failingMap(12)).dispatch(LatticeClient.of(dispatcher)).id();
        assertEquals(DispatchStatus.FAILED, LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT).status());
        var counts = dispatcher.store().reader().dispatch(id).orElseThrow().counts();
        assertTrue(counts.failed() >= 1 && counts.cancelled() >= 1, counts.toString());
        String expected = counts.completed() + " done, " + counts.failed() + " failed, " + counts.cancelled() + " cancelled";

        open("/dispatches/" + id);
        assertEquals(expected, browser.findElement(By.id("progress")).getText());
        assertEquals(List.of("COMPLETED", "FAILED", "CANCELLED"), statuses("#progress-bar .segment"));
        assertEquals(List.of("rgba(76, 175, 122, 1)", "rgba(217, 83, 79, 1)", "rgba(155, 138, 168, 1)"),
                browser.findElements(By.cssSelector("#progress-bar .segment")).stream()
                        .map(segment -> segment.getCssValue("background-color")).collect(Collectors.toList()),
                "completed, failed and cancelled in the colours of their status badges");
        long failedWidth = Math.round(((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('#progress-bar .segment.s-FAILED').getBoundingClientRect().width"
                        + " / document.getElementById('progress-bar').getBoundingClientRect().width * 1000")).doubleValue());
        assertEquals(Math.round(1000.0 * counts.failed() / counts.total()), failedWidth, 2, "the failed share of the bar");
        chromium.screenshot(SCREENSHOTS.resolve("dispatch-failed-progress.png"));

        open("/");
        String row = browser.findElement(By.cssSelector("tr[data-dispatch-id='" + id + "']")).getText();
        assertTrue(row.contains(expected) && !row.contains(counts.total() + " / " + counts.total()), row);
    }

    @Test
    void markupInNamesOutputAndErrorsIsShownAsTextAndNeverRuns() {
        String id = UiWorkflows.hostile().dispatch(LatticeClient.of(dispatcher)).id();
        assertEquals(DispatchStatus.FAILED, LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT).status());

        open("/");
        assertTrue(browser.findElement(By.cssSelector("tr[data-dispatch-id='" + id + "']")).getText().contains(UiWorkflows.HOSTILE));
        assertNothingInjected();
        open("/dispatches/" + id);
        assertTrue(browser.findElement(By.id("error-message")).getText().contains("error " + UiWorkflows.HOSTILE));
        assertNothingInjected();
        open("/dispatches/" + id + "/nodes/0");
        assertEquals("error " + UiWorkflows.HOSTILE, browser.findElement(By.id("error-message")).getText());
        assertTrue(browser.findElement(By.id("stdout")).getText().contains("stdout " + UiWorkflows.HOSTILE));
        assertNothingInjected();
    }

    private void assertNothingInjected() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertEquals(0L, js.executeScript("return document.querySelectorAll('img[src=x], script:not([src])').length;"),
                "no element was made from the text on " + browser.getCurrentUrl());
        assertEquals(Boolean.TRUE, js.executeScript("return window.pwned === undefined;"), "no script ran on " + browser.getCurrentUrl());
    }

    @Test
    void cancelAsksFirstThenCancelsTheRunningDispatch() {
        String id = (UiWorkflows.longRunning()).dispatch(LatticeClient.of(dispatcher)).id();
        open("/dispatches/" + id);
        chromium.waitUpTo(WAIT).withMessage("the first node to show running")
                .until(driver -> statuses("#graph a.node").contains("RUNNING"));

        chromium.click(By.id("cancel"));
        chromium.waitUpTo(WAIT).until(ExpectedConditions.alertIsPresent()).dismiss();
        assertEquals(Status.RUNNING, dispatcher.store().reader().dispatch(id).orElseThrow().status(),
                "dismissing the confirm cancels nothing");

        chromium.click(By.id("cancel"));
        chromium.waitUpTo(WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        chromium.waitUpTo(WAIT).withMessage("dispatch " + id + " to show cancelled")
                .until(driver -> "CANCELLED".equals(driver.findElement(By.id("status")).getAttribute("data-status")));

        assertEquals(Status.CANCELLED, dispatcher.store().reader().dispatch(id).orElseThrow().status());
        assertTrue(!browser.findElement(By.id("cancel")).isDisplayed(), "no cancel button once it ended");
        assertEquals(List.of("CANCELLED", "CANCELLED"), statuses("#nodes tbody tr"));
    }

    @Test
    void bigValuesAreCutWithALinkToTheWhole() {
        String id = (UiWorkflows.bigValue(50_000)).dispatch(LatticeClient.of(dispatcher)).id();
        LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT);

        open("/dispatches/" + id + "/nodes/0");
        String note = browser.findElement(By.id("output-cut")).getText();
        assertTrue(note.contains("Showing the first 20000 of 50002 characters"), note);
        WebElement link = browser.findElement(By.cssSelector("#output-cut a"));
        assertTrue(link.getAttribute("href").endsWith("/api/dispatches/" + id + "/nodes/0/output"), link.getAttribute("href"));
        assertEquals(20_000, browser.findElement(By.id("output")).getAttribute("textContent").length());
    }

    /** Appends the node's status as the graph shows it now, when it differs from the last one seen. */
    /** A slow square finishes once the page has shown it running (node i squares i). */
    private void releaseSquaresShownRunning() {
        for (String nodeId : attributes("#graph a.node[data-status='RUNNING']", "data-node-id")) {
            if (nodeId.matches("[0-7]")) {
                UiWorkflows.release(Integer.parseInt(nodeId));
            }
        }
    }

    private void recordStatusOfNode(String nodeId, List<String> seen) {
        List<String> status = attributes("#graph a.node[data-node-id='" + nodeId + "']", "data-status");
        if (!status.isEmpty() && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status.get(0)))) {
            seen.add(status.get(0));
        }
    }

    /**
     * One attribute of every element the selector finds, read in the page in one script: the page re-renders in place
     * while a dispatch runs, so an element found by one WebDriver call may be gone (stale) by the next.
     */
    @SuppressWarnings("unchecked")
    private List<String> attributes(String selector, String attribute) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]));", selector, attribute);
    }

    /** Tags the current document, so a later check can tell that the page was updated in place. */
    private void markDocument() {
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes';");
    }

    private void assertDocumentNotReloaded() {
        assertEquals("yes", ((JavascriptExecutor) browser).executeScript("return window.sameDocument;"),
                "the page updated in place, without a reload");
    }

    @Test
    void unknownDispatchSaysSoOnThePage() {
        browser.get("http://127.0.0.1:" + server.port() + "/dispatches/no-such-id");
        chromium.waitUpTo(WAIT).withMessage("the page's message")
                .until(driver -> driver.findElement(By.id("message")).isDisplayed());
        assertEquals("no dispatch with id no-such-id", browser.findElement(By.id("message")).getText());
    }

    @Test
    void tokenLinkPrintedAtStartLogsTheBrowserInOnANonLoopbackBind() {
        String id = (UiWorkflows.fanOut("ui_token", 1, false)).dispatch(LatticeClient.of(dispatcher)).id();
        LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT);
        try (UiServer guarded = UiServer.start(new StoreUiSource(dispatcher.client(), Clock.systemUTC()), "0.0.0.0", 0)) {
            String base = "http://127.0.0.1:" + guarded.port();
            browser.get(base + "/dispatches/" + id);
            assertTrue(browser.getPageSource().contains("send the token"), "refused without the token");

            browser.get(base + "/dispatches/" + id + "?token=" + guarded.token().orElseThrow());
            waitUntilLoaded();
            assertEquals(base + "/dispatches/" + id, browser.getCurrentUrl(), "the token leaves the address bar");
            assertEquals("COMPLETED", browser.findElement(By.id("status")).getAttribute("data-status"));
            browser.get(base + "/");
            waitUntilLoaded();
            assertEquals(1, browser.findElements(By.cssSelector("#dispatches tbody tr")).size(), "the cookie carries on");
        } finally {
            browser.manage().deleteAllCookies();
        }
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + server.port() + path);
        waitUntilLoaded();
    }

    private void waitUntilLoaded() {
        chromium.waitUpTo(WAIT).withMessage("the page's first render (body[data-loaded])")
                .until(driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
    }

    private List<String> statuses(String selector) {
        return attributes(selector, "data-status");
    }
}
