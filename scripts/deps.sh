#!/usr/bin/env bash
# The Debian packages genops builds, tests and runs with; installs the missing ones.
# Sourced by scripts/quickstart and scripts/test.
genops_packages=(
  build-essential cmake ninja-build pkg-config git
  libcli11-dev libyaml-cpp-dev libsqlite3-dev sqlite3 libcurl4-openssl-dev nlohmann-json3-dev doctest-dev
  libkainjow-mustache-dev libdtl-dev libssl-dev libutf8proc-dev libxxhash-dev
  libcpp-httplib-dev libre2-dev libpq-dev jq util-linux time python3
  postgresql  # the team store; tests start their own server (tests/support/pg_server.sh)
  chromium  # tests/e2e/test_eval_html.sh opens the HTML report in a headless browser
  dpkg-dev file groff-base zsh  # scripts/package (dpkg-shlibdeps) and tests/e2e/test_package.sh
  nodejs  # (and npm) tests/e2e/test_otlp_*.sh: the official OpenTelemetry JS packages check our OTLP (tests/support/otlp_node)
)

genops_install_missing() {
  local missing=()
  for p in "${genops_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  echo "installing: ${missing[*]}"
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Test-only npm packages (pinned by tests/support/otlp_node/package-lock.json):
# protobufjs with the OTLP definitions of @opentelemetry/otlp-transformer, and
# the OpenTelemetry JS SDK that produces spans for the ingest tests.
genops_install_node_checkers() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/support/otlp_node"
  [[ -d $dir/node_modules/@opentelemetry/otlp-transformer && -d $dir/node_modules/@opentelemetry/sdk-trace-base ]] && return 0
  if ! command -v npm >/dev/null; then  # Debian packages npm apart from nodejs; NodeSource's nodejs has it
    local sudo=()
    [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  echo "installing the OTLP test checkers (npm ci in tests/support/otlp_node)"
  npm ci --prefix "$dir" --no-audit --no-fund --ignore-scripts >/dev/null
}
