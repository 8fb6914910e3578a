package io.ecslattice.examples;

import io.ecslattice.workflow.Dispatch;
import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Value;
import java.time.Duration;
import java.time.Instant;

/**
 * What a release smoke run ({@code make smoke}) checks besides the hello workflow, on whichever executor
 * {@code ECS_LATTICE_EXECUTOR} names: {@code fail} runs an electron that throws and prints the failed result;
 * {@code cancel} starts a long electron, cancels the dispatch once its task runs, and prints the cancelled result.
 */
public final class SmokeWorkflow {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private SmokeWorkflow() {
    }

    static String refuse(String why) {
        throw new IllegalStateException(why);
    }

    static String nap(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
        return "rested";
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "fail" -> {
                var refuse = Electron.of(SmokeWorkflow::refuse);
                System.out.println(Lattice.of("smoke_fail", (Value<String> why) -> refuse.call(why))
                        .dispatch("smoke: meant to fail").result());
            }
            case "cancel" -> {
                var nap = Electron.of(SmokeWorkflow::nap);
                Dispatch<String> dispatch = Lattice.of("smoke_cancel", (Value<Integer> seconds) -> nap.call(seconds)).dispatch(600);
                Instant deadline = Instant.now().plus(START_TIMEOUT);
                // Poll (the public API has no start event) until the task runs, so the cancel has a task to stop.
                while (dispatch.status() != DispatchStatus.RUNNING) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("dispatch " + dispatch.id() + " did not start its task within " + START_TIMEOUT);
                    }
                    Thread.sleep(500);
                }
                dispatch.cancel();
                System.out.println(dispatch.result());
            }
            default -> throw new IllegalArgumentException("mode '" + mode + "' is not known; valid: fail, cancel");
        }
    }
}
