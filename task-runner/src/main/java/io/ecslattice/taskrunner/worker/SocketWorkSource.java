package io.ecslattice.taskrunner.worker;

import io.ecslattice.wire.TaskSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The worker side of the local pool: connects to the executor's {@link SocketWorkServer} on 127.0.0.1 and
 * receives the items it pushes. When the executor goes away (the connection ends), receives fail with
 * {@link ClosedWorkSourceException}, so an orphaned worker JVM finishes what it runs and exits.
 */
public final class SocketWorkSource implements WorkSource {

    /**
     * The file written next to an item's {@code file:} result before it runs, holding the worker's pid: a
     * process that takes over from a dead executor reads it to tell an electron that began (await its result)
     * from one its JVM never started (safe to run again).
     */
    public static final String STARTED_MARKER = "started";

    private final Socket socket;
    private final Writer out;
    private final PrintStream log;
    private final BlockingQueue<SocketMessage> queue = new LinkedBlockingQueue<>();
    private final Map<String, Runnable> cancels = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cancelledBeforeStart = new ConcurrentHashMap<>();
    private volatile boolean ended;

    /** Connects to {@code address}, introduces itself as {@code workerId} and starts reading. */
    public SocketWorkSource(InetSocketAddress address, String workerId, PrintStream log) throws IOException {
        this.log = log;
        this.socket = new Socket();
        socket.connect(address, 10_000);
        socket.setTcpNoDelay(true);
        this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        send(new SocketMessage(SocketMessage.Type.HELLO, null, null, null, workerId, ProcessHandle.current().pid()));
        Thread reader = new Thread(this::read, "ecs-lattice-worker-socket");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                SocketMessage message = SocketMessage.parse(line);
                switch (message.type()) {
                    case WORK -> queue.add(message);
                    case CANCEL -> cancel(message.id());
                    default -> log.println("ecs-lattice worker: ignoring unexpected " + message.type() + " from the executor");
                }
            }
        } catch (IOException e) {
            log.println("ecs-lattice worker: connection to the executor broke: " + e);
        } finally {
            ended = true;
        }
    }

    private void cancel(String id) {
        Runnable stop = cancels.get(id);
        if (stop != null) {
            stop.run();
        } else {
            // Not started yet (or already done): it must not start; receive drops it.
            cancelledBeforeStart.put(id, true);
        }
    }

    @Override
    public List<WorkItem> receive(int max, Duration wait) throws IOException, InterruptedException {
        List<SocketMessage> messages = new ArrayList<>();
        SocketMessage first = queue.poll(ended ? 0 : wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            if (ended) {
                throw new ClosedWorkSourceException("the executor closed the connection to this worker");
            }
            return List.of();
        }
        messages.add(first);
        queue.drainTo(messages, max - 1);
        List<WorkItem> items = new ArrayList<>();
        for (SocketMessage message : messages) {
            if (cancelledBeforeStart.remove(message.id()) != null) {
                send(SocketMessage.of(SocketMessage.Type.RELEASE, message.id()));
                continue;
            }
            markStarted(message.spec());
            try {
                send(SocketMessage.of(SocketMessage.Type.STARTED, message.id()));
            } catch (IOException e) {
                // The executor closed: the item still runs, so its result is written where a takeover reads it.
                log.println("ecs-lattice worker: cannot tell the executor that " + message.id() + " started (" + e
                        + "); running it anyway");
            }
            items.add(new Item(message));
        }
        return items;
    }

    /** Writes {@link #STARTED_MARKER} beside a local result file; it must exist before the electron begins. */
    private void markStarted(TaskSpec spec) throws IOException {
        URI result = URI.create(spec.resultUri());
        if ("file".equals(result.getScheme())) {
            Files.writeString(Path.of(result).resolveSibling(STARTED_MARKER), Long.toString(ProcessHandle.current().pid()));
        }
    }

    /** Closes the connection; items the executor pushed but the worker never took are handed back first. */
    @Override
    public void close() {
        List<SocketMessage> left = new ArrayList<>();
        queue.drainTo(left);
        try {
            for (SocketMessage message : left) {
                send(SocketMessage.of(SocketMessage.Type.RELEASE, message.id()));
            }
        } catch (IOException e) {
            // The executor is gone: it reassigns what this worker never started when it sees the JVM exit.
        }
        try {
            socket.close();
        } catch (IOException e) {
            log.println("ecs-lattice worker: closing the connection failed: " + e);
        }
    }

    private synchronized void send(SocketMessage message) throws IOException {
        out.write(message.toLine());
        out.write('\n');
        out.flush();
    }

    private final class Item implements WorkItem {
        private final SocketMessage message;

        Item(SocketMessage message) {
            this.message = message;
        }

        @Override
        public TaskSpec spec() {
            return message.spec();
        }

        @Override
        public String codeVersion() {
            return message.codeVersion();
        }

        @Override
        public void ack() throws IOException {
            cancels.remove(message.id());
            send(SocketMessage.of(SocketMessage.Type.ACK, message.id()));
        }

        /** The executor watches the JVM itself; there is no visibility timeout to extend. */
        @Override
        public void keepAlive() {
        }

        @Override
        public void release() throws IOException {
            cancels.remove(message.id());
            send(SocketMessage.of(SocketMessage.Type.RELEASE, message.id()));
        }

        @Override
        public void onCancel(Runnable stop) {
            cancels.put(message.id(), stop);
            if (cancelledBeforeStart.remove(message.id()) != null) {
                stop.run();
            }
        }
    }
}
