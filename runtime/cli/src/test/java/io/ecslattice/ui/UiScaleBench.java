package io.ecslattice.ui;

import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.Status;
import io.ecslattice.testing.TestDispatchers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A bench row of {@code make bench} ({@code make bench-ui} alone): the UI at scale, measured and printed, never
 * asserted on time: the dispatch page of a 1,000-node dispatch in headless Chromium, and the memory of
 * {@code ecs-lattice ui} in its own JVM with 100 dispatches stored. It fails only when something was not
 * served or drawn. Argument: a scratch directory (default: a new temporary one).
 */
public final class UiScaleBench {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern GENERATION_USED = Pattern.compile("generation +total [0-9]+K, used ([0-9]+)K");
    private static final Pattern METASPACE_USED = Pattern.compile("Metaspace +used ([0-9]+)K");

    private UiScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("ui-scale-bench");
        String big;
        List<String> ids = new ArrayList<>();
        try (Dispatcher dispatcher = TestDispatchers.inProcess(dir, 8)) {
            big = (UiWorkflows.fanOut("ui_thousand", 999, false)).dispatch(LatticeClient.of(dispatcher)).id();
            check(LatticeClient.of(dispatcher).attach(big, Object.class).result(WAIT).status() == DispatchStatus.COMPLETED,
                    "the 1,000-node dispatch completed");
            ids.add(big);
            for (int i = 1; i < 100; i++) {
                String id = (UiWorkflows.fanOut("ui_hundred_" + i, 9, false)).dispatch(LatticeClient.of(dispatcher)).id();
                LatticeClient.of(dispatcher).attach(id, Object.class).result(WAIT);
                ids.add(id);
            }
        }

        try (UiProcess ui = new UiProcess(dir.resolve("results.db"), dir.resolve("ui.log"));
             HeadlessChromium chromium = new HeadlessChromium()) {
            String pageUrl = "http://127.0.0.1:" + ui.port() + "/dispatches/" + big;
            List<Long> loads = new ArrayList<>();
            for (int run = 0; run < 4; run++) {
                chromium.driver().get("about:blank");
                chromium.driver().get(pageUrl);
                chromium.waitUpTo(WAIT).withMessage("the 1,000-node dispatch page's first render")
                        .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
                loads.add(Math.round(((Number) ((JavascriptExecutor) chromium.driver())
                        .executeScript("return window.latticeLoadedMs;")).doubleValue()));
            }
            check(chromium.driver().findElements(By.cssSelector("#graph a.node")).size() == 1000, "1,000 nodes drawn in the graph");
            check(chromium.driver().findElements(By.cssSelector("#nodes tbody tr")).size() == 1000, "1,000 rows in the node table");
            chromium.screenshot(UiBrowserTest.SCREENSHOTS.resolve("dispatch-1000-nodes.png"));
            long apiStart = System.nanoTime();
            RawHttp.Answer view = RawHttp.send(ui.port(), "GET", "/api/dispatches/" + big, Map.of());
            long apiMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - apiStart);
            check(view.status() == 200, "the 1,000-node dispatch's JSON served");

            for (int offset = 0; offset < 100; offset += 25) {
                check(RawHttp.send(ui.port(), "GET", "/api/dispatches?offset=" + offset, Map.of()).status() == 200, "list page " + offset);
            }
            for (String id : ids) {
                check(RawHttp.send(ui.port(), "GET", "/api/dispatches/" + id, Map.of()).status() == 200, "dispatch " + id);
                check(RawHttp.send(ui.port(), "GET", "/api/dispatches/" + id + "/nodes/0", Map.of()).status() == 200, "node 0 of " + id);
            }
            System.out.printf("UI scale: 1,000-node dispatch page, navigation to first full render (graph + table): "
                    + "first %d ms, then %s ms; its JSON (%d bytes) served in %d ms%n",
                    loads.get(0), loads.subList(1, loads.size()), view.body().length(), apiMs);
            System.out.printf("UI scale: ecs-lattice ui with 100 dispatches (%d nodes) stored, after serving every page of them: "
                    + "heap used after full GC %s, resident set %s%n", 999 + 1 + 99 * 10, heapAfterGc(ui.pid()), residentSet(ui.pid()));
        }
    }

    private static void check(boolean served, String what) {
        if (!served) {
            throw new IllegalStateException("UI scale bench: not served or drawn: " + what);
        }
    }

    /** Heap in use after a full collection (all generations), asked of the JVM with jcmd (part of the JDK). */
    private static String heapAfterGc(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "(no jcmd in this Java runtime)";
        }
        run(jcmd.toString(), Long.toString(pid), "GC.run");
        String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
        long heapKb = 0;
        for (Matcher used = GENERATION_USED.matcher(info); used.find(); ) {
            heapKb += Long.parseLong(used.group(1));
        }
        Matcher metaspace = METASPACE_USED.matcher(info);
        return (heapKb / 1024) + " MB (metaspace " + (metaspace.find() ? Long.parseLong(metaspace.group(1)) / 1024 + " MB" : "?") + ")";
    }

    private static String residentSet(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return (Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024) + " MB";
            }
        }
        return "(unknown)";
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        check(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " finished within 30 s");
        return out;
    }
}
