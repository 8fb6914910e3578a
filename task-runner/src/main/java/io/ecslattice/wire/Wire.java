package io.ecslattice.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Constants and the one JSON mapper of the wire format shared by the runtime and the task runner. */
public final class Wire {
    /** Bumped whenever {@link TaskSpec} or {@link TaskResult} change incompatibly. */
    public static final int VERSION = 1;

    /** Bound on captured stdout and stderr each, so a chatty electron cannot blow up a result object. */
    public static final int MAX_CAPTURED_CHARS = 64 * 1024;

    /** Appended to captured output that was cut at {@link #MAX_CAPTURED_CHARS}. */
    public static final String TRUNCATION_MARKER = "\n[... output truncated by ecs-lattice ...]\n";

    /** Environment variable holding the task spec inline (small specs). */
    public static final String ENV_SPEC = "ECS_LATTICE_TASK_SPEC";

    /** Environment variable holding the URI of the task spec ({@code s3://} or {@code file://}) when it was too large to inline. */
    public static final String ENV_SPEC_URI = "ECS_LATTICE_TASK_SPEC_URI";

    /**
     * Environment variable of a local JVM started ahead of its task: how many milliseconds it waits for the
     * spec file that {@link #ENV_SPEC_URI} names.
     */
    public static final String ENV_SPEC_WAIT_MS = "ECS_LATTICE_TASK_SPEC_WAIT_MS";

    /** Environment variable of a local JVM started ahead: the pid of the executor's process, so it can tell it is orphaned. */
    public static final String ENV_SPEC_PARENT_PID = "ECS_LATTICE_TASK_SPEC_PARENT_PID";

    /** Results up to this size travel inside the completion message; larger ones only as their object. */
    public static final int MAX_INLINE_RESULT_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Wire() {
    }

    /** The mapper used for specs, results and argument values; configured once, shared, thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
