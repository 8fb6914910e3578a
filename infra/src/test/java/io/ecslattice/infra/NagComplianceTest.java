package io.ecslattice.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions pack finds nothing in either VPC mode: every rule is met, or its finding is suppressed in
 * the stack's code with the reason (NagSuppressions), which cdk-nag then reports as suppressed rather than failed.
 */
class NagComplianceTest {

    @ParameterizedTest(name = "vpcMode={0}")
    @ValueSource(strings = {"public", "private"})
    void awsSolutionsPackHasNoUnsuppressedFinding(String vpcMode) {
        // With secretArns too, so the execution role's secret statements are checked as well.
        App app = new App(AppProps.builder().context(Map.of("vpcMode", vpcMode, "secretArns",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf,arn:aws:ssm:us-east-1:123456789012:parameter/app/token"))
                .analyticsReporting(false).build());
        Stack stack = InfraApp.newStack(app);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Template.fromStack(stack); // synthesizes, which runs the checks

        Annotations annotations = Annotations.fromStack(stack);
        List<String> findings = Stream.concat(
                        annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream(),
                        annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream())
                .map(NagComplianceTest::describe).toList();
        assertEquals(List.of(), findings, "cdk-nag AwsSolutions findings in vpcMode=" + vpcMode);
    }

    private static String describe(SynthesisMessage message) {
        return message.getId() + ": " + message.getEntry().getData();
    }
}
