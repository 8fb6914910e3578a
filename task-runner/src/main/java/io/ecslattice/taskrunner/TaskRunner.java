package io.ecslattice.taskrunner;

import io.ecslattice.taskrunner.worker.WorkerMain;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The entrypoint of a task's JVM (a local child process or an ECS container): reads the task spec from
 * {@link Wire#ENV_SPEC} or {@link Wire#ENV_SPEC_URI}, runs the electron and writes its
 * {@link TaskResult} to the spec's result URI. With {@link WorkerMain#ENV_WORK_SOURCE} set it is a pool
 * worker instead and runs many electrons ({@link WorkerMain}). Exit codes: 0 the electron returned, 1 it failed (or
 * its result could not be written), 2 the spec could not be read.
 */
public final class TaskRunner {

    /** Exit code when the electron returned normally and its result was written. */
    public static final int EXIT_OK = 0;
    /** Exit code when the electron threw, or its result could not be stored. */
    public static final int EXIT_FAILED = 1;
    /** Exit code when there was no readable task spec. */
    public static final int EXIT_BAD_SPEC = 2;

    private TaskRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv()));
    }

    /** Runs the task the environment describes and returns the process exit code. */
    static int run(Map<String, String> env) {
        if (WorkerMain.wanted(env)) {
            return WorkerMain.run(env);
        }
        TaskSpec spec;
        try {
            if (!StandbyWait.awaitSpec(env)) {
                return EXIT_BAD_SPEC;
            }
            spec = readSpec(env);
        } catch (IOException | RuntimeException e) {
            System.err.println("ecs-lattice task runner: cannot read the task spec: " + e.getMessage());
            return EXIT_BAD_SPEC;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_BAD_SPEC;
        }
        if (spec.wireVersion() != Wire.VERSION) {
            System.err.println("ecs-lattice task runner: task spec has wire version " + spec.wireVersion()
                    + " but this runner speaks version " + Wire.VERSION + "; rebuild the task image");
            return EXIT_BAD_SPEC;
        }
        TaskResult result = new StagedInvoker(new ElectronInvoker(Thread.currentThread().getContextClassLoader()), System.err)
                .invoke(spec);
        try {
            URI uri = URI.create(spec.resultUri());
            TaskStorages.forUri(uri).write(uri, Wire.mapper().writeValueAsBytes(result));
        } catch (IOException | RuntimeException e) {
            System.err.println("ecs-lattice task runner: cannot write the result to " + spec.resultUri() + ": " + e);
            return EXIT_FAILED;
        }
        return result.succeeded() ? EXIT_OK : EXIT_FAILED;
    }

    private static TaskSpec readSpec(Map<String, String> env) throws IOException {
        String inline = env.get(Wire.ENV_SPEC);
        if (inline != null && !inline.isBlank()) {
            return Wire.mapper().readValue(inline, TaskSpec.class);
        }
        String location = env.get(Wire.ENV_SPEC_URI);
        if (location == null || location.isBlank()) {
            throw new IOException("neither " + Wire.ENV_SPEC + " nor " + Wire.ENV_SPEC_URI + " is set");
        }
        URI uri = URI.create(location);
        byte[] bytes = TaskStorages.forUri(uri).read(uri);
        return Wire.mapper().readValue(new String(bytes, StandardCharsets.UTF_8), TaskSpec.class);
    }
}
