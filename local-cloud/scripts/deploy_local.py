"""Creates the synthesized CDK stack in the local cloud's moto and writes cdk-outputs.json.

Usage: python3 deploy_local.py <template.json> <outputs-file> [stack-name]
Environment: the local cloud's $STATE/env (AWS_ENDPOINT_URL, region, dummy credentials).

Why not `cdk deploy`: moto runs its change sets but then loses the stack's outputs, so the template
goes in through CloudFormation CreateStack (LOCAL-CLOUD-NOTES.md). Idempotent: an existing stack is
reused (moto's UpdateStack reports success without applying anything; recreate moto to redeploy).
What moto's CloudFormation ignores but the data path needs is set afterwards (VPC DNS hostnames).
"""
import hashlib
import json
import sys
import time

import boto3

TIMEOUT_SECONDS = 120
BOOTSTRAP_PARAMETER = "/cdk-bootstrap/hnb659fds/version"
TEMPLATE_TAG = "ecs-lattice:template-sha256"


def main() -> None:
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    template_path, outputs_path = sys.argv[1], sys.argv[2]
    stack_name = sys.argv[3] if len(sys.argv) == 4 else "EcsLatticeStack"
    with open(template_path, encoding="utf-8") as f:
        body = f.read()
    template = json.loads(body)
    digest = hashlib.sha256(body.encode()).hexdigest()
    cfn = boto3.client("cloudformation")

    stack = existing_stack(cfn, stack_name)
    if stack is None:
        if "BootstrapVersion" in template.get("Parameters", {}):
            boto3.client("ssm").put_parameter(Name=BOOTSTRAP_PARAMETER, Value="21", Type="String", Overwrite=True)
        print(f"deploy-local: creating stack {stack_name} in moto", file=sys.stderr)
        cfn.create_stack(StackName=stack_name, TemplateBody=body, Tags=[{"Key": TEMPLATE_TAG, "Value": digest}],
                         Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"])
        stack = wait_for_stack(cfn, stack_name)
    else:
        tags = {t["Key"]: t["Value"] for t in stack.get("Tags", [])}
        note = "" if tags.get(TEMPLATE_TAG) == digest else (
            " (from an older template: moto cannot update stacks; "
            "make local-cloud-down local-cloud-up deploy-local to recreate)")
        print(f"deploy-local: reusing stack {stack_name}{note}", file=sys.stderr)

    enable_vpc_dns_hostnames(cfn, stack_name)
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    if not outputs:
        sys.exit(f"deploy-local: stack {stack_name} has no outputs; was it deployed with cdk deploy? "
                 "Recreate the local cloud (make local-cloud-down local-cloud-up) and run make deploy-local")
    with open(outputs_path, "w", encoding="utf-8") as f:
        json.dump({stack_name: outputs}, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"deploy-local: wrote {len(outputs)} outputs of {stack_name} to {outputs_path}", file=sys.stderr)


def existing_stack(cfn, name):
    try:
        stacks = cfn.describe_stacks(StackName=name)["Stacks"]
    except cfn.exceptions.ClientError as error:
        if "does not exist" in str(error):
            return None
        raise
    live = [s for s in stacks if s["StackStatus"] not in ("DELETE_COMPLETE",)]
    if live and live[0]["StackStatus"].endswith("_FAILED"):
        sys.exit(f"deploy-local: stack {name} is {live[0]['StackStatus']}: {live[0].get('StackStatusReason')}; "
                 "recreate the local cloud (make local-cloud-down local-cloud-up)")
    return live[0] if live else None


def wait_for_stack(cfn, name):
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
        status = stack["StackStatus"]
        if status == "CREATE_COMPLETE":
            return stack
        if status.endswith("FAILED") or status.startswith("ROLLBACK"):
            events = cfn.describe_stack_events(StackName=name)["StackEvents"]
            failed = [f"{e['LogicalResourceId']}: {e.get('ResourceStatusReason')}"
                      for e in events if e["ResourceStatus"].endswith("FAILED")]
            sys.exit(f"deploy-local: stack {name} ended {status}: {failed or stack.get('StackStatusReason')}")
        time.sleep(0.5)
    pending = [r["LogicalResourceId"] for r in cfn.describe_stack_resources(StackName=name)["StackResources"]
               if r["ResourceStatus"].endswith("IN_PROGRESS")]
    sys.exit(f"deploy-local: stack {name} not CREATE_COMPLETE after {TIMEOUT_SECONDS}s; still in progress: {pending}")


def enable_vpc_dns_hostnames(cfn, stack_name):
    """moto's CloudFormation ignores EnableDnsHostnames, and moto's RunTask needs it (as Fargate does)."""
    ec2 = boto3.client("ec2")
    for resource in cfn.describe_stack_resources(StackName=stack_name)["StackResources"]:
        if resource.get("ResourceType") == "AWS::EC2::VPC":
            ec2.modify_vpc_attribute(VpcId=resource["PhysicalResourceId"], EnableDnsHostnames={"Value": True})


if __name__ == "__main__":
    main()
