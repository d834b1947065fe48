#!/usr/bin/env bash
# Set up a virtual environment (once) and run site-builder in it.
#   bash scripts/dev.sh build            build the site into public/
#   bash scripts/dev.sh serve            build, serve on http://127.0.0.1:8000/ and rebuild on change
#   bash scripts/dev.sh check|new|ingest ...
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/site-builder ] || [ pyproject.toml -nt .venv/.installed ]; then
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed" >&2; exit 1; }
  [ -d .venv ] || "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[search]"
  touch .venv/.installed
fi
# Messages that suggest a command name this script, which is how a README user runs the builder.
export SITE_BUILDER_COMMAND="bash scripts/dev.sh"
exec .venv/bin/site-builder "${@:-build}"
