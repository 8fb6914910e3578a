package io.ecslattice.executor.ecs;

import io.ecslattice.executor.TaskResources;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The environment variables and secrets of a task definition's container: the executor's {@code env} and
 * {@code secrets} with an electron's {@code .env(...)}/{@code .secret(...)} over them. Secrets are held as ARNs only;
 * ECS fetches their values with the execution role when the task starts, so no value passes through ecs-lattice.
 *
 * @param env     plain environment variables by name (the task definition's {@code environment})
 * @param secrets environment variable name to the ARN of a Secrets Manager secret or SSM parameter (its {@code secrets})
 */
record ContainerEnvironment(SortedMap<String, String> env, SortedMap<String, String> secrets) {

    static final ContainerEnvironment NONE = new ContainerEnvironment(new TreeMap<>(), new TreeMap<>());

    ContainerEnvironment {
        env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
        secrets = Collections.unmodifiableSortedMap(new TreeMap<>(secrets));
    }

    /** The executor's own. */
    static ContainerEnvironment of(EcsSettings settings) {
        return new ContainerEnvironment(settings.env(), settings.secrets());
    }

    /** This environment with the electron's over it, by name: a plain {@code .env} of a secret's name replaces it, and the reverse. */
    ContainerEnvironment over(TaskResources electron) {
        SortedMap<String, String> plain = new TreeMap<>(env);
        SortedMap<String, String> secret = new TreeMap<>(secrets);
        electron.env().forEach((name, value) -> {
            secret.remove(name);
            plain.put(name, value);
        });
        electron.secrets().forEach((name, arn) -> {
            plain.remove(name);
            secret.put(name, arn);
        });
        return new ContainerEnvironment(plain, secret);
    }

    boolean isEmpty() {
        return env.isEmpty() && secrets.isEmpty();
    }

    /** The content as lines {@code env NAME=value} and {@code secret NAME=arn}, for the hashes that name definitions and pools. */
    String content() {
        StringBuilder lines = new StringBuilder();
        env.forEach((name, value) -> lines.append("env ").append(name).append('=').append(value).append('\n'));
        secrets.forEach((name, arn) -> lines.append("secret ").append(name).append('=').append(arn).append('\n'));
        return lines.toString();
    }

    /** 8 hex digits of the content's SHA-256: what tells pools of different environments apart in their queue names. */
    String shortHash() {
        return Hashes.sha256Hex(content()).substring(0, 8);
    }

    /** The names, for messages and handles; never the values. */
    static String names(Map<String, String> env, Map<String, String> secrets) {
        StringBuilder text = new StringBuilder();
        if (!env.isEmpty()) {
            text.append("env ").append(String.join(",", new TreeMap<>(env).keySet()));
        }
        if (!secrets.isEmpty()) {
            text.append(text.isEmpty() ? "" : ", ").append("secrets ").append(String.join(",", new TreeMap<>(secrets).keySet()));
        }
        return text.toString();
    }
}
