#!/usr/bin/env bash
# Builds the offline base image for tasks (a jlink JRE 17 with the shared libraries it needs, no
# shell, nothing pulled), pushes it to the local registry and prints its digest reference.
# Cached by a hash of its inputs: an unchanged JDK and module list reuse the pushed image.
# Usage: build-base-image.sh <state-dir> [registry host:port]   (DOCKER_HOST must point at the local engine)
set -euo pipefail
STATE=$1
REGISTRY=${2:-127.0.0.1:5000}
REPO=ecs-lattice-base
# java.xml: the AWS SDK parses S3's XML answers; jdk.zipfs: jar filesystems. java.desktop (12 MB) is
# left out: Jackson only probes java.beans and works without it.
MODULES=java.base,java.logging,java.net.http,java.sql,java.naming,jdk.crypto.ec,java.management,jdk.unsupported,java.xml,jdk.zipfs
JAVA_BIN=$(readlink -f "$(command -v java)")
JDK=${JAVA_BIN%/bin/java}
CACHE=$STATE/base-image.ref

inputs_hash() {
  { cat "$0"; echo "$MODULES"; "$JDK/bin/java" -version 2>&1; dpkg-query -W libc6 zlib1g libgcc-s1 libstdc++6 2>/dev/null || true; } \
    | sha256sum | cut -c1-16
}
HASH=$(inputs_hash)

manifest_digest() {  # digest of a tag in the local registry, empty when absent
  curl -sf -o /dev/null -D - -I \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' \
    "http://$REGISTRY/v2/$REPO/manifests/$1" | tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}'
}

if [[ -f $CACHE ]] && [[ $(cut -d' ' -f1 "$CACHE") == "$HASH" ]]; then
  digest=$(manifest_digest "$HASH")
  if [[ -n $digest && $digest == "$(cut -d' ' -f2 "$CACHE")" ]]; then
    echo "$REGISTRY/$REPO@$digest"
    exit 0
  fi
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/rootfs
mkdir -p "$ROOT"/{etc,tmp,opt,usr/lib/locale}
chmod 1777 "$ROOT/tmp"
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$ROOT/opt/java" >&2

# Copy every shared library the JRE's binaries and libraries load, at the path the loader looks for.
find "$ROOT/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
  | xargs -0 ldd 2>/dev/null | grep -oE '(/[^ ]+\.so[^ ]*)' | sort -u | while read -r lib; do
    [[ $lib == "$ROOT"* ]] && continue
    mkdir -p "$ROOT$(dirname "$lib")"
    cp -L "$lib" "$ROOT$lib"
  done
cp -r /usr/lib/locale/C.utf8 "$ROOT/usr/lib/locale/"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > "$ROOT/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$ROOT/etc/group"
printf 'hosts: files dns\n' > "$ROOT/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n' > "$ROOT/etc/hosts"

tar -C "$ROOT" -cf "$WORK/rootfs.tar" .
docker import \
  -c 'ENV JAVA_HOME=/opt/java' -c 'ENV PATH=/opt/java/bin:/usr/bin:/bin' -c 'ENV LANG=C.UTF-8' \
  -c 'CMD ["java","-version"]' -m "ecs-lattice offline JRE 17 base ($HASH)" \
  "$WORK/rootfs.tar" "$REGISTRY/$REPO:$HASH" >&2
docker tag "$REGISTRY/$REPO:$HASH" "$REGISTRY/$REPO:latest"
docker push -q "$REGISTRY/$REPO:$HASH" >&2
docker push -q "$REGISTRY/$REPO:latest" >&2
digest=$(manifest_digest "$HASH")
[[ -n $digest ]] || { echo "pushed $REPO:$HASH but the registry does not list it" >&2; exit 1; }
echo "$HASH $digest" > "$CACHE"
echo "$REGISTRY/$REPO@$digest"
