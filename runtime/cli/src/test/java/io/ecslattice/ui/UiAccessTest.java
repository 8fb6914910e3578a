package io.ecslattice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.dispatch.DispatchClient;
import io.ecslattice.executor.ExecutorRegistry;
import io.ecslattice.store.ResultsStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may use the UI: a real server on a real (empty) SQLite store, asked over plain sockets. */
class UiAccessTest {
    @TempDir
    Path dir;

    private ResultsStore store;
    private UiSource source;

    @BeforeEach
    void openStore() {
        store = ResultsStore.open(dir.resolve("results.db"));
        source = new StoreUiSource(DispatchClient.of(store, new ExecutorRegistry(ConfigFile.load(dir.resolve("no-config.toml"))),
                Clock.systemUTC()), Clock.systemUTC());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void loopbackBindServesWithoutToken() {
        try (UiServer server = UiServer.start(source, "127.0.0.1", 0)) {
            assertTrue(server.token().isEmpty());
            RawHttp.Answer answer = RawHttp.send(server.port(), "GET", "/api/dispatches", Map.of());
            assertEquals(200, answer.status(), answer.body());
            assertEquals("{\"dispatches\":[],\"offset\":0,\"limit\":25,\"more\":false}", answer.body());
        }
    }

    @Test
    void loopbackBindRefusesForeignHostNameSoDnsRebindingCannotReachIt() {
        try (UiServer server = UiServer.start(source, "127.0.0.1", 0)) {
            RawHttp.Answer answer = RawHttp.send(server.port(), "GET", "/api/dispatches",
                    Map.of("Host", "attacker.example:" + server.port()));
            assertEquals(403, answer.status());
            assertTrue(answer.body().contains("not a loopback name"), answer.body());
        }
    }

    @Test
    void loopbackBindRefusesNamesThatOnlyLookLikeLoopback() {
        try (UiServer server = UiServer.start(source, "127.0.0.1", 0)) {
            for (String host : new String[] {"127.attacker.example", "127.0.0.1.attacker.example", "localhost.attacker.example",
                    "127.0.0.256", "127.1", "0x7f.0.0.1", "attacker.example"}) {
                RawHttp.Answer answer = RawHttp.send(server.port(), "GET", "/api/dispatches", Map.of("Host", host + ":" + server.port()));
                assertEquals(403, answer.status(), host + ": " + answer.body());
                assertTrue(answer.body().contains("Host '" + host + "' is not a loopback name"), answer.body());
            }
            for (String host : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "[::1]"}) {
                assertEquals(200, RawHttp.send(server.port(), "GET", "/api/dispatches", Map.of("Host", host + ":" + server.port())).status(),
                        host);
            }
        }
    }

    @Test
    void postWithoutOriginIsRefusedAndPostFromTheUisOwnOriginPasses() {
        try (UiServer server = UiServer.start(source, "127.0.0.1", 0)) {
            RawHttp.Answer hidden = RawHttp.send(server.port(), "POST", "/api/dispatches/any/cancel", Map.of());
            assertEquals(403, hidden.status());
            assertTrue(hidden.body().contains("POST without an Origin header refused"), hidden.body());

            RawHttp.Answer own = RawHttp.send(server.port(), "POST", "/api/dispatches/any/cancel",
                    Map.of("Origin", "http://127.0.0.1:" + server.port()));
            assertEquals(404, own.status(), "the guard let it through to the handler: " + own.body());

            RawHttp.Answer otherPort = RawHttp.send(server.port(), "POST", "/api/dispatches/any/cancel",
                    Map.of("Origin", "http://127.0.0.1:1"));
            assertEquals(403, otherPort.status(), otherPort.body());
        }
    }

    @Test
    void nonLoopbackBindTakesAPostWithTheBearerTokenAndNoOrigin() {
        try (UiServer server = UiServer.start(source, "0.0.0.0", 0)) {
            String token = server.token().orElseThrow();
            assertEquals(404, RawHttp.send(server.port(), "POST", "/api/dispatches/any/cancel",
                    Map.of("Authorization", "Bearer " + token)).status());
            assertEquals(403, RawHttp.send(server.port(), "POST", "/api/dispatches/any/cancel",
                    Map.of("Cookie", AccessGuard.COOKIE + "=" + token)).status(), "a cookie is sent by any page: it needs the Origin");
        }
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        try (UiServer server = UiServer.start(source, "127.0.0.1", 0)) {
            for (String path : new String[] {"/", "/dispatches/x", "/dispatches/x/nodes/0"}) {
                RawHttp.Answer page = RawHttp.send(server.port(), "GET", path, Map.of());
                assertEquals(200, page.status(), path);
                assertTrue(page.headers().get("content-security-policy").contains("script-src 'self'"), path);
                assertTrue(page.headers().get("content-security-policy").contains("frame-ancestors 'none'"), path);
                assertEquals("DENY", page.headers().get("x-frame-options"), path);
                assertEquals("nosniff", page.headers().get("x-content-type-options"), path);
            }
            assertEquals("nosniff", RawHttp.send(server.port(), "GET", "/api/dispatches", Map.of()).headers().get("x-content-type-options"));
        }
    }

