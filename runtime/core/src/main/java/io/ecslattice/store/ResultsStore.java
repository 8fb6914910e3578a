package io.ecslattice.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.Wire;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results store: every dispatch, node, handle, output, error and lease, in one SQLite file that
 * several processes share. The dispatcher writes through the methods here; UIs and the CLI read
 * through {@link #reader()}. Each write is one transaction, so a crash loses nothing already written.
 */
public final class ResultsStore implements AutoCloseable {

    private final Database database;
    private final StoreReader reader;

    private ResultsStore(Database database) {
        this.database = database;
        this.reader = new StoreReader(database);
    }

    /** Opens (creating if needed) the store in {@code file}. */
    public static ResultsStore open(Path file) {
        return new ResultsStore(Database.open(file));
    }

    /** The database file. */
    public Path file() {
        return database.file();
    }

    /** Queries for lists, graphs and single nodes. */
    public StoreReader reader() {
        return reader;
    }

    /** Records a new dispatch (status NEW), its nodes and edges, and gives {@code owner} its lease. */
    public void insertDispatch(NewDispatch dispatch, String owner, Instant leaseExpiry) {
        database.write(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO dispatches (id, name, status, created_at, "
                    + "graph_json, args_json, classpath_json, output_type, redispatch_of) VALUES (?, ?, 'NEW', ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, dispatch.id());
                insert.setString(2, dispatch.name());
                insert.setLong(3, dispatch.createdAt().toEpochMilli());
                insert.setString(4, dispatch.graphJson());
                insert.setString(5, dispatch.argsJson());
                insert.setString(6, json(dispatch.classpath()));
                insert.setString(7, dispatch.outputType());
                insert.setString(8, dispatch.redispatchOf());
                insert.executeUpdate();
            }
            insertNodes(c, dispatch.id(), dispatch.nodes(), dispatch.edges());
            upsertLease(c, dispatch.id(), owner, leaseExpiry);
            return null;
        });
    }

    /**
     * Adds nodes created while the dispatch runs (the items of a run-time fan-out) with their edges, after
     * the nodes already there; nodes already stored (a takeover creating them again) are left as they are.
     */
    public void addNodes(String dispatchId, List<NewDispatch.NewNode> nodes, List<Edge> edges) {
        database.write(c -> {
            insertNodes(c, dispatchId, nodes, edges);
            return null;
        });
    }

    private static void insertNodes(Connection c, String dispatchId, List<NewDispatch.NewNode> nodes, List<Edge> edges)
            throws SQLException {
        int first;
        try (PreparedStatement query = c.prepareStatement("SELECT COALESCE(MAX(seq) + 1, 0) FROM nodes WHERE dispatch_id = ?")) {
            query.setString(1, dispatchId);
            try (var rows = query.executeQuery()) {
                first = rows.next() ? rows.getInt(1) : 0;
            }
        }
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO nodes (dispatch_id, node_id, seq, name, status, "
                    + "executor, class_name, method_name, group_name, parent_id) VALUES (?, ?, ?, ?, 'NEW', ?, ?, ?, ?, ?)")) {
                int seq = first;
                for (NewDispatch.NewNode node : nodes) {
                    insert.setString(1, dispatchId);
                    insert.setString(2, node.id());
                    insert.setInt(3, seq++);
                    insert.setString(4, node.name());
                    insert.setString(5, node.executor());
                    insert.setString(6, node.className());
                    insert.setString(7, node.methodName());
                    insert.setString(8, node.group());
                    insert.setString(9, node.parent());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT OR IGNORE INTO edges (dispatch_id, from_node, to_node, arg_index) VALUES (?, ?, ?, ?)")) {
                for (Edge edge : edges) {
                    insert.setString(1, dispatchId);
                    insert.setString(2, edge.from());
                    insert.setString(3, edge.to());
                    insert.setInt(4, edge.argIndex());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
    }

    /** Sets a non-terminal dispatch status; RUNNING also records the start time once. */
    public void markDispatch(String id, Status status, Instant at) {
        update("UPDATE dispatches SET status = ?, started_at = CASE WHEN ? = 'RUNNING' AND started_at IS NULL THEN ? "
                + "ELSE started_at END WHERE id = ?", status.name(), status.name(), at.toEpochMilli(), id);
    }

    /** Records how a dispatch ended and drops its lease. */
    public void finishDispatch(String id, Status status, JsonNode output, String errorNode, String errorMessage, Instant at) {
        database.write(c -> {
            execute(c, "UPDATE dispatches SET status = ?, output_json = ?, error_node = ?, error_message = ?, ended_at = ?, "
                    + "started_at = COALESCE(started_at, ?) WHERE id = ?", status.name(), output == null ? null : output.toString(),
                    errorNode, errorMessage, at.toEpochMilli(), at.toEpochMilli(), id);
            execute(c, "DELETE FROM leases WHERE dispatch_id = ?", id);
            return null;
        });
    }

    /** Asks the driver of a dispatch to cancel it; false when there is no such unfinished dispatch. */
    public boolean requestCancel(String id) {
        return update("UPDATE dispatches SET cancel_requested = 1 WHERE id = ? AND status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')", id) > 0;
    }

    /** The node's inputs are ready: records them with the attempt about to be sent. */
    public void markNodePending(String dispatchId, String nodeId, int attempt, JsonNode inputs, Instant at) {
        markNodePending(dispatchId, nodeId, attempt, inputs, null, at);
    }

    /** As {@link #markNodePending(String, String, int, JsonNode, Instant)}, with the key a later dispatch may reuse its result by. */
    public void markNodePending(String dispatchId, String nodeId, int attempt, JsonNode inputs, String cacheKey, Instant at) {
        update("UPDATE nodes SET status = 'PENDING', attempt = ?, inputs_json = ?, cache_key = ?, pending_at = ? "
                + "WHERE dispatch_id = ? AND node_id = ?", attempt, inputs.toString(), cacheKey, at.toEpochMilli(), dispatchId, nodeId);
    }

    /** The node will not run: {@code output} of an earlier run of the same code on the same inputs, in {@code cachedFrom}, is its value. */
    public void markNodeCached(String dispatchId, String nodeId, JsonNode inputs, String cacheKey, JsonNode output,
                               String cachedFrom, Instant at) {
        long now = at.toEpochMilli();
        update("UPDATE nodes SET status = 'CACHED', inputs_json = ?, cache_key = ?, output_json = ?, cached_from = ?, "
                + "pending_at = ?, started_at = ?, ended_at = ? WHERE dispatch_id = ? AND node_id = ?", inputs.toString(), cacheKey,
                output == null ? null : output.toString(), cachedFrom, now, now, now, dispatchId, nodeId);
    }

    /** A map node's items were created: it runs until they end. */
    public void markMapRunning(String dispatchId, String nodeId, JsonNode inputs, Instant at) {
        long now = at.toEpochMilli();
        update("UPDATE nodes SET status = 'RUNNING', inputs_json = ?, pending_at = COALESCE(pending_at, ?), "
                + "started_at = COALESCE(started_at, ?) WHERE dispatch_id = ? AND node_id = ?", inputs.toString(), now, now,
                dispatchId, nodeId);
    }

    /** The executor accepted the node: stores its handle (before anything waits on it). */
    public void markNodeRunning(String dispatchId, String nodeId, StoredHandle handle, Instant at) {
        update("UPDATE nodes SET status = 'RUNNING', handle_json = ?, details_json = ?, started_at = ? WHERE dispatch_id = ? AND node_id = ?",
                json(handle), json(handle.details()), at.toEpochMilli(), dispatchId, nodeId);
    }

    /** Records a node's end with what its task produced; {@code details} are merged into the stored ones. */
    public void finishNode(String dispatchId, String nodeId, Status status, TaskResult result, Map<String, String> details, Instant at) {
        finishNode(dispatchId, nodeId, status, result, details, null, at);
    }

    /** As {@link #finishNode(String, String, Status, TaskResult, Map, Instant)}, labelling a failed attempt with its {@code cause}. */
    public void finishNode(String dispatchId, String nodeId, Status status, TaskResult result, Map<String, String> details,
                           String cause, Instant at) {
        database.write(c -> {
            endAttempt(c, dispatchId, nodeId, status, result, details, cause, at, null);
            return null;
        });
    }

    /**
     * Records a failed attempt that will be tried again: the attempt's row keeps its error ({@code cause} and
     * {@code next} say why and when), and the node goes back to PENDING as attempt {@code nextAttempt}, so a
     * process that takes over starts that attempt and never the failed one again.
     */
    public void retryNode(String dispatchId, String nodeId, TaskResult result, Map<String, String> details, String cause,
                          int nextAttempt, String next, Instant at) {
        database.write(c -> {
            endAttempt(c, dispatchId, nodeId, Status.FAILED, result, details, cause, at, next);
            execute(c, "UPDATE nodes SET status = 'PENDING', attempt = ?, output_json = NULL, handle_json = NULL, details_json = NULL, "
                    + "started_at = NULL, ended_at = NULL WHERE dispatch_id = ? AND node_id = ?", nextAttempt, dispatchId, nodeId);
            return null;
        });
    }

    private void endAttempt(Connection c, String dispatchId, String nodeId, Status status, TaskResult result,
                            Map<String, String> details, String cause, Instant at, String next) throws SQLException {
        Map<String, String> merged = new HashMap<>(reader.details(c, dispatchId, nodeId));
        merged.putAll(details);
        execute(c, "UPDATE nodes SET status = ?, output_json = ?, error_type = ?, error_message = ?, error_stack = ?, "
                + "stdout = ?, stderr = ?, details_json = ?, ended_at = ? WHERE dispatch_id = ? AND node_id = ?",
                status.name(), result.succeeded() && result.value() != null ? result.value().toString() : null,
                result.error() == null ? null : result.error().type(), result.error() == null ? null : result.error().message(),
                result.error() == null ? null : result.error().stackTrace(), result.stdout(), result.stderr(),
                json(merged), at.toEpochMilli(), dispatchId, nodeId);
        execute(c, "INSERT OR REPLACE INTO attempts (dispatch_id, node_id, attempt, status, cause, error_type, error_message, "
                + "error_stack, details_json, started_at, ended_at, next) SELECT dispatch_id, node_id, attempt, status, ?, error_type, "
                + "error_message, error_stack, details_json, started_at, ended_at, ? FROM nodes WHERE dispatch_id = ? AND node_id = ? "
                + "AND attempt > 0", cause, next, dispatchId, nodeId);
    }

    /** Records that a node will not run (or was stopped) and why. */
    public void cancelNode(String dispatchId, String nodeId, String reason, Instant at) {
        update("UPDATE nodes SET status = 'CANCELLED', error_type = COALESCE(error_type, 'NotRun'), "
                + "error_message = COALESCE(error_message, ?), ended_at = ? WHERE dispatch_id = ? AND node_id = ?",
                reason, at.toEpochMilli(), dispatchId, nodeId);
    }

    /**
     * Ends a dispatch that no process drives as CANCELLED, in one transaction: when its lease is absent or
     * expired at {@code now}, every node not yet ended is recorded as cancelled, the dispatch as cancelled,
     * and the lease is dropped, so no process takes it over later. Returns the handles of the nodes that
     * were running, for the caller to stop; empty when a live process holds the lease (it carries out the
     * cancel itself) or the dispatch has ended.
     */
    public Optional<Map<String, StoredHandle>> cancelOrphaned(String dispatchId, Instant now) {
        return database.write(c -> {
            Optional<Lease> lease = reader.lease(c, dispatchId);
            if (lease.isPresent() && lease.get().expiresAt().isAfter(now)) {
                return Optional.empty();
            }
            Map<String, StoredHandle> running = new HashMap<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT node_id, handle_json FROM nodes WHERE dispatch_id = ? AND status = 'RUNNING' AND handle_json IS NOT NULL")) {
                query.setString(1, dispatchId);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        running.put(rows.getString(1), Wire.mapper().readValue(rows.getString(2), StoredHandle.class));
                    }
                }
            } catch (JsonProcessingException e) {
                throw new StoreException("a stored handle of dispatch " + dispatchId + " is malformed: " + e.getMessage(), e);
            }
            int ended = execute(c, "UPDATE dispatches SET status = 'CANCELLED', cancel_requested = 1, error_message = ?, "
                    + "ended_at = ?, started_at = COALESCE(started_at, ?) WHERE id = ? AND status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')",
                    "cancelled while no process drove it", now.toEpochMilli(), now.toEpochMilli(), dispatchId);
            if (ended == 0) {
                return Optional.empty();
            }
            execute(c, "UPDATE nodes SET status = 'CANCELLED', error_type = COALESCE(error_type, 'Cancelled'), "
                    + "error_message = COALESCE(error_message, 'stopped: dispatch cancelled while no process drove it'), ended_at = ? "
                    + "WHERE dispatch_id = ? AND status = 'RUNNING'", now.toEpochMilli(), dispatchId);
            execute(c, "UPDATE nodes SET status = 'CANCELLED', error_type = COALESCE(error_type, 'NotRun'), "
                    + "error_message = COALESCE(error_message, 'dispatch cancelled'), ended_at = ? "
                    + "WHERE dispatch_id = ? AND status IN ('NEW', 'PENDING')", now.toEpochMilli(), dispatchId);
            execute(c, "DELETE FROM leases WHERE dispatch_id = ?", dispatchId);
            return Optional.of(running);
        });
    }

    /** Takes the lease of {@code dispatchId} for {@code owner} when it is free, expired or already {@code owner}'s. */
    public boolean tryAcquireLease(String dispatchId, String owner, Instant now, Instant expiry) {
        return database.write(c -> {
            Optional<Lease> current = reader.lease(c, dispatchId);
            if (current.isPresent() && !current.get().owner().equals(owner) && current.get().expiresAt().isAfter(now)) {
                return false;
            }
            upsertLease(c, dispatchId, owner, expiry);
            return true;
        });
    }

    /** Extends {@code owner}'s lease; false when it no longer holds it (another process took over). */
    public boolean renewLease(String dispatchId, String owner, Instant expiry) {
        return update("UPDATE leases SET expires_at = ? WHERE dispatch_id = ? AND owner = ?", expiry.toEpochMilli(), dispatchId, owner) > 0;
    }

    /** Hands the lease from {@code previous} to {@code owner}; false when {@code previous} no longer holds it. */
    public boolean replaceLease(String dispatchId, String previous, String owner, Instant expiry) {
        return update("UPDATE leases SET owner = ?, expires_at = ? WHERE dispatch_id = ? AND owner = ?", owner, expiry.toEpochMilli(),
                dispatchId, previous) > 0;
    }

    /** Gives up {@code owner}'s lease at once, so another process may take the dispatch over without waiting. */
    public void releaseLease(String dispatchId, String owner) {
        update("DELETE FROM leases WHERE dispatch_id = ? AND owner = ?", dispatchId, owner);
    }

    private static void upsertLease(Connection c, String dispatchId, String owner, Instant expiry) throws SQLException {
        execute(c, "INSERT INTO leases (dispatch_id, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT(dispatch_id) "
                + "DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at", dispatchId, owner, expiry.toEpochMilli());
    }

    private int update(String sql, Object... args) {
        return database.write(c -> execute(c, sql, args));
    }

    private static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else {
                    statement.setObject(i + 1, args[i]);
                }
            }
            return statement.executeUpdate();
        }
    }

    static String json(Object value) {
        try {
            return Wire.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode " + value.getClass().getSimpleName() + " for the results store: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        database.close();
    }

    /** The ids of the dispatches in {@code ids} whose cancellation was requested. */
    public List<String> cancelRequested(List<String> ids) {
        return reader.cancelRequested(ids);
    }
}
