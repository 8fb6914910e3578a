package io.ecslattice.taskrunner.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.util.Objects;

/**
 * One line of the local worker protocol between an executor ({@link SocketWorkServer}) and a worker JVM
 * ({@link SocketWorkSource}) over a TCP connection on 127.0.0.1: JSON, one message per line.
 * Worker to executor: {@code HELLO} (workerId, pid) once, then {@code STARTED}, {@code ACK}, {@code RELEASE}
 * per item. Executor to worker: {@code WORK} (id, codeVersion, spec) and {@code CANCEL} (id).
 *
 * @param type        what the message says
 * @param id          the work item's id (not in HELLO)
 * @param codeVersion WORK: the code version the item needs
 * @param spec        WORK: the electron to run
 * @param workerId    HELLO: the id the executor gave the JVM
 * @param pid         HELLO: the worker JVM's process id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SocketMessage(Type type, String id, String codeVersion, TaskSpec spec, String workerId, Long pid) {

    /** The kinds of message. */
    public enum Type { HELLO, WORK, CANCEL, STARTED, ACK, RELEASE }

    public SocketMessage {
        Objects.requireNonNull(type, "type");
    }

    static SocketMessage of(Type type, String id) {
        return new SocketMessage(type, id, null, null, null, null);
    }

    /** The message as one line of JSON, without the line break. */
    String toLine() throws IOException {
        return Wire.mapper().writeValueAsString(this);
    }

    static SocketMessage parse(String line) throws IOException {
        return Wire.mapper().readValue(line, SocketMessage.class);
    }
}
