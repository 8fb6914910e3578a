package io.ecslattice.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read queries over the results store, safe to call from any thread and while other processes write. */
public final class StoreReader {

    private static final String SUMMARY_COLUMNS = "d.id, d.name, d.status, d.created_at, d.started_at, d.ended_at, "
            + "d.error_node, d.error_message, d.cancel_requested, "
            + "(SELECT count(*) FROM nodes n WHERE n.dispatch_id = d.id) AS total, "
            + "(SELECT count(*) FROM nodes n WHERE n.dispatch_id = d.id AND n.status IN ('NEW', 'PENDING')) AS waiting, "
            + "(SELECT count(*) FROM nodes n WHERE n.dispatch_id = d.id AND n.status = 'RUNNING') AS running, "
            + "(SELECT count(*) FROM nodes n WHERE n.dispatch_id = d.id AND n.status IN ('COMPLETED', 'CACHED')) AS completed, "
            + "(SELECT count(*) FROM nodes n WHERE n.dispatch_id = d.id AND n.status = 'FAILED') AS failed, "
            + "(SELECT count(*) FROM nodes n WHERE n.dispatch_id = d.id AND n.status = 'CANCELLED') AS cancelled";

    private final Database database;

    StoreReader(Database database) {
        this.database = database;
    }

    /** Dispatches newest first, {@code limit} of them after skipping {@code offset}, with node counts. */
    public List<DispatchSummary> listDispatches(int limit, int offset) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + SUMMARY_COLUMNS
                    + " FROM dispatches d ORDER BY d.created_at DESC, d.rowid DESC LIMIT ? OFFSET ?")) {
                query.setInt(1, limit);
                query.setInt(2, offset);
                List<DispatchSummary> page = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        page.add(summary(rows));
                    }
                }
                return page;
            }
        });
    }

    /** One dispatch's row with node counts. */
    public Optional<DispatchSummary> dispatch(String id) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM dispatches d WHERE d.id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(summary(rows)) : Optional.empty();
                }
            }
        });
    }

    /** A dispatch with its nodes (without payloads) and edges. */
    public Optional<DispatchDetail> detail(String id) {
        Optional<DispatchSummary> summary = dispatch(id);
        if (summary.isEmpty()) {
            return Optional.empty();
        }
        return database.read(c -> {
            JsonNode output = null;
            String outputType = null;
            try (PreparedStatement query = c.prepareStatement("SELECT output_json, output_type FROM dispatches WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        output = tree(rows.getString(1));
                        outputType = rows.getString(2);
                    }
                }
            }
            List<NodeSummary> nodes = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT node_id, name, status, executor, attempt, pending_at, "
                    + "started_at, ended_at, error_type, cached_from, group_name, parent_id FROM nodes WHERE dispatch_id = ? ORDER BY seq")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        nodes.add(new NodeSummary(rows.getString(1), rows.getString(2), Status.valueOf(rows.getString(3)),
                                rows.getString(4), rows.getInt(5), instant(rows, 6), instant(rows, 7), instant(rows, 8), rows.getString(9),
                                rows.getString(10), rows.getString(11), rows.getString(12)));
                    }
                }
            }
            List<Edge> edges = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT from_node, to_node, arg_index FROM edges WHERE dispatch_id = ? ORDER BY to_node, arg_index")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        edges.add(new Edge(rows.getString(1), rows.getString(2), rows.getInt(3)));
                    }
                }
            }
            return Optional.of(new DispatchDetail(summary.get(), output, outputType, nodes, edges));
        });
    }

    /** Everything stored about one node. */
    public Optional<NodeRecord> node(String dispatchId, String nodeId) {
        return nodes(dispatchId, nodeId).stream().findFirst();
    }

    /** Everything stored about every node of a dispatch, in creation order. */
    public List<NodeRecord> nodes(String dispatchId) {
        return nodes(dispatchId, null);
    }

    /** Every node's executor details (an ECS taskArn, a child JVM's pid) by node id, without reading payloads. */
    public Map<String, Map<String, String>> nodeDetails(String dispatchId) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT node_id, details_json FROM nodes WHERE dispatch_id = ? AND details_json IS NOT NULL")) {
                query.setString(1, dispatchId);
                Map<String, Map<String, String>> details = new HashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        details.put(rows.getString(1), read(rows.getString(2), new TypeReference<Map<String, String>>() { }));
                    }
                }
                return details;
            }
        });
    }

    /** The graph, arguments and classpath a process needs to take a dispatch over. */
    public Optional<StoredDispatch> stored(String id) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT graph_json, args_json, classpath_json, redispatch_of FROM dispatches WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    List<String> classpath = read(rows.getString(3), new TypeReference<List<String>>() { });
                    return Optional.of(new StoredDispatch(id, rows.getString(1), rows.getString(2), classpath, rows.getString(4)));
                }
            }
        });
    }

    /**
     * A value stored under {@code cacheKey} that a node may reuse: from dispatch {@code previous} (a
     * redispatch reuses whatever it has), or else from any run that ended at or after {@code notBefore}
     * (per-electron caching with an expiry). Either may be null to skip that source.
     */
    public Optional<CachedResult> reusable(String cacheKey, String previous, Instant notBefore) {
        return database.read(c -> {
            if (previous != null) {
                try (PreparedStatement query = c.prepareStatement("SELECT output_json, COALESCE(cached_from, dispatch_id) FROM nodes "
                        + "WHERE cache_key = ? AND dispatch_id = ? AND status IN ('COMPLETED', 'CACHED') LIMIT 1")) {
                    query.setString(1, cacheKey);
                    query.setString(2, previous);
                    Optional<CachedResult> found = cached(query);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            if (notBefore == null) {
                return Optional.empty();
            }
            // Only a run counts toward the expiry: a reuse does not make the value younger.
            try (PreparedStatement query = c.prepareStatement("SELECT output_json, dispatch_id FROM nodes "
                    + "WHERE cache_key = ? AND status = 'COMPLETED' AND ended_at >= ? ORDER BY ended_at DESC LIMIT 1")) {
                query.setString(1, cacheKey);
                query.setLong(2, notBefore.toEpochMilli());
                return cached(query);
            }
        });
    }

    private static Optional<CachedResult> cached(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(new CachedResult(tree(rows.getString(1)), rows.getString(2))) : Optional.empty();
        }
    }

    /** The current lease of a dispatch, if any process holds or held one. */
    public Optional<Lease> lease(String dispatchId) {
        return database.read(c -> lease(c, dispatchId));
    }

    Optional<Lease> lease(Connection c, String dispatchId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT owner, expires_at FROM leases WHERE dispatch_id = ?")) {
            query.setString(1, dispatchId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Lease(dispatchId, rows.getString(1), Instant.ofEpochMilli(rows.getLong(2))))
                        : Optional.empty();
            }
        }
    }

    Map<String, String> details(Connection c, String dispatchId, String nodeId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT details_json FROM nodes WHERE dispatch_id = ? AND node_id = ?")) {
            query.setString(1, dispatchId);
            query.setString(2, nodeId);
            try (ResultSet rows = query.executeQuery()) {
                String json = rows.next() ? rows.getString(1) : null;
                return json == null ? Map.of() : read(json, new TypeReference<Map<String, String>>() { });
            }
        }
    }

    /** Every ended attempt of a node, first first. */
    public List<AttemptRecord> attempts(String dispatchId, String nodeId) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT attempt, status, cause, error_type, error_message, error_stack, "
                    + "details_json, started_at, ended_at, next FROM attempts WHERE dispatch_id = ? AND node_id = ? ORDER BY attempt")) {
                query.setString(1, dispatchId);
                query.setString(2, nodeId);
                List<AttemptRecord> attempts = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        TaskError error = rows.getString(4) == null ? null
                                : new TaskError(rows.getString(4), rows.getString(5), rows.getString(6));
                        String details = rows.getString(7);
                        attempts.add(new AttemptRecord(rows.getInt(1), Status.valueOf(rows.getString(2)), rows.getString(3), error,
                                details == null ? Map.of() : read(details, new TypeReference<Map<String, String>>() { }),
                                instant(rows, 8), instant(rows, 9), rows.getString(10)));
                    }
                }
                return attempts;
            }
        });
    }

    List<String> cancelRequested(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return database.read(c -> {
            String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id FROM dispatches WHERE cancel_requested = 1 AND id IN (" + marks + ")")) {
                for (int i = 0; i < ids.size(); i++) {
                    query.setString(i + 1, ids.get(i));
                }
                List<String> found = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
                return found;
            }
        });
    }

    private List<NodeRecord> nodes(String dispatchId, String nodeId) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT node_id, name, status, executor, attempt, class_name, "
                    + "method_name, inputs_json, output_json, error_type, error_message, error_stack, stdout, stderr, handle_json, "
                    + "details_json, pending_at, started_at, ended_at, cached_from, group_name, parent_id FROM nodes WHERE dispatch_id = ?"
                    + (nodeId == null ? "" : " AND node_id = ?") + " ORDER BY seq")) {
                query.setString(1, dispatchId);
                if (nodeId != null) {
                    query.setString(2, nodeId);
                }
                List<NodeRecord> nodes = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        TaskError error = rows.getString(10) == null ? null
                                : new TaskError(rows.getString(10), rows.getString(11), rows.getString(12));
                        String handle = rows.getString(15);
                        String details = rows.getString(16);
                        nodes.add(new NodeRecord(dispatchId, rows.getString(1), rows.getString(2), Status.valueOf(rows.getString(3)),
                                rows.getString(4), rows.getInt(5), rows.getString(6), rows.getString(7), tree(rows.getString(8)),
                                tree(rows.getString(9)), error, nullToEmpty(rows.getString(13)), nullToEmpty(rows.getString(14)),
                                handle == null ? null : read(handle, new TypeReference<StoredHandle>() { }),
                                details == null ? Map.of() : read(details, new TypeReference<Map<String, String>>() { }),
                                instant(rows, 17), instant(rows, 18), instant(rows, 19), rows.getString(20), rows.getString(21),
                                rows.getString(22)));
                    }
                }
                return nodes;
            }
        });
    }

    private static DispatchSummary summary(ResultSet rows) throws SQLException {
        NodeCounts counts = new NodeCounts(rows.getInt("total"), rows.getInt("waiting"), rows.getInt("running"),
                rows.getInt("completed"), rows.getInt("failed"), rows.getInt("cancelled"));
        return new DispatchSummary(rows.getString("id"), rows.getString("name"), Status.valueOf(rows.getString("status")),
                instant(rows, "created_at"), instant(rows, "started_at"), instant(rows, "ended_at"), counts,
                rows.getString("error_node"), rows.getString("error_message"), rows.getInt("cancel_requested") != 0);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static JsonNode tree(String json) {
        return json == null ? null : read(json, new TypeReference<JsonNode>() { });
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Wire.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new StoreException("results store holds malformed JSON (" + e.getMessage() + "): " + json, e);
        }
    }
}
