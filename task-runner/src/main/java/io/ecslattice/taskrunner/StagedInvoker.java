package io.ecslattice.taskrunner;

import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Runs one electron with its files staged around it, the same way in a one-shot task and in a pool worker:
 * its {@code s3} file arguments downloaded into a directory of its own first (so electrons running at once
 * never share one), its returned local files uploaded beside its result after (when the result goes to S3),
 * and the downloads removed once the result no longer needs them (a warm worker would otherwise fill its disk).
 * A file that cannot be moved fails the electron with {@code InputFileUnavailable} or {@code OutputFileUploadFailed}.
 */
public final class StagedInvoker {

    private final ElectronInvoker invoker;
    private final PrintStream log;

    /** @param log where a download directory that could not be removed is reported; never electron output */
    public StagedInvoker(ElectronInvoker invoker, PrintStream log) {
        this.invoker = invoker;
        this.log = log;
    }

    /** Stages, runs and unstages the electron {@code spec} names; a problem of the task becomes the result's error. */
    public TaskResult invoke(TaskSpec spec) {
        FileTransfer files = new FileTransfer();
        TaskResult result;
        try {
            result = invoker.invoke(files.downloadInputs(spec));
        } catch (IOException | RuntimeException e) {
            result = failed(spec, "InputFileUnavailable", "could not download a file argument: " + e.getMessage());
        }
        if (result.succeeded()) {
            try {
                result = files.uploadOutputs(result, spec.resultUri());
            } catch (IOException | RuntimeException e) {
                result = failed(spec, "OutputFileUploadFailed", "could not upload a returned file: " + e.getMessage());
            }
        }
        try {
            files.removeDownloads(result);
        } catch (IOException e) {
            log.println("ecs-lattice task runner: could not remove the downloaded files of node " + spec.nodeId() + ": " + e);
        }
        return result;
    }

    private static TaskResult failed(TaskSpec spec, String type, String message) {
        Instant now = Instant.now();
        return new TaskResult(Wire.VERSION, spec.dispatchId(), spec.nodeId(), null, new TaskError(type, message, ""), "", "", now, now);
    }
}
