package io.ecslattice.localcloud.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The ARNs of every task this agent ever started, kept in a file so that a restarted agent never
 * starts a task twice (Fargate's promise). The file is appended before a container is created.
 */
public final class StartedTasks {
    private final Path file;
    private final Set<String> arns = new HashSet<>();

    public StartedTasks(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                arns.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the started-task list " + file, e);
        }
    }

    public synchronized boolean contains(String taskArn) {
        return arns.contains(taskArn);
    }

    /** Records the task as started; false when it already was. */
    public synchronized boolean add(String taskArn) {
        if (!arns.add(taskArn)) {
            return false;
        }
        try {
            Files.writeString(file, taskArn + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            arns.remove(taskArn);
            throw new UncheckedIOException("cannot record started task " + taskArn + " in " + file, e);
        }
        return true;
    }
}
