#!/usr/bin/env bash
# Interop test: the Python client (clients/python), the C client (clients/c) and the
# Swift CLI against one hadir-server on 127.0.0.1, with a temporary database.
#
#   bash clients/interop_test.sh
#
# Installs what is missing (protoc, protoc-c, libprotobuf-c, a C compiler, the Python
# protobuf runtime and pytest), builds the server, the Swift CLI and the C client,
# generates the Python code from proto/, runs the Python unit tests and the interop
# tests, and always stops the server. The last line is the summary; the exit status is
# non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-python3}
EMPLOYEES=${HADIR_INTEROP_EMPLOYEES:-300}

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'INTEROP FAILED: %s\n' "$*"; exit 1; }

# ---- dependencies ---------------------------------------------------------------------
need_apt=()
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
command -v protoc-c >/dev/null || need_apt+=(protobuf-c-compiler)
[[ -f /usr/include/protobuf-c/protobuf-c.h ]] || need_apt+=(libprotobuf-c-dev)
command -v cc >/dev/null || need_apt+=(gcc libc6-dev)
command -v make >/dev/null || need_apt+=(make)
command -v "$PY" >/dev/null || need_apt+=(python3 python3-pip)
[[ -d /usr/share/zoneinfo/Asia ]] || need_apt+=(tzdata)
if ((${#need_apt[@]})); then
    log "apt-get install ${need_apt[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"; } >&2 \
        || die "apt-get install ${need_apt[*]}"
fi
# protoc 3.21's Python output needs the 4.21+ runtime (and not 5.x, which drops it).
if ! "$PY" - <<'PYEOF' 2>/dev/null
import google.protobuf, pytest
major, minor = (int(x) for x in google.protobuf.__version__.split(".")[:2])
raise SystemExit(0 if (major, minor) >= (4, 21) and major < 5 else 1)
PYEOF
then
    log "pip install protobuf pytest"
    pip_flags=()
    "$PY" -m pip install --help 2>/dev/null | grep -q -- --break-system-packages && pip_flags+=(--break-system-packages)
    "$PY" -m pip install -q "${pip_flags[@]}" 'protobuf>=4.21.12,<5' pytest >&2 || die "pip install protobuf pytest"
fi

# ---- builds ---------------------------------------------------------------------------
log "swift build (hadir-server, hadir)"
swift build --product hadir-server >&2 && swift build --product hadir >&2 || die "swift build"
BIN=$(swift build --show-bin-path)
log "make -C clients/c"
make -s -C clients/c >&2 || die "building clients/c"
log "generating clients/python from proto/"
"$PY" clients/python/generate.py >&2 || die "clients/python/generate.py"

# ---- server ---------------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hadir-interop.XXXXXX")
SERVER_PID=""
cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    if [[ ${KEEP_TMP:-0} == 1 ]]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "hadir init ($EMPLOYEES employees) in $TMP"
"$BIN/hadir" init --db "$TMP/hadir.sqlite" --tokens "$TMP/tokens.tsv" --employees "$EMPLOYEES" >&2 || die "hadir init"

started=0
for attempt in 1 2 3 4 5; do
    PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$BIN/hadir-server" --db "$TMP/hadir.sqlite" --host 127.0.0.1 --port "$PORT" >"$TMP/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        grep -q 'label=hadir-server msg=serving' "$TMP/server.log" 2>/dev/null && { started=1; break; }
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    ((started)) && break
    log "server did not start on port $PORT (attempt $attempt):"; tail -5 "$TMP/server.log" >&2
    kill -KILL "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
done
((started)) || die "hadir-server did not start"
log "hadir-server pid $SERVER_PID on 127.0.0.1:$PORT"

# ---- tests ----------------------------------------------------------------------------
export HADIR_PORT=$PORT HADIR_TOKENS="$TMP/tokens.tsv" HADIR_SWIFT_CLI="$BIN/hadir" \
       HADIR_C_CLI="$ROOT/clients/c/build/hadir-c"
"$PY" -m pytest -q -p no:cacheprovider -p no:randomly -p no:benchmark --rootdir "$ROOT/clients" \
    clients/python/tests/test_unit.py clients/tests/test_interop.py \
    2>&1 | tee "$TMP/pytest.log"
status=${PIPESTATUS[0]}
kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died during the tests:"; tail -20 "$TMP/server.log"; status=1; }
summary=$(grep -E '^=*.*(passed|failed|error).* in [0-9.]+s' "$TMP/pytest.log" | tail -1 | tr -d '=' | sed 's/^ *//; s/ *$//')
if [[ $status == 0 ]]; then
    echo "INTEROP PASSED: ${summary:-all tests passed} (python, c, swift against hadir-server 127.0.0.1:$PORT)"
else
    grep -E '^(FAILED|ERROR) ' "$TMP/pytest.log" | sed 's/^/  /'
    echo "INTEROP FAILED: ${summary:-pytest exited $status}"
fi
exit "$status"
