#!/usr/bin/env bash
# Idempotent setup for a fresh Debian machine.
#
#   scripts/setup.sh          .venv with the runtime packages (requirements.txt) and, through apt,
#                             Debian's chromium and fonts-wqy-microhei: chart images, the .pptx and
#                             PDF decks are rendered by Chromium, and without a CJK font Chinese
#                             renders as empty boxes
#   scripts/setup.sh --dev    also the test packages (requirements-dev.txt)
#   scripts/setup.sh --force  reinstall the Python packages even if nothing changed
#
# Runs from any directory. apt runs as root directly, otherwise through sudo; it is skipped
# when the packages are already installed. pip is skipped when the requirements files and the
# Python version are unchanged since the last successful run (stamp files inside .venv/).
# PYTHON=/path/to/python3 picks the interpreter used to create .venv (default: python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DEV=0
FORCE=0
for arg in "$@"; do
  case "$arg" in
    --dev) DEV=1 ;;
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup.sh: unknown argument: $arg (expected --dev, --force)" >&2; exit 2 ;;
  esac
done

PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
APT_PACKAGES=(chromium fonts-wqy-microhei)
export DEBIAN_FRONTEND=noninteractive PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# Runs a command with its output captured; prints the output only when it fails.
quiet() {
  local log rc=0
  log="$(mktemp)"
  "$@" >"$log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    printf '[setup] command failed (exit %s): %s\n' "$rc" "$*" >&2
    tail -n 60 "$log" >&2
  fi
  rm -f "$log"
  return "$rc"
}

is_installed() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'; }

apt_install() {
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to apt-get install: $*"
    # -n: never wait for a password when there is no terminal (CI).
    if [ -t 0 ]; then as_root=(sudo); else as_root=(sudo -n); fi
    as_root+=(env DEBIAN_FRONTEND=noninteractive)
  fi
  say "apt-get install $* ..."
  quiet "${as_root[@]}" apt-get update -q
  quiet "${as_root[@]}" apt-get install -y -q "$@"
}

# --- Debian packages ---------------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get (not Debian?)"
  apt_install "${APT_PACKAGES[@]}"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium not found after installing chromium"

# --- virtualenv -----------------------------------------------------------------------------
if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -c '' >/dev/null 2>&1; then
  say ".venv is broken (its Python no longer runs), recreating it"
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    # Debian ships venv/ensurepip separately from python3.
    if command -v apt-get >/dev/null 2>&1; then
      apt_install python3 python3-venv
      PYTHON=python3
    else
      die "$PYTHON cannot create virtualenvs (no venv/ensurepip module)"
    fi
  fi
  say "creating .venv with $("$PYTHON" --version 2>&1)"
  quiet "$PYTHON" -m venv "$VENV"
fi

# --- Python packages --------------------------------------------------------------------------
if [ "$DEV" -eq 1 ]; then mode=dev; reqs=requirements-dev.txt; else mode=runtime; reqs=requirements.txt; fi
fingerprint="$(
  { "$VENV/bin/python" -c 'import sys; print(sys.version)'; cat requirements.txt requirements-dev.txt; } \
    | sha256sum | cut -d' ' -f1
)"
stamp_ok() { [ -f "$VENV/.setup-$1.sha256" ] && [ "$(cat "$VENV/.setup-$1.sha256")" = "$fingerprint" ]; }

if [ "$FORCE" -eq 0 ] && { stamp_ok "$mode" || { [ "$mode" = runtime ] && stamp_ok dev; }; }; then
  say "Python packages up to date ($reqs)"
else
  say "installing Python packages from $reqs ..."
  rm -f "$VENV"/.setup-*.sha256
  quiet "$VENV/bin/python" -m pip install -q --upgrade pip
  quiet "$VENV/bin/python" -m pip install -q --progress-bar off -r "$reqs"
  printf '%s\n' "$fingerprint" >"$VENV/.setup-$mode.sha256"
  if [ "$mode" = dev ]; then printf '%s\n' "$fingerprint" >"$VENV/.setup-runtime.sha256"; fi
fi

say "ready ($("$VENV/bin/python" --version 2>&1) in .venv$([ "$DEV" -eq 1 ] && echo ', dev'))"
