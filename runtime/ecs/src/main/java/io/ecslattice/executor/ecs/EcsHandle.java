package io.ecslattice.executor.ecs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecslattice.executor.TaskHandle;
import io.ecslattice.wire.Wire;
import java.util.Map;

/**
 * What the ECS executor needs to find an electron it started again, in this process or after a takeover: a
 * {@link TaskModeHandle} or a {@link PoolModeHandle}. Its one JSON form is the stored {@link TaskHandle}'s details
 * (flat, string-valued, shown by the CLI and UI as they are); a pool handle says {@code "mode": "pool"}, a task handle
 * says nothing, as handles stored before these types did, so those are read back alike.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "mode",
        defaultImpl = TaskModeHandle.class)
@JsonSubTypes({@JsonSubTypes.Type(value = TaskModeHandle.class, name = "task"),
        @JsonSubTypes.Type(value = PoolModeHandle.class, name = "pool")})
@JsonInclude(JsonInclude.Include.NON_NULL)
sealed interface EcsHandle permits TaskModeHandle, PoolModeHandle {

    /** The executor's own id of the electron: the task's ARN, or {@code pool:<dispatch>/<node>/<attempt>}. */
    String ref();

    /** The handle the dispatcher stores. */
    default TaskHandle toTaskHandle(String executorName) {
        return new TaskHandle(executorName, ref(), Json.details(this));
    }

    /** The handle's JSON form, as stored. */
    default Map<String, String> details() {
        return Json.details(this);
    }

    /** The handle {@code stored} holds, of the mode that made it. */
    static EcsHandle of(TaskHandle stored) {
        return Json.MAPPER.convertValue(stored.details(), EcsHandle.class);
    }

    /** Converts between the handle records and their stored string map. */
    final class Json {
        private static final ObjectMapper MAPPER = Wire.mapper();
        private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
        };

        private Json() {
        }

        static Map<String, String> details(EcsHandle handle) {
            return MAPPER.convertValue(handle, DETAILS);
        }
    }
}
