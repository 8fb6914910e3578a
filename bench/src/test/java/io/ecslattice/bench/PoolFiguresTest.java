package io.ecslattice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic of the warm-pool rows: percentiles of overheads, and the tasks' calls per electron. */
class PoolFiguresTest {

    @Test
    void percentileIsTheNearestRank() {
        List<Double> values = List.of(10.0, 1.0, 9.0, 2.0, 8.0, 3.0, 7.0, 4.0, 6.0, 5.0);
        assertEquals(5.0, PoolBenchRun.percentile(values, 50));
        assertEquals(9.0, PoolBenchRun.percentile(values, 90));
        assertEquals(1.0, PoolBenchRun.percentile(List.of(1.0), 90));
        assertNull(PoolBenchRun.percentile(List.of(), 50));
    }

    @Test
    void taskSideCallsAreTheDifferenceOfTwoSnapshotsPerElectron() {
        Map<String, Long> before = Map.of("sqs:ReceiveMessage", 4L, "s3:PutObject", 2L);
        Map<String, Long> after = Map.of("sqs:ReceiveMessage", 14L, "s3:PutObject", 2L, "sqs:SendMessage", 5L);
        assertEquals(Map.of("sqs:ReceiveMessage", 1.0, "sqs:SendMessage", 0.5), TaskSideCalls.per(before, after, 10));
    }
}
