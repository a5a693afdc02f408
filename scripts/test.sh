#!/usr/bin/env bash
# Run all tests: sets up .venv with the dev packages plus Debian's chromium and CJK fonts
# (scripts/setup.sh --dev), then runs pytest. Extra arguments go to pytest, e.g.
#   scripts/test.sh -m "not browser"      skip the real-browser tests
#   scripts/test.sh tests/browser -x      only the browser tests
# Screenshots and server logs of the browser tests land in test-artifacts/.
# The exit code is pytest's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh --dev
exec .venv/bin/python -m pytest "$@"
