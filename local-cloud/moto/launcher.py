"""Runs moto in-process on loopback with the ECS fixes, AWS's request checks and the agent's control endpoint.

Usage: python3 launcher.py [--host 127.0.0.1] [--port 4566] [--stop-seconds 1.0]
The control endpoint lives beside moto's API under /_local-cloud/ (see control.py); every other request
is checked as AWS checks it (strict.py) before moto answers it; Fargate's vCPU quotas are quotas.py's.
"""
import argparse
import signal
import sys

from werkzeug.serving import make_server
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

import control
import ecs_fixes
import quotas
import sqs_fixes
import ssm_fixes
import strict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4566)
    parser.add_argument("--stop-seconds", type=float, default=1.0,
                        help="time a stopping task spends in STOPPING and DEPROVISIONING before STOPPED")
    parser.add_argument("--sqs-visibility-cap-seconds", type=int, default=43200,
                        help="SQS's cap on a message's visibility, counted from its receipt (12 h; shorter for tests)")
    parser.add_argument("--fargate-vcpu-quota", type=float, default=quotas.DEFAULT_VCPUS,
                        help="the account's Fargate On-Demand vCPU quota, L-3032A538 (6 for a new account)")
    parser.add_argument("--fargate-spot-vcpu-quota", type=float, default=quotas.DEFAULT_VCPUS,
                        help="the account's Fargate Spot vCPU quota, L-36FBB829 (6 for a new account)")
    parser.add_argument("--sqs-create-seconds", type=float, default=1.0,
                        help="how long a new SQS queue answers QueueDoesNotExist, as SQS does for about a second")
    args = parser.parse_args()

    ecs_fixes.STOP_SECONDS = args.stop_seconds
    ecs_fixes.apply()
    quotas.configure(args.fargate_vcpu_quota, args.fargate_spot_vcpu_quota)
    quotas.apply()
    sqs_fixes.set_visibility_cap(args.sqs_visibility_cap_seconds)
    sqs_fixes.apply()
    ssm_fixes.apply()
    strict.set_sqs_delays({"createSeconds": args.sqs_create_seconds})
    app = quotas.QuotaApplication(control.ControlApplication(
        strict.StrictApplication(DomainDispatcherApplication(create_backend_app))))
    server = make_server(args.host, args.port, app, threaded=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"moto with local-cloud fixes listening on http://{args.host}:{args.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
