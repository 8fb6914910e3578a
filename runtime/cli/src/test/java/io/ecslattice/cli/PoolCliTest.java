package io.ecslattice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code ecs-lattice pool list|drain|delete} in their own JVMs against a moto of this test's own, holding the
 * queues a pool client creates under the stack's prefix {@value #STACK}, and one queue of another stack.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PoolCliTest {
    static final String STACK = "CliPools";
    static final String WORK = STACK + "_pool-256-512-x86_64-ondemand";
    static final String COMPLETIONS = STACK + "_done-d1";
    static final String OTHER_STACK = STACK + "-Other_pool-256-512-x86_64-ondemand";

    static MotoServer moto;
    static SqsClient sqs;

    @TempDir
    Path dir;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.close();
        moto.close();
    }

    private JavaProcess.Outcome cli(String... args) throws Exception {
        Path config = dir.resolve("config.toml");
        Files.writeString(config, """
                [executors.local]
                mode = "in_process"

                [executors.ecs]
                stack_name = "%s"
                region = "us-east-1"
                s3_bucket_name = "cli-pools-bucket"
                ecr_repo_name = "cli-pools-images"
                ecs_cluster_name = "cli-pools"
                ecs_task_family_name = "cli-pools-tasks"
                ecs_task_execution_role_name = "CliPoolsExecution"
                ecs_task_role_name = "CliPoolsTask"
                ecs_task_subnet_id = "subnet-00000001"
                ecs_task_security_group_id = "sg-00000001"
                ecs_task_log_group_name = "cli-pools-logs"
                """.formatted(STACK));
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing", "ECS_LATTICE_CONFIG", config.toString(),
                "ECS_LATTICE_DB", dir.resolve("results.db").toString(), "ECS_LATTICE_DATA_DIR", dir.toString());
        return JavaProcess.run(EcsLatticeCli.class, env, dir.resolve("cli-" + runs.incrementAndGet() + ".log"), 60, args);
    }

    private static String create(String name) {
        return sqs.createQueue(r -> r.queueName(name)).queueUrl();
    }

    private static List<String> queues() {
        return sqs.listQueues(r -> r.queueNamePrefix(STACK)).queueUrls().stream().map(u -> u.substring(u.lastIndexOf('/') + 1)).toList();
    }

    @Test
    void listDrainAndDeleteTheStacksPoolQueuesAndNothingElse() throws Exception {
        String work = create(WORK);
        create(WORK + "-dlq");
        create(COMPLETIONS);
        create(OTHER_STACK);
        for (int i = 0; i < 3; i++) {
            int n = i;
            sqs.sendMessage(r -> r.queueUrl(work).messageBody("electron " + n));
        }

        JavaProcess.Outcome list = cli("pool", "list");
        assertEquals(0, list.exitCode(), list.output());
        assertTrue(list.output().matches("(?s).*QUEUE +KIND +WAITING +IN FLIGHT.*\\n" + WORK + " +work +3 +0\\n.*"), list.output());
        assertTrue(list.output().matches("(?s).*\\n" + WORK + "-dlq +dead-letter +0 +0\\n.*"), list.output());
        assertTrue(list.output().matches("(?s).*\\n" + COMPLETIONS + " +completion +0 +0\\n.*"), list.output());
        assertFalse(list.output().contains(OTHER_STACK), list.output());

        JavaProcess.Outcome drain = cli("pool", "drain", WORK);
        assertEquals(0, drain.exitCode(), drain.output());
        assertTrue(drain.output().contains("removed 3 waiting message(s)"), drain.output());
        assertEquals("0", sqs.getQueueAttributes(r -> r.queueUrl(work).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages"));

        JavaProcess.Outcome drainCompletions = cli("pool", "drain", COMPLETIONS);
        assertEquals(1, drainCompletions.exitCode(), drainCompletions.output());
        assertTrue(drainCompletions.output().contains("is a dispatch's completion queue"), drainCompletions.output());

        JavaProcess.Outcome unknown = cli("pool", "delete", STACK + "_pool-nope");
        assertEquals(1, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("no pool queue named " + STACK + "_pool-nope under " + STACK + "_*; there are: " + WORK),
                unknown.output());

        JavaProcess.Outcome deleteWork = cli("pool", "delete", WORK);
        assertEquals(0, deleteWork.exitCode(), deleteWork.output());
        assertTrue(deleteWork.output().contains("deleted " + WORK + ", " + WORK + "-dlq"), deleteWork.output());
        assertEquals(List.of(OTHER_STACK, COMPLETIONS), queues().stream().sorted().toList());

        JavaProcess.Outcome deleteAll = cli("pool", "delete", "--all");
        assertEquals(0, deleteAll.exitCode(), deleteAll.output());
        assertTrue(deleteAll.output().contains("deleted " + COMPLETIONS), deleteAll.output());
        assertEquals(List.of(OTHER_STACK), queues());
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        JavaProcess.Outcome neither = cli("pool", "delete");
        assertEquals(2, neither.exitCode(), neither.output());
        JavaProcess.Outcome notEcs = cli("pool", "list", "--executor", "local");
        assertEquals(2, notEcs.exitCode(), notEcs.output());
        assertTrue(notEcs.output().contains("pools belong to executors of type ecs"), notEcs.output());
        JavaProcess.Outcome help = cli("pool", "drain", "--help");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("Electrons already running finish"), help.output());
    }
}
