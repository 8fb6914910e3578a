package io.ecslattice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.store.StoredHandle;
import io.ecslattice.testing.JavaProcess;
import io.ecslattice.testing.Steps;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Value;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsStoreTest {

    @TempDir
    Path dir;

    private static NewDispatch dispatch(String id, Instant at) {
        return new NewDispatch(id, "wf-" + id, at, "{}", "[]", List.of("/cp"), "java.lang.String",
                List.of(new NewDispatch.NewNode("0", "a", "local", "X", "a"), new NewDispatch.NewNode("1", "b", "local", "X", "b")),
                List.of(new Edge("0", "1", 0)), null);
    }

    @Test
    void listsNewestFirstInPagesWithProgressCounts() {
        try (ResultsStore store = ResultsStore.open(dir.resolve("r.db"))) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 5; i++) {
                store.insertDispatch(dispatch("d" + i, t.plusSeconds(i)), "me", t.plusSeconds(60));
            }
            store.markNodeRunning("d3", "0", new StoredHandle("local", "42", Map.of("pid", "42")), t);
            List<DispatchSummary> first = store.reader().listDispatches(2, 0);
            List<DispatchSummary> second = store.reader().listDispatches(2, 2);
            assertEquals(List.of("d4", "d3"), first.stream().map(DispatchSummary::id).toList());
            assertEquals(List.of("d2", "d1"), second.stream().map(DispatchSummary::id).toList());
            assertEquals(new NodeCounts(2, 1, 1, 0, 0, 0), first.get(1).counts());
            NodeRecord running = store.reader().node("d3", "0").orElseThrow();
            assertEquals("42", running.handle().ref());
            assertEquals("42", running.details().get("pid"));
        }
    }

    @Test
    void leaseGoesToAnotherOwnerOnlyAfterItExpires() {
        try (ResultsStore store = ResultsStore.open(dir.resolve("r.db"))) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.insertDispatch(dispatch("d", t), "first", t.plusSeconds(10));
            assertFalse(store.tryAcquireLease("d", "second", t.plusSeconds(5), t.plusSeconds(20)));
            assertTrue(store.renewLease("d", "first", t.plusSeconds(30)));
            assertTrue(store.tryAcquireLease("d", "second", t.plusSeconds(31), t.plusSeconds(50)));
            assertFalse(store.renewLease("d", "first", t.plusSeconds(60)), "the old owner learns it lost the lease");
            assertEquals("second", store.reader().lease("d").orElseThrow().owner());
        }
    }

    @Test
    void storeWithNewerSchemaIsRefused() throws Exception {
        Path db = dir.resolve("r.db");
        ResultsStore.open(db).close();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db); var statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> ResultsStore.open(db));
        assertTrue(e.getMessage().contains("has schema version 99, newer than this ecs-lattice understands (" + Database.SCHEMA_VERSION + ")"),
                e.getMessage());
        assertEquals(List.of(), openFilesUnder(dir), "the refused store's connection was closed");
    }

    /** The files under {@code root} that this JVM holds open, read from /proc/self/fd. */
    private static List<Path> openFilesUnder(Path root) throws java.io.IOException {
        try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return fds.flatMap(fd -> {
                try {
                    return java.util.stream.Stream.of(java.nio.file.Files.readSymbolicLink(fd));
                } catch (java.io.IOException e) {
                    return java.util.stream.Stream.empty(); // the fd closed while listing, e.g. the listing's own
                }
            }).filter(target -> target.startsWith(root.toAbsolutePath())).toList();
        }
    }

    @Test
    void aVersionOneStoreIsMigratedAndKeepsItsDispatches() throws Exception {
        Path db = dir.resolve("v1.db");
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db); var statement = connection.createStatement()) {
            for (String ddl : Database.SCHEMA) {
                statement.execute(ddl);
            }
            statement.execute("PRAGMA user_version = 1");
            statement.execute("INSERT INTO dispatches (id, name, status, created_at, graph_json, args_json, classpath_json) "
                    + "VALUES ('old', 'wf', 'COMPLETED', 1, '{}', '[]', '[]')");
            statement.execute("INSERT INTO nodes (dispatch_id, node_id, seq, name, status, executor, class_name, method_name, output_json) "
                    + "VALUES ('old', '0', 0, 'a', 'COMPLETED', 'local', 'X', 'a', '42')");
        }
        try (ResultsStore store = ResultsStore.open(db)) {
            NodeRecord node = store.reader().node("old", "0").orElseThrow();
            assertEquals(Status.COMPLETED, node.status());
            assertEquals("42", node.output().toString());
            assertEquals(null, node.cachedFrom());
            assertEquals(null, store.reader().stored("old").orElseThrow().redispatchOf());
            assertEquals(List.of(), store.reader().attempts("old", "0"), "the attempts table was added, empty");
        }
        assertEquals(Database.SCHEMA_VERSION, userVersion(db));
    }

    @Test
    void aVersionTwoStoreKeepsItsAttemptsAndGainsTheReuseColumns() throws Exception {
        Path db = dir.resolve("v2.db");
        // What a store written with attempts but before caching, maps and sublattices looks like.
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db); var statement = connection.createStatement()) {
            for (int step = 0; step < 2; step++) {
                for (String ddl : Database.MIGRATIONS[step]) {
                    statement.execute(ddl);
                }
            }
            statement.execute("PRAGMA user_version = 2");
            statement.execute("INSERT INTO dispatches (id, name, status, created_at, graph_json, args_json, classpath_json) "
                    + "VALUES ('old', 'old', 'COMPLETED', 0, '{}', '[]', '[]')");
            statement.execute("INSERT INTO nodes (dispatch_id, node_id, seq, name, status, executor, class_name, method_name, output_json) "
                    + "VALUES ('old', '0', 0, 'a', 'COMPLETED', 'local', 'X', 'a', '42')");
            statement.execute("INSERT INTO attempts (dispatch_id, node_id, attempt, status, cause) "
                    + "VALUES ('old', '0', 1, 'FAILED', 'timeout')");
        }

        try (ResultsStore store = ResultsStore.open(db)) {
            assertTrue(store.reader().dispatch("old").isPresent());
            List<AttemptRecord> attempts = store.reader().attempts("old", "0");
            assertEquals(1, attempts.size());
            assertEquals(AttemptRecord.TIMEOUT, attempts.get(0).cause());
            assertEquals(null, store.reader().node("old", "0").orElseThrow().cachedFrom());
            assertEquals(null, store.reader().stored("old").orElseThrow().redispatchOf());
        }
        assertEquals(Database.SCHEMA_VERSION, userVersion(db));
    }

    private static int userVersion(Path db) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db); var statement = connection.createStatement();
             var rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.getInt(1);
        }
    }

    @Test
    void aSecondProcessReadsWhatTheDispatcherWrote() throws Exception {
        String id;
        try (Dispatcher dispatcher = TestDispatchers.inProcess(dir, 2)) {
            var join = Electron.of(Steps::join);
            var excite = Electron.of(Steps::excite);
            var lattice = Lattice.of("hello", (Value<String> a, Value<String> b) -> excite.call(join.call(a, b)));
            id = lattice.dispatch(LatticeClient.of(dispatcher), "Hello", "World").id();
            LatticeClient.of(dispatcher).attach(id, Object.class).result(Duration.ofSeconds(30));
        }
        JavaProcess.Outcome probe = JavaProcess.run(StoreProbe.class, Map.of(), dir.resolve("probe.log"), 60,
                dir.resolve("results.db").toString(), id);
        assertEquals(0, probe.exitCode(), probe.output());
        assertTrue(probe.output().contains("status=COMPLETED progress=2/2 done output=\"Hello, World!\""), probe.output());
        assertTrue(probe.output().contains("node 1 excite COMPLETED"), probe.output());
    }
}
