#!/usr/bin/env bash
# npm packages for the browser tests and the Lighthouse script, installed into
# .cache/npm (git-ignored). Needs node and npm (Debian: nodejs, npm).
#   bash scripts/browser-deps.sh            axe-core and vnu-jar (tests)
#   bash scripts/browser-deps.sh lighthouse also Lighthouse (benchmarks/lighthouse.py)
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=.cache/npm
PACKAGES=(axe-core@4.11.0 vnu-jar@26.9.27)
[ "${1:-}" = lighthouse ] && PACKAGES+=(lighthouse@13.5.0)
missing=()
for spec in "${PACKAGES[@]}"; do
  name=${spec%@*}; version=${spec##*@}
  installed=$(node -p "require('./$PREFIX/node_modules/$name/package.json').version" 2>/dev/null || true)
  [ "$installed" = "$version" ] || missing+=("$spec")
done
if [ ${#missing[@]} -gt 0 ]; then
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error "${missing[@]}" >/dev/null
fi
