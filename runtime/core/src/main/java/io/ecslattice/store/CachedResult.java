package io.ecslattice.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stored value another node may reuse: what an earlier run of the same code on the same inputs returned.
 *
 * @param output     the value
 * @param dispatchId the dispatch whose run produced it (for a value that was itself reused, where it first came from)
 */
public record CachedResult(JsonNode output, String dispatchId) {
}
