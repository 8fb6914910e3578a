package io.ecslattice.executor.ecs;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The estimated cost of one stopped task, from its timestamps and its own size (an electron's {@code .vcpu}/{@code .memory}
 * as the task ran them), plus its public IPv4 address while it ran, as node details.
 */
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

    /**
     * @param executorSize        the size when the task does not say its own (DescribeTasks gives cpu and memory)
     * @param publicIpv4HourPrice USD an hour of the task's public IPv4 address (AWS bills $0.005 an hour per public
     *                            IPv4 address in use), or null when tasks get none ({@code assign_public_ip = false})
     */
    static Map<String, String> details(Task task, FargateSize executorSize, FargatePrices prices, BigDecimal publicIpv4HourPrice) {
        Map<String, String> details = new LinkedHashMap<>();
        Duration billed = billed(task);
        FargatePrices.Usage usage = FargatePrices.usage(size(task).orElse(executorSize), billed);
        double usd = usage.cost(prices);
        if (publicIpv4HourPrice != null) {
            double ipv4 = publicIpv4HourPrice.doubleValue() * Math.max(FargatePrices.MINIMUM.toMillis(), billed.toMillis()) / 3_600_000.0;
            details.put("publicIpv4CostUsd", String.format(Locale.ROOT, "%.8f", ipv4));
            usd += ipv4;
        }
        details.put("vcpuSeconds", String.format(Locale.ROOT, "%.1f", usage.vcpuSeconds()));
        details.put("gbSeconds", String.format(Locale.ROOT, "%.1f", usage.gbSeconds()));
        details.put("estimatedCostUsd", String.format(Locale.ROOT, "%.8f", usd));
        return details;
    }

    /** The task's own cpu units and MiB as ECS reports them ("2048", "5120"), when it does. */
    static Optional<FargateSize> size(Task task) {
        try {
            return task.cpu() == null || task.memory() == null ? Optional.empty()
                    : Optional.of(new FargateSize(Integer.parseInt(task.cpu().strip()), Integer.parseInt(task.memory().strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();   // "1 vCPU"-style text: only a task definition may say it so
        }
    }
}
