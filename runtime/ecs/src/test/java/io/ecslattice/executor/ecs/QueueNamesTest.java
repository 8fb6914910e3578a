package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every pool queue name fits SQS's rules for every stack name CloudFormation accepts, under the prefix IAM grants. */
class QueueNamesTest {
    private static final Pattern SQS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    /** infra's ClientPolicyTest expects the same prefix for this stack name: the two rules must agree. */
    static final String LONG_STACK = "EcsLatticeStack-for-the-data-platform-team-in-eu-west-1-production";
    private static final ContainerEnvironment WITH_SECRET = new ContainerEnvironment(new TreeMap<>(),
            new TreeMap<>(Map.of("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf")));

    @Test
    void everyQueueNameFitsSqsForStackNamesOfOneTo128Characters() {
        PoolShape largest = new PoolShape(FargateSize.of(BigDecimal.valueOf(16), BigDecimal.valueOf(120)), "X86_64", false, ContainerEnvironment.NONE);
        PoolShape withSecrets = new PoolShape(FargateSize.of(BigDecimal.valueOf(16), BigDecimal.valueOf(120)), "X86_64", true,
                WITH_SECRET);
        String dispatch = UUID.randomUUID().toString();
        for (int length = 1; length <= 128; length++) {
            String stack = "S" + "a-1".repeat(43).substring(0, length - 1);
            String prefix = QueueNames.prefix(stack);
            for (String name : List.of(largest.queueName(prefix) + "-dlq", withSecrets.queueName(prefix) + "-dlq",
                    PoolShape.completionQueueName(prefix, dispatch))) {
                assertTrue(SQS_NAME.matcher(name).matches(), "stack name of " + length + " characters gives " + name
                        + " (" + name.length() + " characters)");
                assertTrue(name.startsWith(prefix), name);
            }
        }
    }

    @Test
    void aStackNameOfUpTo38CharactersIsItsOwnPrefixAndALongerOneIsShortenedWithItsHash() {
        assertEquals("EcsLatticeStack_", QueueNames.prefix("EcsLatticeStack"));
        assertEquals("S".repeat(38) + "_", QueueNames.prefix("S".repeat(38)));
        assertEquals("EcsLatticeStack-for-the-data--0537845f_", QueueNames.prefix(LONG_STACK));
        assertEquals("EcsLatticeStack_pool-256-512-x86_64-ondemand",
                new PoolShape(FargateSize.of(new BigDecimal("0.25"), new BigDecimal("0.5")), "X86_64", false, ContainerEnvironment.NONE)
                        .queueName(QueueNames.prefix("EcsLatticeStack")));
    }

    @Test
    void noStacksQueuesFallUnderAnotherStacksPrefix() {
        // IAM grants SQS on <prefix>*: stack Prod's grant must not take in the queues of stack Prod-eu.
        PoolShape shape = new PoolShape(FargateSize.of(new BigDecimal("0.25"), new BigDecimal("0.5")), "X86_64", false, ContainerEnvironment.NONE);
        for (String[] pair : new String[][] {{"Prod", "Prod-eu"}, {"Prod-eu", "Prod-eu-2"}, {LONG_STACK, LONG_STACK + "-x"}}) {
            String other = shape.queueName(QueueNames.prefix(pair[1]));
            assertTrue(!other.startsWith(QueueNames.prefix(pair[0])), other + " is under " + pair[0] + "'s grant");
        }
    }

    @Test
    void startedByOfAShapeIsUnchangedByThePrefixRule() {
        // Workers started by clients of the previous naming must still be counted by this one.
        PoolShape shape = new PoolShape(FargateSize.of(new BigDecimal("0.25"), new BigDecimal("0.5")), "X86_64", false, ContainerEnvironment.NONE);
        assertEquals("ecs-lattice-pool-" + Hashes.sha256Hex("-pool-256-512-x86_64-ondemand\nv1").substring(0, 19),
                shape.startedBy("v1"));
    }

    @Test
    void workersWithOtherSecretsOrEnvAreAnotherPoolWithItsOwnQueueAndStartedBy() {
        FargateSize size = FargateSize.of(new BigDecimal("0.25"), new BigDecimal("0.5"));
        PoolShape plain = new PoolShape(size, "X86_64", false, ContainerEnvironment.NONE);
        PoolShape secret = new PoolShape(size, "X86_64", false, WITH_SECRET);
        PoolShape otherSecret = new PoolShape(size, "X86_64", false, new ContainerEnvironment(new TreeMap<>(),
                new TreeMap<>(Map.of("DB_PASSWORD", "arn:aws:ssm:us-east-1:123456789012:parameter/db"))));
        PoolShape env = new PoolShape(size, "X86_64", false, new ContainerEnvironment(new TreeMap<>(Map.of("MODE", "prod")), new TreeMap<>()));
        String prefix = QueueNames.prefix("EcsLatticeStack");
        List<PoolShape> shapes = List.of(plain, secret, otherSecret, env);
        assertEquals(4, shapes.stream().map(s -> s.queueName(prefix)).distinct().count());
        assertEquals(4, shapes.stream().map(s -> s.startedBy("v1")).distinct().count());
        assertTrue(Pattern.matches("EcsLatticeStack_pool-256-512-x86-od-e[0-9a-f]{8}", secret.queueName(prefix)), secret.queueName(prefix));
        // The same set, however given, is the same pool.
        assertEquals(secret.queueName(prefix), new PoolShape(size, "X86_64", false, new ContainerEnvironment(new TreeMap<>(),
                new TreeMap<>(WITH_SECRET.secrets()))).queueName(prefix));
    }

    @Test
    void everyStartedByTheClientSendsFitsEcsRule() {
        // ECS refuses a startedBy over 128 characters or with others than letters, digits, - / _ (InvalidParameterException).
        PoolShape largest = new PoolShape(FargateSize.of(BigDecimal.valueOf(16), BigDecimal.valueOf(120)), "ARM64", true, ContainerEnvironment.NONE);
        for (String startedBy : List.of(EcsTasks.ELECTRON_STARTED_BY, largest.startedBy("v".repeat(200) + " .:@"))) {
            assertTrue(EcsTasks.STARTED_BY.matcher(startedBy).matches(), startedBy);
        }
    }
}
