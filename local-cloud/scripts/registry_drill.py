"""Drills on the local registry that play what ECR does to images behind a client's back.

  registry_drill.py expire  <template.json> [repository]  apply the stack's ECR lifecycle policy now
  registry_drill.py destroy <repository>                  delete the repository and create it empty again,
                                                          as make destroy + make deploy do on AWS
Environment: the local cloud's $STATE/env (LOCAL_CLOUD_REGISTRY_PORT, ECS_LATTICE_LOCAL_CLOUD_DIR,
AWS_ENDPOINT_URL for moto's ECR).

moto ignores a repository's lifecycle policy and holds no image data (LOCAL-CLOUD-NOTES.md); the registry
is the data plane, so this applies the rules to it: rules by rulePriority, an image selected by a rule is
left alone by the rules after it, imageCountMoreThan keeps the newest pushes, sinceImagePushed expires
older ones. Push times are the registry's own (the tag link's modification time): Jib writes a fixed
creation time into every image, so the image config cannot tell them.
"""
import datetime
import json
import os
import sys
import urllib.request
from pathlib import Path

MANIFEST_TYPES = "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json"


def registry():
    return f"http://127.0.0.1:{os.environ.get('LOCAL_CLOUD_REGISTRY_PORT', '5000')}"


def storage_root():
    state = os.environ.get("ECS_LATTICE_LOCAL_CLOUD_DIR", "/tmp/ecs-lattice-local-cloud")
    return Path(os.environ.get("LOCAL_CLOUD_REGISTRY_STORAGE", f"{state}/registry/data"))


def images(repository):
    """digest -> (tags, pushed at) of every tagged image in the repository."""
    tags_dir = storage_root() / "docker/registry/v2/repositories" / repository / "_manifests/tags"
    found = {}
    for tag_dir in sorted(tags_dir.iterdir()) if tags_dir.is_dir() else []:
        link = tag_dir / "current/link"
        if not link.is_file():
            continue
        digest = link.read_text().strip()
        pushed = datetime.datetime.fromtimestamp(link.stat().st_mtime, datetime.timezone.utc)
        tags, first = found.get(digest, ([], pushed))
        found[digest] = (tags + [tag_dir.name], max(first, pushed))
    return found


def selected(rule, tags):
    selection = rule["selection"]
    status = selection.get("tagStatus", "any")
    if status == "untagged":
        return not tags
    if status == "any":
        return True
    prefixes = selection.get("tagPrefixList")
    patterns = selection.get("tagPatternList")
    if prefixes:
        return any(t.startswith(p) for t in tags for p in prefixes)
    if patterns:
        import fnmatch
        return any(fnmatch.fnmatchcase(t, p) for t in tags for p in patterns)
    return bool(tags)


def expired_by(policy, found, now):
    """The digests the policy expires, each with the rule that did."""
    remaining = dict(found)
    expired = {}
    for rule in sorted(policy["rules"], key=lambda r: r["rulePriority"]):
        matching = sorted(((d, v) for d, v in remaining.items() if selected(rule, v[0])),
                          key=lambda item: item[1][1], reverse=True)
        for digest, _ in matching:
            del remaining[digest]
        selection = rule["selection"]
        if selection["countType"] == "imageCountMoreThan":
            victims = matching[selection["countNumber"]:]
        else:
            cutoff = now - datetime.timedelta(days=selection["countNumber"])
            victims = [(d, v) for d, v in matching if v[1] < cutoff]
        if rule.get("action", {}).get("type", "expire") == "expire":
            for digest, _ in victims:
                expired[digest] = rule["rulePriority"]
    return expired


def delete_manifest(repository, digest):
    request = urllib.request.Request(f"{registry()}/v2/{repository}/manifests/{digest}", method="DELETE",
                                     headers={"Accept": MANIFEST_TYPES})
    urllib.request.urlopen(request).close()


def lifecycle_policy(template_path):
    template = json.loads(Path(template_path).read_text())
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::ECR::Repository":
            properties = resource["Properties"]
            return properties.get("RepositoryName"), json.loads(properties["LifecyclePolicy"]["LifecyclePolicyText"])
    sys.exit(f"registry_drill: no AWS::ECR::Repository in {template_path}")


def expire(template_path, repository=None):
    name, policy = lifecycle_policy(template_path)
    repository = repository or name
    found = images(repository)
    expired = expired_by(policy, found, datetime.datetime.now(datetime.timezone.utc))
    for digest, priority in expired.items():
        delete_manifest(repository, digest)
        print(f"expired {repository}@{digest} ({', '.join(found[digest][0])}) by rule {priority}")
    print(f"registry_drill: {len(expired)} of {len(found)} images in {repository} expired", file=sys.stderr)


def destroy(repository):
    import shutil
    import boto3
    for digest in images(repository):
        delete_manifest(repository, digest)
    shutil.rmtree(storage_root() / "docker/registry/v2/repositories" / repository, ignore_errors=True)
    ecr = boto3.client("ecr")
    try:
        ecr.delete_repository(repositoryName=repository, force=True)
    except ecr.exceptions.RepositoryNotFoundException:
        pass
    ecr.create_repository(repositoryName=repository)
    print(f"registry_drill: repository {repository} destroyed and created again, empty", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "expire":
        expire(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    elif len(sys.argv) == 3 and sys.argv[1] == "destroy":
        destroy(sys.argv[2])
    else:
        sys.exit(__doc__)
