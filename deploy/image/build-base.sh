#!/usr/bin/env bash
# Builds the base of AtollDB's container image from Debian packages and the local JDK, with no
# container registry involved:
#
#   * from Debian 12 (bookworm), only the C and C++ runtime libraries (RocksDB's native library needs
#     libstdc++), netbase, and busybox: a shell for debugging and the wget the storage nodes' preStop
#     hook calls. No package manager, no perl, no login tools;
#   * a Java runtime made by jlink from the JDK this machine has (21 or newer), in /opt/java;
#   * an unprivileged user and group "atoll" (uid/gid 10001, the chart's runAsUser), home /home/atoll.
#
# The result is a docker-archive tarball that jib takes as its base image (tar://...), see build-image.sh.
#
#   deploy/image/build-base.sh [OUT_TAR]       default: deploy/target/image/atoll-base.tar
#
# Runs as root (mmdebstrap's root mode) and takes about a minute. It installs the Debian packages
# mmdebstrap, umoci and skopeo when they are missing, and downloads packages from the Debian mirror
# this machine's apt already uses (read from its sources), so it works wherever apt-get works.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/deploy/target/image/atoll-base.tar}"
SUITE=bookworm
ATOLL_UID=10001
# Modules the AtollDB jar and its dependencies use (jdeps over the runtime classpath), plus jcmd for
# operators (thread and heap dumps) and the DNS naming provider gRPC's resolver can use.
JAVA_MODULES=java.base,java.logging,java.management,java.naming,java.net.http,java.sql,jdk.httpserver,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.jcmd

[ "$(id -u)" = 0 ] || { echo "build-base: run as root (mmdebstrap root mode)" >&2; exit 1; }

find_jlink() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ]; then
      local major
      major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
        | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1)
      if [ "${major:-0}" -ge 21 ]; then echo "$candidate/bin/jlink $major"; return 0; fi
    fi
  done
  return 1
}
FOUND="$(find_jlink)" || { echo "build-base: needs a JDK 21 or newer with jlink (set JAVA_HOME)" >&2; exit 1; }
read -r JLINK JAVA_MAJOR <<< "$FOUND"
# Options every java started in the image gets (the java launcher reads JDK_JAVA_OPTIONS): RocksDB
# and Netty call native code, and from Java 24 on Netty's use of sun.misc.Unsafe would print warnings.
JDK_OPTIONS="--enable-native-access=ALL-UNNAMED"
if [ "$JAVA_MAJOR" -ge 24 ]; then JDK_OPTIONS="$JDK_OPTIONS --sun-misc-unsafe-memory-access=allow"; fi

missing=()
for tool in mmdebstrap umoci skopeo; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "build-base: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/atoll-base.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "build-base: jlink a Java runtime from $JLINK" >&2
"$JLINK" --add-modules "$JAVA_MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$WORK/java"

# The mirrors this machine's apt uses, in one-line form, for mmdebstrap to read on standard input.
sources() {
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    awk '/^URIs:/ {uri=$2} /^Suites:/ {for (i = 2; i <= NF; i++) print "deb " uri " " $i " main"}' \
      /etc/apt/sources.list.d/debian.sources
  fi
  if [ -f /etc/apt/sources.list ]; then grep -E '^deb ' /etc/apt/sources.list || true; fi
}
sources | grep -E " $SUITE(-updates|-security)? " > "$WORK/sources.list" || true
[ -s "$WORK/sources.list" ] || { echo "build-base: no $SUITE entry in this machine's apt sources" >&2; exit 1; }

# "extract" unpacks exactly the listed packages and runs no maintainer script (nor mmdebstrap's
# hooks): no package manager, no perl, no login tools end up in the image. busybox is its only
# userland (sh, wget, ls, ps...). The steps a maintainer script would do are done here.
echo "build-base: mmdebstrap $SUITE" >&2
mmdebstrap --quiet --mode=root --variant=extract --format=directory \
  --include=base-files,libc6,libgcc-s1,libstdc++6,busybox,netbase \
  "$SUITE" "$WORK/rootfs" - < "$WORK/sources.list"

R="$WORK/rootfs"
rm -rf "$R"/usr/share/{doc,man,info,locale,lintian,gdb,gcc} "$R"/usr/lib/x86_64-linux-gnu/gconv \
  "$R"/var/cache/apt "$R"/var/lib/apt "$R"/etc/apt "$R"/var/log/*
printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' \
  "atoll:x:$ATOLL_UID:$ATOLL_UID:AtollDB:/home/atoll:/bin/sh" > "$R/etc/passwd"
printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' "atoll:x:$ATOLL_UID:" > "$R/etc/group"
ln -sf /bin/busybox "$R/bin/sh"
install -d -o "$ATOLL_UID" -g "$ATOLL_UID" -m 0750 "$R/home/atoll" "$R/data"
install -d -m 1777 "$R/tmp"
install -d "$R/opt"
cp -a "$WORK/java" "$R/opt/java"

echo "build-base: package as an image" >&2
umoci init --layout "$WORK/oci"
umoci new --image "$WORK/oci:base"
umoci unpack --image "$WORK/oci:base" "$WORK/bundle"
cp -a "$R/." "$WORK/bundle/rootfs/"
umoci repack --image "$WORK/oci:base" "$WORK/bundle"
umoci config --image "$WORK/oci:base" --os linux --architecture amd64 \
  --config.user "$ATOLL_UID:$ATOLL_UID" --config.workingdir /home/atoll \
  --config.env PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.env JAVA_HOME=/opt/java --config.env JAVA_VERSION="$JAVA_MAJOR" --config.env LANG=C.UTF-8 \
  --config.env JDK_JAVA_OPTIONS="$JDK_OPTIONS" \
  --author AtollDB --history.created_by "deploy/image/build-base.sh"
mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
skopeo --insecure-policy copy --quiet "oci:$WORK/oci:base" "docker-archive:$OUT:atolldb/base:$SUITE-java$JAVA_MAJOR"
echo "build-base: wrote $OUT ($(du -h "$OUT" | cut -f1))" >&2
