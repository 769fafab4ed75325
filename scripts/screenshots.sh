#!/usr/bin/env bash
# Screenshots of every dashboard screen for docs/screenshots, from a running product (./slrt start) with
# the default sample data, signed in as the demo administrator, in Debian's headless chromium at
# 1280x800 (Selenium from the dashboard's test dependencies). Usage: scripts/screenshots.sh [BASE_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_jdk
ensure_chromium
mkdir -p docs/screenshots target
./mvnw -q -B -pl dashboard dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/screenshots.classpath"
java -cp "$(cat target/screenshots.classpath)" scripts/Screenshots.java "${1:-http://localhost:8080}"
