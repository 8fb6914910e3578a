package io.ecslattice.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatchCostTest {

    @Test
    void sumsTheEstimatesOfTheNodesThatCarryOne() {
        DispatchCost cost = DispatchCost.of(Map.of(
                "1", Map.of("estimatedCostUsd", "0.00084283", "vcpuSeconds", "15.0", "gbSeconds", "30.0"),
                "2", Map.of("estimatedCostUsd", "0.00000100", "vcpuSeconds", "0.1", "gbSeconds", "0.2", "mode", "pool"),
                "3", Map.of("pid", "1234"))).orElseThrow();
        assertEquals(new DispatchCost(0.00084383, 15.1, 30.2, 2).render(), cost.render());
        assertEquals("$0.00084 estimated Fargate cost (15.1 vCPU-s, 30.2 GB-s; 2 nodes)", cost.render());
    }

    @Test
    void noEstimateWithoutAnyNodeCarryingOne() {
        assertTrue(DispatchCost.of(Map.of("1", Map.of("pid", "1234"))).isEmpty());
    }
}
