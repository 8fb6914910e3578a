package io.ecslattice.executor.ecs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * An electron sent to a pool's work queue ({@link PoolMode}); enough to await its completion after a takeover
 * (its completion queue, its result object) and to start workers for it again (task definition, code version).
 *
 * @param workQueue       the pool shape's work queue URL
 * @param completionQueue the dispatch's completion queue URL
 * @param resultUri       where its worker writes the result
 * @param cancelUri       the object whose presence tells its worker to stop it
 * @param taskDefinition  the workers' task definition
 * @param codeVersion     the image the electron's code is in: a worker of another image hands it back
 * @param logGroup        where the workers log
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PoolModeHandle(String dispatchId, String nodeId, int attempt, String workQueue, String completionQueue,
                      String resultUri, String cancelUri, String taskDefinition, String codeVersion, String logGroup)
        implements EcsHandle {

    PoolModeHandle {
        Objects.requireNonNull(dispatchId, "dispatchId");
        Objects.requireNonNull(nodeId, "nodeId");
    }

    /** The discriminator of the JSON form ({@link EcsHandle}). */
    @JsonProperty("mode")
    String mode() {
        return "pool";
    }

    /** The electron's key among its dispatch's completions ({@link CompletionInbox#key}). */
    @JsonIgnore
    String key() {
        return CompletionInbox.key(dispatchId, nodeId, attempt);
    }

    @JsonIgnore
    @Override
    public String ref() {
        return "pool:" + key();
    }
}
