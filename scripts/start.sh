#!/usr/bin/env bash
# Start the dashboard: sets up .venv if needed (scripts/setup.sh), then runs Streamlit on app.py
# (through dashboard/serve.py, so that links to a page work from the first visit).
# The app builds its DuckDB warehouse itself on first start.
#
#   scripts/start.sh                          Streamlit defaults (http://localhost:8501)
#   scripts/start.sh --server.port 8502       another port; any `streamlit run` option passes
#   scripts/start.sh --server.address 0.0.0.0 --server.port 8080
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh
exec .venv/bin/python -m dashboard.serve "$@"
