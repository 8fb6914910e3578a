package io.ecslattice.executor.ecs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;

/**
 * Fargate's on-demand prices, for estimating what tasks cost: Fargate bills vCPU-seconds and GB-seconds
 * from the image pull's start to the task's stop, per second with a one-minute minimum. Spot tasks are
 * estimated at these prices too, so an estimate is an upper bound there.
 *
 * @param vcpuHour USD per vCPU-hour
 * @param gbHour   USD per GB-hour
 */
public record FargatePrices(BigDecimal vcpuHour, BigDecimal gbHour) {
    static final Duration MINIMUM = Duration.ofMinutes(1);

    /** What one task of {@code size} running for {@code ran} is billed, in USD. */
    public double taskCost(FargateSize size, Duration ran) {
        return usage(size, ran).cost(this);
    }

    /** The vCPU-seconds and GB-seconds one task of {@code size} running for {@code ran} is billed for. */
    public static Usage usage(FargateSize size, Duration ran) {
        double seconds = Math.max(MINIMUM.toMillis(), Math.max(0, ran.toMillis())) / 1000.0;
        return new Usage(seconds * size.cpuUnits() / 1024.0, seconds * size.memoryMiB() / 1024.0);
    }

    /**
     * Billed usage.
     *
     * @param vcpuSeconds vCPU-seconds
     * @param gbSeconds   GB-seconds
     */
    public record Usage(double vcpuSeconds, double gbSeconds) {
        /** The usage at {@code prices}, in USD. */
        public double cost(FargatePrices prices) {
            return new BigDecimal(vcpuSeconds).multiply(prices.vcpuHour())
                    .add(new BigDecimal(gbSeconds).multiply(prices.gbHour()))
                    .divide(BigDecimal.valueOf(3600), MathContext.DECIMAL64).doubleValue();
        }

        /** Both usages added. */
        public Usage plus(Usage other) {
            return new Usage(vcpuSeconds + other.vcpuSeconds, gbSeconds + other.gbSeconds);
        }
    }
}
