package io.ecslattice.executor.local;

import io.ecslattice.taskrunner.worker.SocketWorkServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One warm child JVM of the local pool: its process, its connection once it said hello, the electrons
 * given to it, and its log files. Guarded by the {@link WorkerPoolRunner} that owns it.
 */
final class WorkerJvm {

    final String id;
    final String version;
    final Process process;
    final Path dir;
    /** Tasks given to this JVM and not yet finished, in the order given. */
    final Set<PoolTask> tasks = new LinkedHashSet<>();
    /** Tasks given before the JVM connected: sent when it does. */
    private final List<PoolTask> unsent = new ArrayList<>();
    private SocketWorkServer.Connection connection;
    /** No new work: the JVM is exiting (idle, version change) or being stopped. */
    boolean retiring;
    boolean disconnected;
    Integer exitCode;
    int electronsRun;

    WorkerJvm(String id, String version, Process process, Path dir) {
        this.id = id;
        this.version = version;
        this.process = process;
        this.dir = dir;
    }

    boolean connected() {
        return connection != null;
    }

    /** Gives {@code task} to this JVM: sent now if it is connected, else when it connects. */
    void give(PoolTask task) throws IOException {
        tasks.add(task);
        task.worker = this;
        if (connection == null) {
            unsent.add(task);
        } else {
            connection.send(task.id, version, task.spec);
        }
    }

    /** The JVM said hello: sends what waited for it. */
    void connect(SocketWorkServer.Connection newConnection) throws IOException {
        connection = newConnection;
        for (PoolTask task : unsent) {
            connection.send(task.id, version, task.spec);
        }
        unsent.clear();
    }

    /** Takes back {@code task} if it was never sent; true when it was still waiting here. */
    boolean takeBackUnsent(PoolTask task) {
        if (unsent.remove(task)) {
            tasks.remove(task);
            return true;
        }
        return false;
    }

    void cancel(PoolTask task) throws IOException {
        connection.cancel(task.id);
    }

    /** Ends the connection so the JVM finishes what it runs and exits; one that never connected is stopped. */
    void retire() {
        retiring = true;
        if (connection != null) {
            connection.close();
        } else {
            process.destroy();
        }
    }

    /** Exited and its connection (if it ever had one) has delivered everything the JVM said. */
    boolean gone() {
        return exitCode != null && (connection == null || disconnected);
    }

    int load() {
        return tasks.size();
    }
}
