package io.ecslattice.examples;

import io.ecslattice.workflow.Electron;
import io.ecslattice.workflow.Lattice;
import io.ecslattice.workflow.Result;
import io.ecslattice.workflow.Value;

/**
 * Environment variables and secrets in electrons. With no argument the greeting electron runs on the default executor
 * with an {@code .env(...)} of its own (the local executor sets it in the electron's JVM). With two arguments, an ECS
 * executor's name and a Secrets Manager secret's ARN, an electron on that executor reads the secret from its
 * environment, where ECS put it, and returns only its length.
 */
public final class EnvWorkflow {

    private EnvWorkflow() {
    }

    // tag::env[]
    static String greet(String name) {
        return System.getenv("GREETING") + ", " + name;
    }

    static int passwordLength() {
        return System.getenv("DB_PASSWORD").length();   // use it; never print or return the value itself
    }
    // end::env[]

    public static void main(String[] args) {
        // tag::options[]
        var greet = Electron.of(EnvWorkflow::greet).env("GREETING", "Hello");
        // end::options[]
        Result<String> greeting = Lattice.of("env_workflow", (Value<String> name) -> greet.call(name)).dispatch("World").result();
        System.out.println(greeting.value());
        if (args.length == 2) {
            String executor = args[0];
            String secretArn = args[1];
            // tag::secret[]
            var connect = Electron.of(EnvWorkflow::passwordLength)
                    .executor(executor)                       // an ECS executor: ECS resolves the secret in the task
                    .secret("DB_PASSWORD", secretArn);        // arn:aws:secretsmanager:... or arn:aws:ssm:...:parameter/...
            // end::secret[]
            System.out.println("password length: " + Lattice.of("secret_workflow", () -> connect.call()).dispatch().result().value());
        }
    }
}
