#!/usr/bin/env bash
# Installs what is missing, builds, creates the sample city database on first run
# (var/hadir.sqlite, 40,000 employees, tokens in var/tokens.tsv) and starts the server
# on 127.0.0.1:7420. Extra arguments go to hadir-server (e.g. --port 7500).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/deps.sh
swift build -c release --product hadir-server
swift build -c release --product hadir
bin=$(swift build -c release --show-bin-path)

if [[ ! -f var/hadir.sqlite ]]; then
    "$bin/hadir" init --db var/hadir.sqlite --tokens var/tokens.tsv --employees "${HADIR_EMPLOYEES:-40000}"
fi
exec "$bin/hadir-server" --db var/hadir.sqlite "$@"
