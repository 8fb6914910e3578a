package io.ecslattice.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.EcsLatticeException;
import io.ecslattice.graph.Graph;
import io.ecslattice.graph.NodeSpec;
import io.ecslattice.testing.Steps;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElectronOptionsTest {

    @Test
    void oneOptionsValueIsSharedByElectronsOfEveryArity() {
        var onEcs = ElectronOptions.DEFAULTS.withExecutor("ecs").withRetries(Retry.times(2)).withTimeout(Duration.ofMinutes(1))
                .withVcpu(1).withMemory(2).withCache(Duration.ofHours(1));
        var hello = Electron.of(Steps::hello).options(onEcs);
        var square = Electron.of(Steps::square).options(onEcs);
        var add = Electron.of(Steps::add).options(onEcs);
        var markAndAdd = Electron.of(Steps::markAndAdd).options(onEcs);

        var lattice = Lattice.of("shared", (Value<String> m) -> markAndAdd.call(m, square.call(Value.of(2)),
                add.call(Value.of(1), Value.of(2))).after(hello.call()));

        List<NodeSpec> nodes = lattice.graph().nodes();
        assertEquals(4, nodes.size());
        for (NodeSpec node : nodes) {
            assertEquals("ecs", node.executor(), node.label());
            assertEquals(2, node.retry().retries(), node.label());
            assertEquals(60_000L, node.timeoutMillis(), node.label());
            assertEquals("1", node.resources().vcpu().toPlainString(), node.label());
            assertEquals("2", node.resources().memory().toPlainString(), node.label());
            assertEquals(3600L, node.cacheSeconds(), node.label());
        }
    }

    @Test
    void aSetterReturnsAnElectronOfTheSameArityAndLeavesTheOriginalAsItWas() {
        Electron2<Integer, Integer, Integer> add = Electron.of(Steps::add);
        Electron2<Integer, Integer, Integer> onEcs = add.executor("ecs").timeout(Duration.ofSeconds(5));

        assertSame(ElectronOptions.DEFAULTS, add.options());
        assertEquals("ecs", onEcs.options().executorName());
        assertEquals(Duration.ofSeconds(5), onEcs.options().timeout());
        assertEquals("Electron(Steps.add on ecs)", onEcs.toString());
    }

    @Test
    void everyArityWithParametersMapsOverItsFirstParameter() {
        var markAndAdd = Electron.of(Steps::markAndAdd);
        var lattice = Lattice.of("mapped", (Value<List<String>> markers) -> markAndAdd.map(markers, Value.of(1), Value.of(2)));

        NodeSpec node = lattice.graph().node("0");
        assertTrue(node.isMap());
        assertEquals(0, node.mapArg());
        assertEquals(3, node.args().size());
    }

    @Test
    void redispatchReplacesElectronsOfAnyArity() {
        var changes = Redispatch.same().replace("hello", Electron.of(Steps::hello)).replace("markAndAdd", Electron.of(Steps::markAndAdd));

        assertEquals(Set.of("hello", "markAndAdd"), changes.replacements().keySet());
        assertEquals("markAndAdd", changes.replacements().get("markAndAdd").getName());
    }

    @Test
    void aLatticeExecutorReplacesAnEarlierOneAndLeavesElectronsThatNameTheirOwn() {
        var square = Electron.of(Steps::square);
        var pinned = Electron.of(Steps::square).executor("pinned");
        var lattice = Lattice.of("executors", (Value<Integer> x) -> pinned.call(square.call(x)));

        Graph graph = lattice.executor("first").executor("second").graph();

        assertEquals("second", graph.node("0").executor());
        assertEquals("pinned", graph.node("1").executor());
        assertNull(lattice.graph().node("0").executor(), "the original lattice is unchanged");
    }

    @Test
    void aRejectedOptionNamesTheElectronAndIsAnEcsLatticeException() {
        var square = Electron.of(Steps::square);

        EcsLatticeException e = assertThrows(EcsLatticeException.class, () -> square.cache(Duration.ofMillis(10)));

        assertTrue(e instanceof WorkflowException, e.getClass().getName());
        assertTrue(e.getMessage().startsWith("Electron(Steps.square): cache(PT0.01S): the expiry must be at least one second"),
                e.getMessage());
    }

    private static final String SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
    private static final String PARAMETER = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/token";

    @Test
    void envAndSecretsGoIntoTheNodeAsNamesValuesAndArnsAndSurviveTheGraphsJson() {
        var add = Electron.of(Steps::add).env("MODE", "prod").secret("DB_PASSWORD", SECRET).secret("TOKEN", PARAMETER);
        var lattice = Lattice.of("env", () -> add.call(Value.of(1), Value.of(2)));

        NodeSpec node = lattice.graph().node("0");
        assertEquals(java.util.Map.of("MODE", "prod"), node.resources().env());
        assertEquals(java.util.Map.of("DB_PASSWORD", SECRET, "TOKEN", PARAMETER), node.resources().secrets());
        assertEquals(node, Graph.fromJson(lattice.graph().toJson()).node("0"));
        // A later .env of a secret's name replaces the secret (and the reverse): one name, one source.
        var overridden = add.env("DB_PASSWORD", "local-only");
        assertEquals(java.util.Map.of("TOKEN", PARAMETER), overridden.options().secrets());
        assertEquals("local-only", overridden.options().env().get("DB_PASSWORD"));
    }

    @Test
    void aGraphWithoutEnvOrSecretsIsWrittenAsBefore() {
        var lattice = Lattice.of("plain", () -> Electron.of(Steps::add).vcpu(1).call(Value.of(1), Value.of(2)));
        String json = lattice.graph().toJson();
        assertTrue(!json.contains("\"env\"") && !json.contains("\"secrets\""), json);
    }

    @Test
    void aBadNameOrArnIsRefusedNamingItAndWhatIsValid() {
        var add = Electron.of(Steps::add);
        String badName = assertThrows(WorkflowException.class, () -> add.env("1ST", "x")).getMessage();
        assertTrue(badName.contains("'1ST'") && badName.contains("[A-Za-z_][A-Za-z0-9_]*"), badName);
        String reserved = assertThrows(WorkflowException.class, () -> add.env("ECS_LATTICE_TASK_SPEC", "x")).getMessage();
        assertTrue(reserved.contains("ECS_LATTICE_TASK_SPEC is reserved"), reserved);
        String credentials = assertThrows(WorkflowException.class,
                () -> add.secret("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", SECRET)).getMessage();
        assertTrue(credentials.contains("is reserved"), credentials);
        String badArn = assertThrows(WorkflowException.class,
                () -> add.secret("DB_PASSWORD", "arn:aws:s3:::bucket/db")).getMessage();
        assertTrue(badArn.contains("'arn:aws:s3:::bucket/db'") && badArn.contains("arn:aws:secretsmanager:<region>:<account>:secret:<name>")
                && badArn.contains("arn:aws:ssm:<region>:<account>:parameter/<name>") && badArn.contains("Electron(Steps.add)"), badArn);
        assertThrows(WorkflowException.class, () -> add.secret("DB_PASSWORD", "db-password"));
        assertThrows(WorkflowException.class, () -> add.env("MODE", null));
    }
}
