package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Task;

/** The arithmetic of a task-mode node's estimated cost, at us-east-1's X86_64 prices. */
class TaskCostTest {
    private static final FargatePrices X86 = new FargatePrices(new BigDecimal("0.04048"), new BigDecimal("0.004445"));
    private static final FargateSize EXECUTOR = new FargateSize(256, 512);
    private static final BigDecimal IPV4 = new BigDecimal("0.005");
    private static final Instant PULL = Instant.parse("2026-12-07T10:00:00Z");

    private static Task ran(long seconds, String cpu, String memory) {
        return Task.builder().createdAt(PULL.minusSeconds(5)).pullStartedAt(PULL).stoppedAt(PULL.plusSeconds(seconds))
                .cpu(cpu).memory(memory).build();
    }

    @Test
    void anElectronOfItsOwnSizeIsBilledAtThatSizeNotTheExecutors() {
        // 10 min of 2 vCPU / 4 GB: 1200 vCPU-s, 2400 GB-s; (1200 x 0.04048 + 2400 x 0.004445) / 3600 = 0.01645667 USD.
        Map<String, String> details = TaskCost.details(ran(600, "2048", "4096"), EXECUTOR, X86, null);
        assertEquals("1200.0", details.get("vcpuSeconds"));
        assertEquals("2400.0", details.get("gbSeconds"));
        assertEquals("0.01645667", details.get("estimatedCostUsd"));
        assertFalse(details.containsKey("publicIpv4CostUsd"), "no public IP, no charge for one");
    }

    @Test
    void aPublicIpv4AddressAddsFiveTenthsOfACentAnHourFortyPercentOnTheDefaultSize() {
        // 1 h at 0.25 vCPU / 0.5 GB: 0.01012 + 0.0022225 = 0.0123425 USD; the address 0.005 more (+40.5 %).
        Map<String, String> details = TaskCost.details(ran(3600, null, null), EXECUTOR, X86, IPV4);
        assertEquals("900.0", details.get("vcpuSeconds"), "no size in the task: the executor's");
        assertEquals("0.00500000", details.get("publicIpv4CostUsd"));
        assertEquals("0.01734250", details.get("estimatedCostUsd"));
    }

    @Test
    void theAddressIsBilledForTheOneMinuteMinimumToo() {
        // 10 s bill as 60 s: 60 x 0.005 / 3600 = 0.00008333 USD for the address.
        assertEquals("0.00008333", TaskCost.details(ran(10, "256", "512"), EXECUTOR, X86, IPV4).get("publicIpv4CostUsd"));
    }
}
