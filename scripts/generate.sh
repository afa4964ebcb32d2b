#!/usr/bin/env bash
# Regenerates the Swift code made from proto/: messages into HadirProto, client
# stubs into HadirClient, provider protocols into HadirServer.
# With --check, writes into a temporary folder and fails if anything differs.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product protoc-gen-hadir >/dev/null
plugin="$(swift build --show-bin-path)/protoc-gen-hadir"
protos=(proto/hadir/v1/*.proto)
targets=(messages:Sources/HadirProto/Generated client:Sources/HadirClient/Generated server:Sources/HadirServer/Generated \
         test:Tests/HadirTestProtos/Generated)

check=0
[[ "${1:-}" == "--check" ]] && check=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

status=0
for pair in "${targets[@]}"; do
    kind=${pair%%:*}
    dir=${pair#*:}
    out="$scratch/$kind"
    mkdir -p "$out"
    if [[ $kind == test ]]; then
        # Test-only protos exercise what the contract does not use (optional, maps).
        protoc -I Tests/Protos --plugin=protoc-gen-hadir="$plugin" \
            --hadir_out="$out" --hadir_opt=messages Tests/Protos/hadir/test/*.proto
    else
        protoc -I proto --plugin=protoc-gen-hadir="$plugin" \
            --hadir_out="$out" --hadir_opt="$kind" "${protos[@]}"
    fi
    if [[ $check == 1 ]]; then
        if ! diff -ru "$dir" "$out" >/dev/null 2>&1; then
            echo "generated code in $dir is out of date: run 'make generate'" >&2
            diff -ru "$dir" "$out" | head -40 >&2 || true
            status=1
        fi
    else
        rm -rf "$dir"
        mkdir -p "$dir"
        cp "$out"/*.swift "$dir"/
        echo "generated $dir ($(ls "$out" | wc -l) files)"
    fi
done
exit $status
