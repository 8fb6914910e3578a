package io.ecslattice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice1;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The dispatch page in headless Chromium for what issue 13 added: the timeline (queued and running bars on
 * one axis), a sublattice drawn in its own box and collapsible, a run-time fan-out's items, and CACHED nodes
 * of a redispatch linking to the dispatch their value came from.
 */
class UiWorkflowFeaturesBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @TempDir
    Path dir;
    private Dispatcher dispatcher;
    private UiServer server;

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static int slowDouble(int x) throws InterruptedException {
        Thread.sleep(150);
        return 2 * x;
    }

    static int total(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).sum();
    }

    static int inc(int x) {
        return x + 1;
    }

    static Lattice1<Integer, Integer> workflow() {
        var range = Electron.of(UiWorkflowFeaturesBrowserTest::range);
        var twice = Electron.of(UiWorkflowFeaturesBrowserTest::slowDouble);
        var total = Electron.of(UiWorkflowFeaturesBrowserTest::total);
        var inc = Electron.of(UiWorkflowFeaturesBrowserTest::inc);
        var plusTwo = Lattice.of("plus_two", (Value<Integer> x) -> inc.call(inc.call(x)));
        return Lattice.of("ui_features", (Value<Integer> n) -> plusTwo.call(total.call(twice.map(range.call(n)))));
    }

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
        dispatcher = TestDispatchers.inProcess(dir, 2);
        server = UiServer.start(new StoreUiSource(dispatcher.client(), Clock.systemUTC()), "127.0.0.1", 0);
    }

    @AfterEach
    void stopServer() {
        server.close();
        dispatcher.close();
    }

    @Test
    void timelineSublatticeRunTimeItemsAndCachedNodesShowOnTheDispatchPage() {
        String first = workflow().dispatch(LatticeClient.of(dispatcher), 6).id();
        open("/dispatches/" + first);
        chromium.waitUpTo(WAIT).withMessage("the fan-out's items to appear while it runs")
                .until(driver -> !driver.findElements(By.cssSelector("#graph a.node[data-node-id='1[5]']")).isEmpty());
        chromium.waitUpTo(WAIT).withMessage("dispatch to complete")
                .until(driver -> "COMPLETED".equals(driver.findElement(By.id("status")).getAttribute("data-status")));
        assertEquals("32", browser.findElement(By.id("result")).getText(), "2 * (0 + ... + 5) + 2");

        List<WebElement> lanes = browser.findElements(By.cssSelector("#timeline .lane"));
        assertEquals(11, lanes.size(), "one lane per node: range, the map node, six items, total, two sublattice nodes: "
                + lanes.stream().map(l -> l.getAttribute("data-node-id")).toList());
        for (WebElement lane : lanes) {
            assertEquals(1, lane.findElements(By.cssSelector(".bar.run")).size(), "a running bar for " + lane.getAttribute("data-node-id"));
        }
        assertTrue(browser.findElements(By.cssSelector("#timeline .bar.queued")).size() >= 1,
                "with two slots for six items, some items queued");
        assertTrue(browser.findElements(By.cssSelector("#timeline .tick")).size() >= 2, "a time axis");
        chromium.screenshot(UiBrowserTest.SCREENSHOTS.resolve("dispatch-timeline.png"));

        List<String> boxes = browser.findElements(By.cssSelector("#graph [data-cluster]")).stream()
                .map(e -> e.getAttribute("data-cluster")).collect(Collectors.toList());
        assertTrue(boxes.contains("sublattice plus_two (3)") && boxes.contains("items of slowDouble 1"), boxes.toString());
        chromium.click(By.cssSelector("#clusters input[data-cluster='sub:3']"));
        chromium.waitUpTo(WAIT).withMessage("the sublattice folded into one node")
                .until(driver -> !driver.findElements(By.cssSelector("#graph a.node[data-node-id='3.*']")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector("#graph a.node[data-node-id='3.0']")).isEmpty());
        assertEquals("COMPLETED", browser.findElement(By.cssSelector("#graph a.node[data-node-id='3.*']")).getAttribute("data-status"));

        String again = dispatcher.redispatch(first, null, Map.of());
        assertEquals(DispatchStatus.COMPLETED, LatticeClient.of(dispatcher).attach(again, Integer.class).result(WAIT).status());
        open("/dispatches/" + again);
        List<String> statuses = browser.findElements(By.cssSelector("#nodes tbody tr")).stream()
                .map(e -> e.getAttribute("data-status")).distinct().collect(Collectors.toList());
        assertTrue(statuses.contains("CACHED"), statuses.toString());
        WebElement origin = browser.findElement(By.cssSelector("#nodes tbody tr[data-node-id='0'] a[data-cached-from]"));
        assertEquals(first, origin.getAttribute("data-cached-from"));
        assertEquals("CACHED", browser.findElement(By.cssSelector("#graph a.node[data-node-id='0']")).getAttribute("data-status"));
        chromium.screenshot(UiBrowserTest.SCREENSHOTS.resolve("dispatch-cached.png"));
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + server.port() + path);
        chromium.waitUpTo(WAIT).withMessage("the page's first render (body[data-loaded])")
                .until(driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
    }
}
