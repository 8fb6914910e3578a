"""Fargate's vCPU quotas: RunTask answers a task over the quota in `failures[]`, as AWS does; Service Quotas tells them.

AWS counts the vCPUs of an account's Fargate tasks that run or are about to (one quota for on-demand, L-3032A538,
one for Spot, L-36FBB829; 6 vCPUs each for a new account). A RunTask that would pass the quota is not an error:
it answers HTTP 200 with no task and a failure whose reason is the one the Amazon ECS Developer Guide gives
("Amazon ECS service event messages": "You’ve reached the limit on the number of vCPUs you can run
concurrently"; API clients report the same text under RunTask's `failures[]`, e.g. paradisec-archive/nabu#1260).
moto starts every task, and its Service Quotas answers NoSuchResourceException for Fargate's codes, so:
- RunTask starts the tasks that fit the quota and answers one failure for each one that does not;
- GetServiceQuota for fargate L-3032A538 / L-36FBB829 answers the configured quota.
The quotas are the launcher's `--fargate-vcpu-quota` and `--fargate-spot-vcpu-quota` (the account's). Tests that
share one local cloud can give a cluster a quota of its own (POST /_local-cloud/ecs/vcpu-quota), counted over that
cluster's tasks only, so a test of the quota does not throttle the others.
"""
import io
import json
import sys
import threading

from moto.core.responses import ActionResult
from moto.ecs import responses as ecs_responses
from moto.ecs.models import EC2ContainerServiceBackend

import ecs_fixes

DEFAULT_VCPUS = 6  # a new account's Fargate On-Demand and Spot vCPU quotas
REASON = "You’ve reached the limit on the number of vCPUs you can run concurrently"
ON_DEMAND_CODE, SPOT_CODE = "L-3032A538", "L-36FBB829"
QUOTA_NAMES = {ON_DEMAND_CODE: "Fargate On-Demand vCPU resource count", SPOT_CODE: "Fargate Spot vCPU resource count"}
PATH = "/_local-cloud/ecs/vcpu-quota"

# The account's quotas, and clusters' own (cluster name -> {"onDemand": n, "spot": n}).
_ACCOUNT = {"onDemand": DEFAULT_VCPUS, "spot": DEFAULT_VCPUS}
_CLUSTERS: dict = {}
# Tasks that may still hold vCPUs: task ARN -> (task, vCPUs, spot, cluster name); pruned once STOPPED, so a check
# looks at the tasks in flight, not every task moto ever ran.
_LIVE: dict = {}
_CALL = threading.local()


def configure(on_demand: float, spot: float) -> None:
    """The account's quotas in vCPUs (the launcher's flags)."""
    _ACCOUNT.update(onDemand=on_demand, spot=spot)


def apply() -> None:
    """Installs the quota check; call after ecs_fixes.apply() (it sees clientToken replays first)."""
    original_backend = EC2ContainerServiceBackend.run_task

    def run_task(self, cluster_str, task_definition_str, count, *args, **kwargs):
        fit = getattr(_CALL, "fit", None)
        if fit is not None and _CALL.spot and len(args) > 3 and args[3] is None:
            # A FARGATE_SPOT strategy without launchType is how RunTask asks for Spot; moto places only by launch type.
            args = args[:3] + ("FARGATE",) + args[4:]
        tasks = original_backend(self, cluster_str, task_definition_str, count if fit is None else fit, *args, **kwargs)
        if fit is not None:
            for task in tasks:
                _LIVE[task.task_arn] = (task, _CALL.vcpus, _CALL.spot, _CALL.cluster)
        return tasks

    EC2ContainerServiceBackend.run_task = run_task
    original_response = ecs_responses.EC2ContainerServiceResponse.run_task

    def run_task_response(self):
        params = json.loads(self.body or "{}")
        token = params.get("clientToken")
        if token and (self.current_account, self.region, token) in ecs_fixes._CLIENT_TOKENS:
            return original_response(self)  # a replay answers the first call's tasks, as AWS does
        try:
            definition = self.ecs_backend.describe_task_definition(params.get("taskDefinition", ""))
            cluster = self.ecs_backend._get_cluster(params.get("cluster", "default")).name
        except Exception:  # unknown definition or cluster: moto answers for it
            return original_response(self)
        vcpus = _vcpus((params.get("overrides") or {}).get("cpu") or definition.cpu)
        spot = any(s.get("capacityProvider") == "FARGATE_SPOT" for s in params.get("capacityProviderStrategy") or [])
        count = params.get("count", 1)
        with ecs_fixes.LOCK:
            quota = _quota(cluster, spot)
            used = _used(cluster if cluster in _CLUSTERS else None, spot)
            fit = max(0, min(count, int((quota - used) / vcpus + 1e-9))) if vcpus > 0 else count
            _CALL.fit, _CALL.vcpus, _CALL.spot, _CALL.cluster = fit, vcpus, spot, cluster
            try:
                result = original_response(self) if fit > 0 else ActionResult({"tasks": [], "failures": []})
            finally:
                _CALL.fit = None
            if fit < count:
                kind = "Spot" if spot else "On-Demand"
                print(f"quota: RunTask of {count} task(s) of {vcpus:g} vCPU in {cluster}: {used:g} of {quota:g} Fargate "
                      f"{kind} vCPUs in use; {fit} started, {count - fit} answered in failures[]: {REASON}",
                      file=sys.stderr, flush=True)
                result.result["failures"] = list(result.result.get("failures") or []) + [
                    {"arn": definition.arn, "reason": REASON} for _ in range(count - fit)]
            return result

    ecs_responses.EC2ContainerServiceResponse.run_task = run_task_response


