package io.ecslattice.ui;

import io.ecslattice.dispatch.DispatchClient;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ui}: serves the web UI over the results store until the process is stopped. */
@Command(name = "ui", mixinStandardHelpOptions = true, description = "Serves the web UI: every dispatch in the results store, live, with its graph, "
        + "its nodes' inputs, outputs, errors and logs, and a cancel button. Runs until stopped with Ctrl-C.")
public final class UiCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N",
            description = "port to listen on; 0 picks a free one (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "address to listen on (default ${DEFAULT-VALUE}); on any but a loopback address, "
                    + "every request must carry the token printed at start")
    String bind;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        DispatchClient client = DispatchClient.open();
        UiServer server = UiServer.start(new StoreUiSource(client, Clock.systemUTC()), bind, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            client.close();
            stopped.countDown();
        }, "ecs-lattice-ui-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("ecs-lattice UI for results store " + client.location());
        out.println("open " + server.browserUri());
        server.token().ifPresent(token -> out.println("token (send as 'Authorization: Bearer <token>'): " + token));
        out.println("stop with Ctrl-C");
        out.flush();
        stopped.await();
        return 0;
    }

    /** Usage errors (exit code 2) before anything starts. */
    private void checkOptions() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port=" + port + " is not valid; valid: 0 (any free port) to 65535");
        }
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--bind=" + bind + " does not resolve to an address: " + e.getMessage());
        }
    }
}
