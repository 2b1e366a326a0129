#!/usr/bin/env bash
# Installs everything the test suite needs into .venv, then runs the whole suite.
# Used by the README's test command and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]' 2>&1 \
  | grep -v "^WARNING: Location" || true

exec .venv/bin/python -m pytest -q "$@"
