package io.ecslattice.taskrunner.worker;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Opens the {@link WorkSource} a worker's {@link WorkerMain#ENV_WORK_SOURCE} names, by URI scheme.
 * {@code tcp} (the local pool's {@link SocketWorkSource}) is built in; others (an SQS queue) are found
 * with {@link java.util.ServiceLoader}, so the task runner carries no client it does not use.
 */
public interface WorkSourceProvider {

    /** The URI scheme served, e.g. {@code tcp}. */
    String scheme();

    /** Opens the source at {@code uri} for this worker; {@code env} is the worker's environment. */
    WorkSource open(URI uri, Map<String, String> env) throws IOException;
}
