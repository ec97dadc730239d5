#!/usr/bin/env bash
# Refreshes the locks from pyproject.toml: every dependency, direct and transitive, at an exact
# version, for every platform and Python ≥ 3.11 (uv's universal resolution). setup.sh installs
# from them; nothing else names a version. Commit both files with the change that needed them.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check "uv==0.13.9"
python3 -m uv pip compile pyproject.toml --universal --python-version 3.11 -q \
  -o requirements.lock "$@"
python3 -m uv pip compile pyproject.toml --universal --python-version 3.11 -q --extra test \
  -o requirements-test.lock "$@"
