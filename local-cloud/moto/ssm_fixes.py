"""Fixes to moto's SSM backend so Parameter Store answers as AWS does (see LOCAL-CLOUD-NOTES.md).

- GetParameters takes parameter ARNs as well as names: AWS's API reference says of `Names`, "The names or Amazon
  Resource Names (ARNs) of the parameters that you want to query". ECS reads a task definition's SSM secrets by
  the ARN in `valueFrom`; moto answered every ARN as an InvalidParameter, so the local agent could fetch none.
"""
from moto.ssm.models import SimpleSystemManagerBackend

_original_get_parameters = SimpleSystemManagerBackend.get_parameters


def _names_for(requested: str) -> list:
    """The names a requested name or ARN may stand for: `arn:...:parameter/a/b` is `/a/b`, or `a/b` when the
    name has no leading slash (an ARN holds one slash either way)."""
    if not requested.startswith("arn:") or ":parameter/" not in requested:
        return [requested]
    path = requested.split(":parameter", 1)[1]
    return [path, path[1:]]


def _get_parameters(self, names):
    result = {}
    plain = [n for n in names if not n.startswith("arn:")]
    if plain or len(names) > 10:
        result.update(_original_get_parameters(self, plain if len(names) <= 10 else names))
    for requested in names:
        if not requested.startswith("arn:"):
            continue
        for name in _names_for(requested):
            found = _original_get_parameters(self, [name])
            if found:
                result[requested] = next(iter(found.values()))
                break
    return result


def apply() -> None:
    """Installs every fix; call once before the server starts."""
    SimpleSystemManagerBackend.get_parameters = _get_parameters