    @Test
    void aServerFailureAnswersAnErrorIdNotTheExceptionText() {
        UiSource failing = new UiSource() {
            @Override
            public DispatchPage dispatches(int offset, int limit) {
                throw new IllegalStateException("SELECT secret FROM /home/someone/results.db <script>alert(1)</script>");
            }

            @Override
            public java.util.Optional<DispatchView> dispatch(String dispatchId) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<NodeView> node(String dispatchId, String nodeId) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<CancelResult> cancel(String dispatchId) {
                return java.util.Optional.empty();
            }
        };
        try (UiServer server = UiServer.start(failing, "127.0.0.1", 0)) {
            RawHttp.Answer answer = RawHttp.send(server.port(), "GET", "/api/dispatches", Map.of());
            assertEquals(500, answer.status());
            assertTrue(answer.body().matches(".*error id [0-9a-f]{8} names the cause.*"), answer.body());
            assertTrue(!answer.body().contains("secret") && !answer.body().contains("<script>"), answer.body());
        }
    }

    @Test
    void postFromAnotherOriginIsRefused() {
        try (UiServer server = UiServer.start(source, "127.0.0.1", 0)) {
            RawHttp.Answer answer = RawHttp.send(server.port(), "POST", "/api/dispatches/any/cancel",
                    Map.of("Origin", "http://attacker.example"));
            assertEquals(403, answer.status());
            assertTrue(answer.body().contains("origin http://attacker.example refused"), answer.body());
        }
    }

    @Test
    void nonLoopbackBindRefusesEveryRequestWithoutTheToken() {
        try (UiServer server = UiServer.start(source, "0.0.0.0", 0)) {
            String token = server.token().orElseThrow();
            for (String path : new String[] {"/", "/api/dispatches", "/static/app.css", "/dispatches/x"}) {
                RawHttp.Answer answer = RawHttp.send(server.port(), "GET", path, Map.of());
                assertEquals(401, answer.status(), path);
                assertTrue(answer.body().contains("send the token"), answer.body());
            }
            assertEquals(401, RawHttp.send(server.port(), "GET", "/api/dispatches",
                    Map.of("Authorization", "Bearer not-" + token)).status());
            assertEquals(401, RawHttp.send(server.port(), "POST", "/api/dispatches/x/cancel", Map.of()).status());
        }
    }

    @Test
    void nonLoopbackBindAcceptsTheTokenAsBearerHeaderOrCookie() {
        try (UiServer server = UiServer.start(source, "0.0.0.0", 0)) {
            String token = server.token().orElseThrow();
            assertEquals(200, RawHttp.send(server.port(), "GET", "/api/dispatches",
                    Map.of("Authorization", "Bearer " + token)).status());
            assertEquals(200, RawHttp.send(server.port(), "GET", "/",
                    Map.of("Cookie", AccessGuard.COOKIE + "=" + token)).status());
            assertTrue(server.browserUri().toString().endsWith("/?token=" + token), server.browserUri().toString());
        }
    }

    @Test
    void openingAPageWithTheTokenOnceSetsAStrictHttpOnlyCookie() {
        try (UiServer server = UiServer.start(source, "0.0.0.0", 0)) {
            String token = server.token().orElseThrow();
            RawHttp.Answer answer = RawHttp.send(server.port(), "GET", "/dispatches/abc?token=" + token, Map.of());
            assertEquals(303, answer.status());
            assertEquals("/dispatches/abc", answer.headers().get("location"));
            String cookie = answer.headers().get("set-cookie");
            assertTrue(cookie.startsWith(AccessGuard.COOKIE + "=" + token + ";"), cookie);
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        }
    }

    @Test
    void badPortIsRefusedBeforeAnythingStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UiServer.start(source, "127.0.0.1", 70000));
        assertEquals("port=70000 is not valid; valid: 0 (any free port) to 65535", e.getMessage());
    }
}
