package io.ecslattice.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: synthesizes {@link EcsLatticeStack} into a cloud assembly. Run by the CDK CLI (cdk.json),
 * which passes context and the output directory in the environment, or directly (`make synth`) with
 * context values as {@code key=value} arguments, writing to {@code cdk.out}.
 */
public final class InfraApp {
    private InfraApp() {
    }

    public static void main(String[] args) {
        try {
            // The CLI sets CDK_OUTDIR; a direct run would otherwise write to a temporary directory.
            synthesize(contextArguments(args), System.getenv("CDK_OUTDIR") == null ? "cdk.out" : null);
        } catch (SettingsException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Builds the app with the given extra context and writes the cloud assembly to {@code outdir}
     * (null: where the CDK CLI asked, through CDK_OUTDIR).
     */
    static void synthesize(Map<String, Object> context, String outdir) {
        App app = new App(AppProps.builder().context(context).analyticsReporting(false).outdir(outdir).build());
        newStack(app);
        app.synth();
    }

    /**
     * Adds the stack as configured by the app's context. No bootstrap stack is needed: the stack has no assets,
     * so the synthesizer adds no bootstrap-version check, and the template deploys as-is (also into moto).
     */
    static EcsLatticeStack newStack(App app) {
        StackSettings settings = StackSettings.fromContext(app.getNode()::tryGetContext);
        return new EcsLatticeStack(app, settings, StackProps.builder()
                .stackName(settings.stackName())
                .description("ecs-lattice: what the ECS executor needs to run workflow tasks on Fargate")
                .synthesizer(new BootstraplessSynthesizer())
                .analyticsReporting(false)
                .build());
    }

    static Map<String, Object> contextArguments(String[] args) {
        Map<String, Object> context = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new SettingsException("argument", arg, "key=value, e.g. vpcMode=private");
            }
            String key = arg.substring(0, eq);
            if (!StackSettings.CONTEXT_KEYS.contains(key)) {
                throw new SettingsException(key, arg.substring(eq + 1), "a key among " + StackSettings.CONTEXT_KEYS);
            }
            context.put(key, arg.substring(eq + 1));
        }
        return context;
    }
}
