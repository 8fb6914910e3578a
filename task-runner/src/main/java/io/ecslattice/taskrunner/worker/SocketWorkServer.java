package io.ecslattice.taskrunner.worker;

import io.ecslattice.wire.TaskSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The executor side of the local pool: listens on 127.0.0.1, accepts one connection per worker JVM
 * ({@link SocketWorkSource}), pushes items to a chosen worker and reports what workers say to a
 * {@link Listener}. Which worker gets which item is the caller's choice.
 */
public final class SocketWorkServer implements AutoCloseable {

    /** What the workers say; called on each connection's reader thread. */
    public interface Listener {
        /** A worker JVM connected and introduced itself. */
        void connected(Connection worker);

        /** The worker took item {@code id} and runs it. */
        void started(Connection worker, String id);

        /** Item {@code id}'s result is stored. */
        void acknowledged(Connection worker, String id);

        /** The worker handed item {@code id} back unrun (or cancelled before it started). */
        void released(Connection worker, String id);

        /** The connection ended: the worker exited or is exiting. */
        void disconnected(Connection worker);
    }

    private final ServerSocket server;
    private final Listener listener;

    /** Listens on an ephemeral port of 127.0.0.1. */
    public SocketWorkServer(Listener listener) throws IOException {
        this.listener = listener;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "ecs-lattice-pool-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The URI a worker is given to connect here, e.g. {@code tcp://127.0.0.1:40123}. */
    public URI uri() {
        InetSocketAddress address = (InetSocketAddress) server.getLocalSocketAddress();
        return URI.create("tcp://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread reader = new Thread(() -> serve(socket), "ecs-lattice-pool-worker-" + socket.getPort());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                // Closed: the loop ends. Otherwise one failed accept does not stop the pool.
            }
        }
    }

    private void serve(Socket socket) {
        Connection connection = null;
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String first = in.readLine();
            if (first == null) {
                return;
            }
            SocketMessage hello = SocketMessage.parse(first);
            if (hello.type() != SocketMessage.Type.HELLO || hello.workerId() == null || hello.pid() == null) {
                return;
            }
            connection = new Connection(socket, hello.workerId(), hello.pid());
            listener.connected(connection);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                SocketMessage message = SocketMessage.parse(line);
                switch (message.type()) {
                    case STARTED -> listener.started(connection, message.id());
                    case ACK -> listener.acknowledged(connection, message.id());
                    case RELEASE -> listener.released(connection, message.id());
                    default -> {
                        // HELLO twice or an executor-side message: a confused peer; ignore it.
                    }
                }
            }
        } catch (IOException e) {
            // The worker died or closed: reported below.
        } finally {
            if (connection != null) {
                listener.disconnected(connection);
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Nothing to do: the port is released either way.
        }
    }

    /** One worker JVM's connection. */
    public static final class Connection {
        private final Socket socket;
        private final Writer out;
        private final String workerId;
        private final long pid;

        Connection(Socket socket, String workerId, long pid) throws IOException {
            this.socket = socket;
            this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            this.workerId = workerId;
            this.pid = pid;
        }

        /** The id the executor gave the worker when it started the JVM. */
        public String workerId() {
            return workerId;
        }

        /** The worker JVM's process id, as it said. */
        public long pid() {
            return pid;
        }

        /** Pushes item {@code id} to the worker. */
        public void send(String id, String codeVersion, TaskSpec spec) throws IOException {
            write(new SocketMessage(SocketMessage.Type.WORK, id, codeVersion, spec, null, null));
        }

        /** Asks the worker to interrupt item {@code id}, or to drop it if it has not started. */
        public void cancel(String id) throws IOException {
            write(SocketMessage.of(SocketMessage.Type.CANCEL, id));
        }

        /** Ends the connection; the worker finishes what it runs and exits. */
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
        }

        private synchronized void write(SocketMessage message) throws IOException {
            out.write(message.toLine());
            out.write('\n');
            out.flush();
        }
    }
}
