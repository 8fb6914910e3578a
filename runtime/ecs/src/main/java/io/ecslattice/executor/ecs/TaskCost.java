package io.ecslattice.executor.ecs;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Task;

/** The estimated Fargate cost of one stopped task, from its timestamps and size, as node details. */
public final class TaskCost {
    private TaskCost() {
    }

    /**
     * How long the task ran as Fargate bills it: from the image pull's start (else the task's start or creation) to
     * its stop; zero while it has not stopped. {@link FargatePrices#usage} applies the one-minute minimum.
     */
    public static Duration billed(Task task) {
        Instant from = task.pullStartedAt() != null ? task.pullStartedAt()
                : task.startedAt() != null ? task.startedAt() : task.createdAt();
        Instant to = task.stoppedAt() != null ? task.stoppedAt() : task.stoppingAt();
        return from == null || to == null ? Duration.ZERO : Duration.between(from, to);
    }

    static Map<String, String> details(Task task, FargateSize size, FargatePrices prices) {
        Map<String, String> details = new LinkedHashMap<>();
        FargatePrices.Usage usage = FargatePrices.usage(size, billed(task));
        details.put("vcpuSeconds", String.format(Locale.ROOT, "%.1f", usage.vcpuSeconds()));
        details.put("gbSeconds", String.format(Locale.ROOT, "%.1f", usage.gbSeconds()));
        details.put("estimatedCostUsd", String.format(Locale.ROOT, "%.8f", usage.cost(prices)));
        return details;
    }
}
