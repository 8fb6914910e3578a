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
