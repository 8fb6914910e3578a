package io.ecslattice.localcloud.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void readsRulesAndCapacityFromJson() {
        FaultPlan plan = FaultPlan.parse("""
                {"seed": 42,
                 "rules": [{"service": "ecs", "operation": "*", "share": 0.3, "fault": "throttle"},
                           {"service": "s3", "operation": "GetObject", "share": 0.1, "fault": "http503"}],
                 "capacity": [{"select": "\\"startedBy\\":\\"(n[0-9])\\"", "firstAttempts": 2}]}""");
        assertEquals(42, plan.seed());
        assertEquals(new FaultRule("ecs", "*", 0.3, Fault.THROTTLE), plan.rules().get(0));
        assertEquals(Fault.HTTP_503, plan.rules().get(1).fault());
        assertEquals(2, plan.capacity().get(0).firstAttempts());
        assertEquals(CapacityRule.FARGATE_CAPACITY, plan.capacity().get(0).reason());
        assertEquals("n3", plan.capacity().get(0).identity("{\"startedBy\":\"n3\",\"count\":1}"));
    }

    @Test
    void aShareOutsideZeroToOneNamesTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(
                "{\"rules\": [{\"service\": \"ecs\", \"operation\": \"RunTask\", \"share\": 30}]}"));
        assertEquals("share=30.0 for ecs:RunTask is not a probability; valid: 0 to 1", e.getMessage());
    }

    @Test
    void anUnknownFaultListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(
                "{\"rules\": [{\"service\": \"ecs\", \"share\": 0.5, \"fault\": \"boom\"}]}"));
        assertEquals("fault=boom is not a fault; valid: throttle, http429, http503", e.getMessage());
    }

    @Test
    void invalidJsonSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("{seed"));
        assertTrue(e.getMessage().startsWith("fault plan is not valid JSON"), e.getMessage());
    }

    @Test
    void classifiesQueryProtocolCallsByAction() {
        AwsCall call = AwsCall.classify("POST", "/", null, name -> name.equals("Authorization")
                ? "AWS4-HMAC-SHA256 Credential=k/20261125/us-east-1/cloudformation/aws4_request, SignedHeaders=host"
                : null, "Action=DescribeStacks&Version=2010-05-15".getBytes());
        assertEquals(new AwsCall("cloudformation", "DescribeStacks", AwsCall.Protocol.QUERY), call);
    }
}
