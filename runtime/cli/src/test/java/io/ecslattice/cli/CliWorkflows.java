package io.ecslattice.cli;

import io.ecslattice.testing.PolicySteps;
import io.ecslattice.testing.Steps;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Lattices;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Retry;
import io.ecslattice.workflow.Value;

/** Workflows the CLI test runs with {@code ecs-lattice run}, as user code. */
public final class CliWorkflows {

    private CliWorkflows() {
    }

    /** Hello, on the default executor. */
    public static final class Hello {
        public static void main(String[] args) {
            var join = Electron.of(Steps::join);
            var excite = Electron.of(Steps::excite);
            var lattice = Lattice.of("cli_hello", (Value<String> a, Value<String> b) -> excite.call(join.call(a, b)));
            String id = Lattices.dispatch(lattice, args[0], args[1]);
            System.out.println("DISPATCH " + id);
            Result<String> result = Lattices.getResult(id, String.class, true);
            System.out.println(result.value());
        }
    }

    /** A lattice whose only node throws. */
    public static final class Failing {
        public static void main(String[] args) {
            var boom = Electron.of(Steps::boom);
            String id = Lattices.dispatch(Lattice.of("cli_boom", () -> boom.call(Value.of(5))));
            System.out.println("DISPATCH " + id);
            System.out.println(Lattices.getResult(id, Integer.class, true).status());
        }
    }

    /** A lattice whose node fails twice with an IOException and is retried until it succeeds. */
    public static final class Retried {
        public static void main(String[] args) {
            var flaky = Electron.of(PolicySteps::flaky).retries(Retry.times(2).on(java.io.IOException.class));
            String id = Lattices.dispatch(Lattice.of("cli_retried", (Value<String> d) -> flaky.call(d, Value.of(2))), args[0]);
            System.out.println("DISPATCH " + id);
            System.out.println(Lattices.getResult(id, String.class, true).status());
        }
    }

    /** A lattice that sleeps long enough to be cancelled from another process. */
    public static final class Sleepy {
        public static void main(String[] args) {
            var sleep = Electron.of(Steps::sleep);
            String id = Lattices.dispatch(Lattice.of("cli_sleepy", () -> sleep.call(Value.of(60_000))));
            System.out.println("DISPATCH " + id);
            System.out.flush();
            System.out.println("ENDED " + Lattices.getResult(id, Integer.class, true).status());
        }
    }
}
