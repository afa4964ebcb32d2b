#!/usr/bin/env bash
# Installs what is missing, checks the generated code is current, and runs every test:
# the Swift suites (unit, conformance against protobuf-c, end to end over TCP) and the
# interop tests of the Python and C clients.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/deps.sh
./scripts/generate.sh --check
swift build --build-tests
swift test --skip-build
# The Python and C clients against a real server, then `hadir call` on every method
# and its JSON mapping against the Python protobuf runtime (installed by the first).
clients/interop_test.sh
scripts/call_e2e.sh
python3 scripts/call_json_crosscheck.py
