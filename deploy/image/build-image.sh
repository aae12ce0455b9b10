#!/usr/bin/env bash
# Builds AtollDB's container image, offline, as a docker-archive tarball (load it with `docker load`,
# `podman load`, `ctr images import` or push it with `skopeo copy docker-archive:... docker://...`).
#
#   deploy/image/build-image.sh [IMAGE]      default IMAGE: atolldb/atoll:0.1.0
#
# jib (jib-maven-plugin, goal buildTar) layers the deploy module's classes and dependencies onto the
# base from build-base.sh (built first if deploy/target/image/atoll-base.tar is missing; set
# ATOLL_BASE_TAR to use another). One image serves every role: the role is the container's argument
# (dev, metadata, node, router), the process runs as uid 10001, and the writable paths are /data (the
# volume) and /tmp (RocksDB and Netty unpack their native libraries there). The heap size is left to
# the deployment (the chart sets JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=... per role).
# Output: deploy/target/image/atoll.tar.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
IMAGE="${1:-atolldb/atoll:0.1.0}"
BASE="${ATOLL_BASE_TAR:-$ROOT/deploy/target/image/atoll-base.tar}"
OUT="$ROOT/deploy/target/image/atoll.tar"
JIB=com.google.cloud.tools:jib-maven-plugin:3.5.2

[ -f "$BASE" ] || "$ROOT/deploy/image/build-base.sh" "$BASE"

# The deploy module's sibling modules must be in the local Maven repository for a -pl deploy build.
mvn -B -q -f "$ROOT/pom.xml" -pl deploy -am install -DskipTests
mvn -B -q -f "$ROOT/pom.xml" -pl deploy compile "$JIB:buildTar" \
  -Djib.from.image="tar://$BASE" \
  -Djib.to.image="$IMAGE" \
  -Djib.outputPaths.tar="$OUT" \
  -Djib.container.mainClass=io.atolldb.deploy.Atoll \
  -Djib.container.args=--help \
  -Djib.container.jvmFlags=-XX:+ExitOnOutOfMemoryError,-XX:ErrorFile=/tmp/hs_err_pid%p.log,-Djava.util.concurrent.ForkJoinPool.common.parallelism=4 \
  -Djib.container.user=10001:10001 \
  -Djib.container.workingDirectory=/home/atoll \
  -Djib.container.volumes=/data \
  -Djib.container.ports=8000,8001,7100,7101,7102,7200,7201,7202 \
  -Djib.container.labels=org.opencontainers.image.title=AtollDB,org.opencontainers.image.source=deploy/image/build-image.sh
echo "build-image: wrote $OUT ($(du -h "$OUT" | cut -f1)) as $IMAGE" >&2
