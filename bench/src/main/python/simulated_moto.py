"""moto for the benchmark's simulated region: the local cloud's launcher (ECS fixes and the agent's
control endpoint) plus one fix for scale, so 10,000 tasks in flight measure the client, not moto.

moto's DescribeTasks compares every requested ARN as a substring of every task of every cluster
(tasks x 100 per call); AWS looks the tasks up by id in the named cluster. Here the lookup is by id.

Usage: python3 simulated_moto.py <repo-root> --port <port>
"""
import os
import sys

ROOT = sys.argv.pop(1)
sys.path.insert(0, os.path.join(ROOT, "local-cloud", "moto"))

from moto.ecs.exceptions import InvalidParameterException  # noqa: E402
from moto.ecs.models import EC2ContainerServiceBackend  # noqa: E402

import launcher  # noqa: E402


def describe_tasks(self, cluster_str, tasks):
    cluster = self._get_cluster(cluster_str)
    if not tasks:
        raise InvalidParameterException("Tasks cannot be empty.")
    by_id = {arn.rsplit("/", 1)[-1]: task for arn, task in self.tasks.get(cluster.name, {}).items()}
    found = (by_id.get(ref.rsplit("/", 1)[-1]) for ref in tasks)
    return [task for task in found if task is not None]


EC2ContainerServiceBackend.describe_tasks = describe_tasks

if __name__ == "__main__":
    launcher.main()
