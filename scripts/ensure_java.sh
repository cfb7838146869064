#!/usr/bin/env bash
# Spark (the `wirefacts[spark]` engine and its tests) needs a Java 17 runtime. Install Debian's
# openjdk-17-jre-headless with apt-get only when no `java` is found (JAVA_HOME first, then PATH).
set -euo pipefail

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]] || command -v java >/dev/null 2>&1; then
    exit 0
fi

echo "ensure_java: no java found; installing openjdk-17-jre-headless (Spark needs Java 17)" >&2
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_java: apt-get is not available here: install a Java 17 runtime and set JAVA_HOME" >&2
    exit 1
fi
SUDO=""
if [[ "$(id -u)" != 0 ]]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
java -version
