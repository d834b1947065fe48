#!/usr/bin/env bash
# Install everything the tests need (Python packages, Debian's chromium, a Java
# runtime for the HTML validator, node/npm for axe-core and vnu.jar, Hugo and
# Pelican for the benchmark's converters, strace to kill builds at chosen system
# calls) and run the whole test suite.
#   bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v hugo >/dev/null 2>&1 || need_apt+=(hugo)
command -v strace >/dev/null 2>&1 || need_apt+=(strace)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed" >&2; exit 1; }
[ -d .venv ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test,search]"
touch .venv/.installed
bash scripts/browser-deps.sh  # axe-core and vnu.jar from npm into .cache/npm
# Pelican is no dependency of the project: the benchmark compares with it, from a venv of its own.
if [ -z "${PELICAN:-}" ]; then
  [ -x .cache/pelican/bin/pelican ] || { "$PYTHON" -m venv .cache/pelican &&
    .cache/pelican/bin/python -m pip install --quiet "pelican[markdown]>=4.12,<5"; }
  export PELICAN="$PWD/.cache/pelican/bin/pelican"
fi
exec .venv/bin/python -m pytest "$@"
