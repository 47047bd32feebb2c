#!/usr/bin/env bash
# npm run setup: installs what Rapport needs on a fresh machine and builds the extension and the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  # The end-to-end tests drive Debian's Chromium; test tools' own browser downloads cannot work here.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: install Debian's chromium (sudo apt-get install -y chromium) before running npm test" >&2
  fi
fi

npm ci --no-audit --no-fund
npm run build

cat <<'DONE'

Rapport is built.
  Chrome:  open chrome://extensions, switch on "Developer mode", click "Load unpacked" and choose dist/
  CLI:     npx rapport check draft.txt      (or: cat draft.txt | npx rapport check)
  Tests:   npm test
DONE