def _quota(cluster, spot):
    quotas = _CLUSTERS.get(cluster, _ACCOUNT)
    return quotas["spot" if spot else "onDemand"]


def _used(cluster, spot):
    """vCPUs of the tasks not yet STOPPED (on Spot or on-demand) in one cluster with a quota of its own, or (None) in
    the account's other clusters."""
    used = 0.0
    for arn, (task, vcpus, task_spot, task_cluster) in list(_LIVE.items()):
        ecs_fixes.advance(task)
        if task.last_status == "STOPPED":
            del _LIVE[arn]
        elif task_spot == spot and (task_cluster == cluster if cluster else task_cluster not in _CLUSTERS):
            used += vcpus
    return used


def _vcpus(cpu) -> float:
    """Task cpu as ECS gives it ("256", "1 vCPU", "0.25 vcpu") in vCPUs."""
    text = str(cpu or "0").strip().lower()
    if text.endswith("vcpu"):
        return float(text[:-4].strip())
    return int(text) / 1024


class QuotaApplication:
    """WSGI layer: answers GetServiceQuota for Fargate's vCPU quotas and the quota control path; the rest to moto."""

    def __init__(self, inner):
        self._inner = inner

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == PATH:
            status, body = self._control(environ)
            return _json(start_response, status, body, "application/json")
        if environ.get("HTTP_X_AMZ_TARGET") == "ServiceQuotasV20190624.GetServiceQuota":
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            params = json.loads(body or b"{}")
            code = params.get("QuotaCode")
            if params.get("ServiceCode") == "fargate" and code in QUOTA_NAMES:
                return _json(start_response, "200 OK", {"Quota": _quota_answer(environ, code)},
                             "application/x-amz-json-1.1")
            environ["wsgi.input"] = io.BytesIO(body)
        return self._inner(environ, start_response)

    @staticmethod
    def _control(environ):
        """GET: the quotas. POST {"cluster"?, "onDemand"?, "spot"?}: sets the account's or a cluster's (default 6)."""
        if environ["REQUEST_METHOD"] == "GET":
            return "200 OK", {"account": _ACCOUNT, "clusters": _CLUSTERS}
        try:
            request = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)) or b"{}")
        except ValueError as error:
            return "400 Bad Request", {"error": f"body is not JSON: {error}"}
        values = {}
        for key in ("onDemand", "spot"):
            value = request.get(key, DEFAULT_VCPUS if request.get("cluster") else _ACCOUNT[key])
            if not isinstance(value, (int, float)) or value < 0:
                return "400 Bad Request", {"error": f"{key} must be a number of vCPUs >= 0, got {value!r}"}
            values[key] = value
        with ecs_fixes.LOCK:
            if request.get("cluster"):
                _CLUSTERS[request["cluster"]] = values
            else:
                _ACCOUNT.update(values)
        return "200 OK", {"cluster": request.get("cluster"), **values}


def _quota_answer(environ, code):
    region = environ.get("HTTP_AUTHORIZATION", "").split("/")[2] if "/" in environ.get("HTTP_AUTHORIZATION", "") \
        else "us-east-1"
    return {"ServiceCode": "fargate", "ServiceName": "AWS Fargate", "QuotaCode": code, "QuotaName": QUOTA_NAMES[code],
            "QuotaArn": f"arn:aws:servicequotas:{region}:123456789012:fargate/{code}",
            "Value": float(_ACCOUNT["spot" if code == SPOT_CODE else "onDemand"]), "Unit": "None",
            "Adjustable": True, "GlobalQuota": False}


def _json(start_response, status, body, content_type):
    payload = json.dumps(body).encode()
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(payload)))])
    return [payload]
