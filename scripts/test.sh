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
if [[ -x clients/interop_test.sh ]]; then
    clients/interop_test.sh
fi
