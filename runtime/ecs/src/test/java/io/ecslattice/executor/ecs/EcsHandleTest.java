package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ecslattice.executor.TaskHandle;
import io.ecslattice.wire.Wire;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed handles' one JSON form: the stored handle's details, as handles stored before these types had them. */
class EcsHandleTest {
    static final String ARN = "arn:aws:ecs:us-east-1:123456789012:task/cluster/0a1b2c";

    @Test
    void taskHandleIsStoredAsItsFieldsWithoutAModeAndWithoutAbsentOnes() {
        TaskModeHandle handle = new TaskModeHandle(ARN, null, null, "d1", "n1", "cluster", "us-east-1",
                "s3://bucket/ecs-lattice/d1/n1/1/result.json", "logs", "ecs-lattice/electron/0a1b2c");

        TaskHandle stored = handle.toTaskHandle("ecs");

        assertEquals(ARN, stored.ref());
        assertEquals(Map.of("taskArn", ARN, "dispatchId", "d1", "nodeId", "n1", "cluster", "cluster", "region", "us-east-1",
                "resultUri", "s3://bucket/ecs-lattice/d1/n1/1/result.json", "logGroup", "logs",
                "logStream", "ecs-lattice/electron/0a1b2c"), stored.details());
        assertEquals(handle, EcsHandle.of(stored));
    }

    @Test
    void poolHandleSaysItsModeAndKeepsItsAttemptAsText() {
        PoolModeHandle handle = new PoolModeHandle("d1", "n1", 2, "https://sqs/work", "https://sqs/done-d1",
                "s3://b/result.json", "s3://b/cancel", "arn:td", "repo:lattice-ab", "logs");

        TaskHandle stored = handle.toTaskHandle("ecs");

        assertEquals("pool:d1/n1/2", stored.ref());
        assertEquals("pool", stored.details().get("mode"));
        assertEquals("2", stored.details().get("attempt"));
        assertEquals(handle, EcsHandle.of(stored));
    }

    /** A handle stored by the string-map code before these types: a takeover must still find its electron. */
    @Test
    void handlesStoredBeforeTheTypesAreReadBack() throws Exception {
        TaskHandle oldTask = Wire.mapper().readValue("""
                {"executor":"ecs","ref":"%s","details":{"taskArn":"%s","infrastructureRetries":"1 RunTask capacity failure(s): x",
                 "dispatchId":"d1","nodeId":"n1","cluster":"c","region":"us-east-1","resultUri":"s3://b/r.json",
                 "logGroup":"g","logStream":"s"}}""".formatted(ARN, ARN), TaskHandle.class);
        TaskHandle oldPool = new TaskHandle("ecs", "pool:d1/n1/1", Map.of("mode", "pool", "dispatchId", "d1", "nodeId", "n1",
                "attempt", "1", "workQueue", "w", "completionQueue", "c", "resultUri", "s3://b/r.json", "cancelUri", "s3://b/cancel",
                "taskDefinition", "td", "codeVersion", "v"));

        TaskModeHandle task = assertInstanceOf(TaskModeHandle.class, EcsHandle.of(oldTask));
        PoolModeHandle pool = assertInstanceOf(PoolModeHandle.class, EcsHandle.of(oldPool));

        assertEquals("1 RunTask capacity failure(s): x", task.infrastructureRetries());
        assertEquals(oldTask.details(), task.details());
        assertEquals(1, pool.attempt());
        assertEquals(oldPool.details(), pool.details());
        assertEquals(oldPool.ref(), pool.ref());
    }
}
