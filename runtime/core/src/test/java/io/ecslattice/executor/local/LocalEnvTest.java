package io.ecslattice.executor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecslattice.config.ConfigException;
import io.ecslattice.dispatch.Dispatcher;
import io.ecslattice.testing.TestDispatchers;
import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.LatticeClient;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local executor and an electron's environment: {@code .env(...)} reaches the electron's JVM in the default pool
 * isolation and in jvm_per_task, a pool electron without it does not see another's; secrets and in_process env are
 * refused at dispatch, naming why, before anything runs.
 */
class LocalEnvTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** The environment variable {@code name} of the JVM the electron runs in. */
    static String envOf(String name) {
        return String.valueOf(System.getenv(name));
    }

    static String join(String a, String b) {
        return a + "|" + b;
    }

    @Test
    void envReachesTheElectronInThePoolAndInAJvmPerTask() {
        for (String isolation : new String[] {"pool", "jvm_per_task"}) {
            try (Dispatcher dispatcher = TestDispatchers.plain(dir.resolve(isolation), Duration.ofSeconds(30))) {
                dispatcher.registry().register(LocalExecutor.create("local",
                        Map.of("workDir", dir.resolve(isolation).resolve("tasks").toString(), "isolation", isolation)));
                var withEnv = Electron.of(LocalEnvTest::envOf).executor("local").env("LATTICE_GREETING", "hello " + isolation);
                var without = Electron.of(LocalEnvTest::envOf).executor("local");
                var join = Electron.of(LocalEnvTest::join).executor("local");
                String id = Lattice.of("env_" + isolation, () -> join.call(withEnv.call(Value.of("LATTICE_GREETING")),
                        without.call(Value.of("LATTICE_GREETING")))).dispatch(LatticeClient.of(dispatcher)).id();
                Result<String> result = LatticeClient.of(dispatcher).attach(id, String.class).result(WAIT);
                assertEquals("hello " + isolation + "|null", result.value(), result.toString());
            }
        }
    }

    @Test
    void secretsAndInProcessEnvAreRefusedAtDispatchSayingWhy() {
        try (Dispatcher dispatcher = TestDispatchers.plain(dir, Duration.ofSeconds(30))) {
            dispatcher.registry().register(LocalExecutor.create("local", Map.of("workDir", dir.resolve("tasks").toString())));
            dispatcher.registry().register(LocalExecutor.inProcess("inproc", 2));
            var secret = Electron.of(LocalEnvTest::envOf).executor("local")
                    .secret("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf");
            String refused = assertThrows(ConfigException.class, () -> Lattice.of("secret_local",
                    () -> secret.call(Value.of("DB_PASSWORD"))).dispatch(LatticeClient.of(dispatcher))).getMessage();
            assertTrue(refused.contains("DB_PASSWORD") && refused.contains("does not fetch Secrets Manager")
                    && refused.contains(".env(...)"), refused);

            var inProcess = Electron.of(LocalEnvTest::envOf).executor("inproc").env("LATTICE_GREETING", "x");
            String shared = assertThrows(ConfigException.class, () -> Lattice.of("env_in_process",
                    () -> inProcess.call(Value.of("LATTICE_GREETING"))).dispatch(LatticeClient.of(dispatcher))).getMessage();
            assertTrue(shared.contains("LATTICE_GREETING") && shared.contains("mode=in_process") && shared.contains("mode=process"), shared);
        }
    }
}
