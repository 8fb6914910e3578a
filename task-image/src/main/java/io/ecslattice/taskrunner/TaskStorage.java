package io.ecslattice.taskrunner;

import java.io.IOException;
import java.net.URI;

/**
 * Reads and writes the objects a task exchanges with the process that started it (its spec, its
 * result) for one URI scheme. {@code file} is built in; other schemes (such as {@code s3}) are found
 * with {@link java.util.ServiceLoader}, so the task runner carries no cloud code it does not need.
 */
public interface TaskStorage {

    /** The URI scheme this storage serves, e.g. {@code file} or {@code s3}. */
    String scheme();

    /** The bytes at {@code uri}; fails when there is no object there. */
    byte[] read(URI uri) throws IOException;

    /** Stores {@code bytes} at {@code uri} so that a reader sees either nothing or all of them. */
    void write(URI uri, byte[] bytes) throws IOException;
}
