package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The cap a known Fargate vCPU quota puts on tasks in flight and pool workers. */
class FargateVcpuQuotaTest {
    private static final FargateSize QUARTER = new FargateSize(256, 512);
    private static final FargateSize TWO = new FargateSize(2048, 4096);

    @Test
    void aNewAccountsSixVcpusHoldTwentyFourQuarterVcpuTasksOrThreeOfTwo() {
        assertEquals(24, FargateVcpuQuota.cap(500, OptionalDouble.of(6), QUARTER));
        assertEquals(3, FargateVcpuQuota.cap(10, OptionalDouble.of(6), TWO));
    }

    @Test
    void theSettingWinsWhenLowerAndAnUnknownQuotaCapsNothing() {
        assertEquals(10, FargateVcpuQuota.cap(10, OptionalDouble.of(4000), QUARTER));
        assertEquals(500, FargateVcpuQuota.cap(500, OptionalDouble.empty(), TWO));
    }

    @Test
    void aQuotaBelowOneTaskStillLetsOneGoSoAwsSaysWhy() {
        assertEquals(1, FargateVcpuQuota.cap(10, OptionalDouble.of(1), TWO));
    }
}
