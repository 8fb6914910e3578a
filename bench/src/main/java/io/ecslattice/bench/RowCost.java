package io.ecslattice.bench;

import io.ecslattice.executor.ecs.FargatePrices;
import io.ecslattice.executor.ecs.FargateSize;
import io.ecslattice.executor.ecs.TaskCost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The estimated Fargate cost of the ECS tasks a row ran, from ECS's own timestamps: each task billed from its
 * start to its stop, one minute at least ({@link TaskCost#billed}, {@link FargatePrices#usage}). A pool worker
 * still running when the row ends is idle and exits {@code pool_idle_seconds} later, so it is billed until then.
 * Reads ECS through a client of its own, so its calls are not the row's.
 */
final class RowCost {

    /** The cost, and how many tasks it covers. */
    record Estimate(double usd, int tasks) {
    }

    private final EcsClient ecs = EcsClient.create();
    private final String cluster;

    RowCost(String cluster) {
        this.cluster = cluster;
    }

    /** Every task ARN the cluster knows now, running or stopped. */
    Set<String> taskArns() {
        Set<String> arns = new HashSet<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            ecs.listTasksPaginator(b -> b.cluster(cluster).desiredStatus(status)).taskArns().forEach(arns::add);
        }
        return arns;
    }

    /** The cost of the tasks the cluster knows now and not in {@code before}. */
    Estimate since(Set<String> before, FargateSize size, FargatePrices prices, Duration idleTail) {
        List<String> arns = new ArrayList<>(taskArns());
        arns.removeAll(before);
        double usd = 0;
        int tasks = 0;
        Instant now = Instant.now();
        for (int from = 0; from < arns.size(); from += 100) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + 100));
            for (Task task : ecs.describeTasks(b -> b.cluster(cluster).tasks(batch)).tasks()) {
                Duration billed = TaskCost.billed(task);
                if (task.stoppedAt() == null && task.stoppingAt() == null) {
                    Instant start = task.pullStartedAt() != null ? task.pullStartedAt()
                            : task.startedAt() != null ? task.startedAt() : task.createdAt();
                    billed = start == null ? idleTail : Duration.between(start, now).plus(idleTail);
                }
                usd += prices.taskCost(size, billed);
                tasks++;
            }
        }
        return new Estimate(usd, tasks);
    }
}
