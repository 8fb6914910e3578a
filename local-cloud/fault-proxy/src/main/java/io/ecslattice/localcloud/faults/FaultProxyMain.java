package io.ecslattice.localcloud.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the fault proxy in the foreground until it is interrupted.
 *
 * <pre>java -cp ... io.ecslattice.localcloud.faults.FaultProxyMain [listen-port] [upstream-url]</pre>
 * Defaults: port 4567, upstream {@code http://127.0.0.1:4566}. The plan is the JSON of {@link FaultPlan}
 * in env {@code ECS_LATTICE_FAULTS}, or in the file named by {@code ECS_LATTICE_FAULTS_FILE}; without
 * either, everything is forwarded (a plan can still be posted to {@code /__faults/plan}).
 * Clients then use {@code AWS_ENDPOINT_URL=http://127.0.0.1:4567}.
 */
public final class FaultProxyMain {

    /** Env var with the plan's JSON. */
    public static final String ENV_PLAN = "ECS_LATTICE_FAULTS";
    /** Env var with the path of a file holding the plan's JSON. */
    public static final String ENV_PLAN_FILE = "ECS_LATTICE_FAULTS_FILE";

    private FaultProxyMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4567;
        URI upstream = URI.create(args.length > 1 ? args[1] : "http://127.0.0.1:4566");
        FaultPlan plan = planFromEnvironment();
        CountDownLatch stopped = new CountDownLatch(1);
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", port), upstream, plan)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.out.println("fault proxy on " + proxy.endpoint() + " -> " + upstream + "; plan: " + plan);
            System.out.println("use: export AWS_ENDPOINT_URL=" + proxy.endpoint());
            stopped.await();
        }
    }

    static FaultPlan planFromEnvironment() throws IOException {
        String inline = System.getenv(ENV_PLAN);
        String file = System.getenv(ENV_PLAN_FILE);
        if (inline != null && !inline.isBlank()) {
            return FaultPlan.parse(inline);
        }
        if (file != null && !file.isBlank()) {
            return FaultPlan.parse(Files.readString(Path.of(file)));
        }
        return FaultPlan.none();
    }
}
