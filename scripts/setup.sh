#!/usr/bin/env bash
# Installs what taskforce-report needs on a fresh Debian machine: the system libraries
# WeasyPrint uses (Pango, HarfBuzz subsetting) and poppler-utils and qpdf for looking at PDFs,
# then the locked dependencies (requirements.lock) and the package. With --test also what the
# tests use: Chromium and its driver (the preview test), LibreOffice Calc (the workbook template
# test) and the Python test tools, from requirements-test.lock.
# Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils qpdf fonts-dejavu-core)
LOCK="requirements.lock"
if [ "${1:-}" = "--test" ]; then
  DEBIAN_PACKAGES+=(chromium chromium-driver libreoffice-calc-nogui libreoffice-writer-nogui python3-uno)
  # npm for axe-core: Debian's only where none is installed (a Node.js from elsewhere brings its
  # own npm, and Debian's npm package would ask to replace that Node.js)
  command -v npm >/dev/null 2>&1 || DEBIAN_PACKAGES+=(npm)
  LOCK="requirements-test.lock"
fi

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Please install: ${missing[*]}" >&2
  fi
fi

# Every version comes from the lock (scripts/lock.sh refreshes it); the package itself is then
# installed without resolving anything, so the environment is exactly the locked one.
python3 -m pip install -q --disable-pip-version-check -r "$LOCK"
python3 -m pip install -q --disable-pip-version-check --no-deps -e .
# An editable install leaves the package uncompiled, and where PYTHONDONTWRITEBYTECODE is set
# (as on this project's machines) every command would compile it again: about 0,3 s of each
# build and validate (docs/performance.md). Python still recompiles a module edited since.
python3 -m compileall -q taskforce_report
# axe-core, the accessibility checker of the HTML test, at the version of its npm lock
if [ "${1:-}" = "--test" ]; then
  (cd tests/axe && npm ci --no-audit --no-fund --silent)
fi
