package io.ecslattice.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON API behind the pages: list, dispatch, node, value downloads and cancel. */
final class DispatchApi {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 500;

    private final UiSource source;
    private final ObjectMapper mapper;

    DispatchApi(UiSource source, ObjectMapper mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    /** {@code GET /api/dispatches?offset=&limit=}: newest first. */
    void list(Context ctx) {
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        ctx.json(source.dispatches(offset, limit));
    }

    /** {@code GET /api/dispatches/{id}}: the dispatch with its nodes and edges. */
    void dispatch(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(source.dispatch(id).orElseThrow(() -> noDispatch(id)));
    }

    /** {@code GET /api/dispatches/{id}/nodes/{node}[?preview=N]}: one node; with preview, long values cut to N chars. */
    void node(Context ctx) {
        NodeView node = findNode(ctx);
        String preview = ctx.queryParam("preview");
        if (preview != null) {
            node = truncated(node, intParam(ctx, "preview", 0, 1, Integer.MAX_VALUE));
        }
        ctx.json(node);
    }

    /** {@code GET /api/dispatches/{id}/nodes/{node}/inputs} or {@code /output}: the whole value as a JSON file. */
    void download(Context ctx, String field) {
        NodeView node = findNode(ctx);
        JsonNode value = field.equals("inputs") ? node.inputs() : node.output();
        String fileName = (node.dispatchId() + "-" + node.node().id() + "-" + field + ".json")
                .replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.contentType("application/json").result(pretty(value));
    }

    /** {@code POST /api/dispatches/{id}/cancel}. */
    void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        CancelResult result = source.cancel(id).orElseThrow(() -> noDispatch(id));
        ctx.status(result.accepted() ? 202 : 409).json(result);
    }

    private NodeView findNode(Context ctx) {
        String id = ctx.pathParam("id");
        String nodeId = ctx.pathParam("node");
        return source.node(id, nodeId).orElseThrow(() -> source.dispatch(id).isPresent()
                ? new ApiException(404, "dispatch " + id + " has no node " + nodeId)
                : noDispatch(id));
    }

    private NodeView truncated(NodeView node, int maxChars) {
        Map<String, Integer> cut = new LinkedHashMap<>();
        JsonNode inputs = cutTo(node.inputs(), maxChars, "inputs", cut);
        JsonNode output = cutTo(node.output(), maxChars, "output", cut);
        return new NodeView(node.dispatchId(), node.node(), inputs, output, node.error(),
                node.stdout(), node.stderr(), node.details(), cut, node.attempts());
    }

    /** A value whose pretty form is longer than maxChars becomes a string holding its first maxChars characters. */
    private JsonNode cutTo(JsonNode value, int maxChars, String field, Map<String, Integer> cut) {
        if (value == null) {
            return null;
        }
        String text = pretty(value);
        if (text.length() <= maxChars) {
            return value;
        }
        cut.put(field, text.length());
        return TextNode.valueOf(text.substring(0, maxChars));
    }

    private String pretty(JsonNode value) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ApiException(500, "cannot print a stored value as JSON: " + e.getOriginalMessage());
        }
    }

    private static ApiException noDispatch(String id) {
        return new ApiException(404, "no dispatch with id " + id);
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below with what is valid
        }
        throw new ApiException(400, name + "=" + raw + " is not valid; valid: a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max));
    }
}
