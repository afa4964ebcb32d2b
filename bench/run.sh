#!/usr/bin/env bash
# bench/run.sh — Hadir beside Redis (appendfsync always) and PostgreSQL, in one go on this
# machine, then the morning rush, 10,000 idle connections and bytes on the wire.
#
#   bench/run.sh                 # C=50 connections, 10 s per rate run
#   C=100 RUN_SECONDS=5 bench/run.sh
#
# Prints figures; asserts no timing. Every server listens on 127.0.0.1 only, in a temporary
# directory removed at the end; every load run is bounded in count and time.
set -euo pipefail
cd "$(dirname "$0")/.."

C=${C:-50}                 # connections (Redis and PostgreSQL clients, Hadir connections)
SECONDS_PER_RUN=${RUN_SECONDS:-10}
(( SECONDS_PER_RUN >= 1 && SECONDS_PER_RUN <= 60 )) || { echo "RUN_SECONDS must be 1-60" >&2; exit 2; }
EMPLOYEES=${EMPLOYEES:-40000}
WINDOW=${WINDOW:-60}
IDLE=${IDLE:-10000}
BASE_PORT=${BASE_PORT:-17500}
REDIS_PORT=$((BASE_PORT + 1)); HADIR_PORT=$((BASE_PORT + 2)); PG_PORT=$((BASE_PORT + 3))

ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# Always build: an incremental build is quick, and a stale binary would measure old code.
if true; then
    swift build -c release >/dev/null
fi
BIN=.build/release
T=$(mktemp -d /tmp/hadir-bench.XXXXXX)
chmod 755 "$T"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [[ -d $T/pg/data ]]; then runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$T/pg/data" -m fast stop >/dev/null 2>&1 || true; fi
    wait 2>/dev/null || true
    rm -rf "$T"
}
trap cleanup EXIT
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {'d': d}))" "$@"; }
calc() { python3 -c "print($1)"; }
wait_port() { for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; return 1; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
start_hadir() { # DB → sets HADIR_PID
    "$BIN/hadir-server" --db "$1" --port "$HADIR_PORT" --log-level warning >>"$T/hadir-server.log" 2>&1 &
    HADIR_PID=$!; PIDS+=("$HADIR_PID"); wait_port "$HADIR_PORT"
}
stop_hadir() { kill -TERM "$HADIR_PID"; wait "$HADIR_PID" 2>/dev/null || true; }

echo "== Hadir benchmark on $(nproc) cores, $(date -u +%FT%TZ), C=$C connections, ${SECONDS_PER_RUN} s per rate run"
echo "   kernel $(uname -r); $(redis-server --version | cut -d' ' -f1-3); $($BIN/hadir-server --help >/dev/null 2>&1; echo hadir-server release build $(git rev-parse --short HEAD))"
echo

# 1. Redis, appendonly with an fsync before every reply.
mkdir -p "$T/redis"
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$T/redis" --appendonly yes --appendfsync always \
    --save "" --protected-mode yes --daemonize no --logfile "$T/redis/log" &
REDIS_PID=$!; PIDS+=("$REDIS_PID"); wait_port "$REDIS_PORT"
redis-cli -p "$REDIS_PORT" config get appendfsync | tr '\n' ' ' | sed 's/^/   redis: /'; echo
r0=$(bench/cpu.sh "$REDIS_PID")
start=$(date +%s.%N)
REDIS_REQS=$((SECONDS_PER_RUN * 20000))
timeout $((SECONDS_PER_RUN * 10)) redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -t set -c "$C" -n "$REDIS_REQS" \
    -r 100000 -d 16 --csv >"$T/redis.csv" 2>/dev/null \
    || { echo "redis-benchmark did not finish $REDIS_REQS requests in $((SECONDS_PER_RUN * 10)) s" >&2; exit 1; }
r1=$(bench/cpu.sh "$REDIS_PID")
REDIS_RATE=$(python3 -c "import csv; rows=list(csv.reader(open('$T/redis.csv'))); print(rows[1][1])")
REDIS_P99=$(python3 -c "import csv; rows=list(csv.reader(open('$T/redis.csv'))); h=rows[0]; print(rows[1][h.index('p99_latency_ms')] if 'p99_latency_ms' in h else '?')")
REDIS_CPU=$(calc "($r1 - $r0) / $REDIS_REQS * 1000 * 1000")
kill "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null || true
printf "1. Redis SET, appendfsync always   %10.0f ops/s   p99 %s ms   server CPU %.1f ms per 1,000 ops (%s requests)\n" \
    "$REDIS_RATE" "$REDIS_P99" "$REDIS_CPU" "$REDIS_REQS"

# 2. Hadir, durable check-ins (synchronous=FULL, reply after COMMIT), closed loop.
"$BIN/hadir" init --db "$T/rate/hadir.sqlite" --tokens "$T/rate/tokens.tsv" --employees "$EMPLOYEES" >/dev/null 2>&1 \
    || { mkdir -p "$T/rate" && "$BIN/hadir" init --db "$T/rate/hadir.sqlite" --tokens "$T/rate/tokens.tsv" --employees "$EMPLOYEES" >/dev/null; }
start_hadir "$T/rate/hadir.sqlite"
h0=$(bench/cpu.sh "$HADIR_PID")
"$BIN/hadir-load" closed --port "$HADIR_PORT" --tokens "$T/rate/tokens.tsv" -c "$C" -k 1 -t "$SECONDS_PER_RUN" \
    -n 5000000 --quiet --json >"$T/hadir1.json"
h1=$(bench/cpu.sh "$HADIR_PID")
"$BIN/hadir-load" closed --port "$HADIR_PORT" --tokens "$T/rate/tokens.tsv" --first-token "$C" -c "$C" -k 4 \
    -t "$SECONDS_PER_RUN" -n 5000000 --quiet --json >"$T/hadir4.json"
h2=$(bench/cpu.sh "$HADIR_PID")
stop_hadir
HADIR_RATE=$(json "$T/hadir1.json" "d['throughput_per_s']")
HADIR_OK=$(json "$T/hadir1.json" "d['ok']")
HADIR_CPU=$(calc "($h1 - $h0) / $HADIR_OK * 1e6")
HADIR4_RATE=$(json "$T/hadir4.json" "d['throughput_per_s']")
HADIR4_CPU=$(calc "($h2 - $h1) / $(json "$T/hadir4.json" "d['ok']") * 1e6")
printf "2. Hadir check-in, durable, K=1     %10.0f calls/s p99 %.2f ms  server CPU %.1f ms per 1,000 calls (errors %s)\n" \
    "$HADIR_RATE" "$(json "$T/hadir1.json" "d['latency_ns']['p99']/1e6")" "$HADIR_CPU" "$(json "$T/hadir1.json" "d['errors_total']")"
printf "   Hadir check-in, durable, K=4     %10.0f calls/s p99 %.2f ms  server CPU %.1f ms per 1,000 calls (errors %s)\n" \
    "$HADIR4_RATE" "$(json "$T/hadir4.json" "d['latency_ns']['p99']/1e6")" "$HADIR4_CPU" "$(json "$T/hadir4.json" "d['errors_total']")"
printf "   (hadir-load's own CPU: %.1f s and %.1f s over the two runs)\n" \
    "$(json "$T/hadir1.json" "d['client_cpu_seconds']")" "$(json "$T/hadir4.json" "d['client_cpu_seconds']")"

# 3. PostgreSQL, if installed: one check-in row per transaction, synchronous_commit on.
PG_BIN=/usr/lib/postgresql/15/bin
PG_RATE=""
if apt list --installed 2>/dev/null | grep -q '^postgresql-[0-9]*/' && [[ -x $PG_BIN/postgres ]] && id postgres >/dev/null 2>&1; then
    mkdir -p "$T/pg/sock"; chown -R postgres "$T/pg"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$T/pg/data" -A trust -U postgres >/dev/null
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$T/pg/data" -l "$T/pg/log" -w -o \
        "-p $PG_PORT -k $T/pg/sock -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=$((C + 20)) -c shared_buffers=256MB" \
        start >/dev/null
    PG_PID=$(head -1 "$T/pg/data/postmaster.pid")
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c "
        CREATE TABLE attendance_events (id bigserial PRIMARY KEY, employee_id bigint NOT NULL,
            device_id bigint NOT NULL, event_seq bigint NOT NULL, kind smallint NOT NULL, mode smallint NOT NULL,
            recorded_at_ms bigint NOT NULL, received_at_ms bigint NOT NULL, UNIQUE (device_id, event_seq));
        CREATE INDEX ON attendance_events (employee_id, recorded_at_ms);
        CREATE SEQUENCE event_seq;" >/dev/null
    cat >"$T/pg/checkin.sql" <<'SQL'
\set e random(1, 40000)
INSERT INTO attendance_events (employee_id, device_id, event_seq, kind, mode, recorded_at_ms, received_at_ms)
VALUES (:e, :e, nextval('event_seq'), 1, 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
        (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
SQL
    p0=$(bench/cpu.sh --tree "$PG_PID")
    runuser -u postgres -- pgbench -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$C" -j 2 \
        -T "$SECONDS_PER_RUN" -f "$T/pg/checkin.sql" postgres >"$T/pg/pgbench.out" 2>&1
    sleep 0.5
    p1=$(bench/cpu.sh --tree "$PG_PID")
    PG_RATE=$(awk '/^tps = / { print $3; exit }' "$T/pg/pgbench.out")
    PG_TX=$(awk '/number of transactions actually processed/ { print $NF }' "$T/pg/pgbench.out" | cut -d/ -f1)
    PG_LAT=$(awk '/^latency average/ { print $4 }' "$T/pg/pgbench.out")
    PG_CPU=$(calc "($p1 - $p0) / $PG_TX * 1e6")
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$T/pg/data" -m fast stop >/dev/null
    printf "3. PostgreSQL 15 INSERT, sync commit%10.0f tx/s    avg %s ms    server CPU %.1f ms per 1,000 tx (%s tx, all backends)\n" \
        "$PG_RATE" "$PG_LAT" "$PG_CPU" "$PG_TX"
else
    echo "3. PostgreSQL                       skipped (not installed)"
fi
echo
echo "   Hadir / Redis rate          $(calc "round($HADIR_RATE / $REDIS_RATE, 2)")   (target >= 1.0)"
[[ -n $PG_RATE ]] && echo "   Hadir / PostgreSQL rate     $(calc "round($HADIR_RATE / $PG_RATE, 2)")   (target >= 4)"
echo "   CPU per call, Hadir / Redis $(calc "round($HADIR_CPU / $REDIS_CPU, 2)")"
[[ -n $PG_RATE ]] && echo "   CPU per call, Hadir / PostgreSQL $(calc "round($HADIR_CPU / $PG_CPU, 2)")"
echo

# 4. The morning rush.
mkdir -p "$T/morning"
"$BIN/hadir" init --db "$T/morning/hadir.sqlite" --tokens "$T/morning/tokens.tsv" --employees "$EMPLOYEES" >/dev/null
start_hadir "$T/morning/hadir.sqlite"
m0=$(bench/cpu.sh "$HADIR_PID")
"$BIN/hadir-load" morning --port "$HADIR_PORT" --tokens "$T/morning/tokens.tsv" --employees "$EMPLOYEES" \
    --window "$WINDOW" --curve triangular:0.8333 --retry-share 0.05 --reconnect-share 0.02 \
    --acked "$T/morning/acked.txt" >"$T/morning.txt" 2>"$T/morning.progress"
m1=$(bench/cpu.sh "$HADIR_PID")
stop_hadir
echo "4. Morning: $EMPLOYEES check-ins over $WINDOW s (triangular, peak at 25/30 of the window: $(calc "round(2 * $EMPLOYEES / $WINDOW)")/s)"
sed 's/^/   /' "$T/morning.txt"
sqlite3 "$T/morning/hadir.sqlite" >"$T/morning/check.txt" <<SQL
CREATE TEMP TABLE acked (id INTEGER);
.mode csv
.import $T/morning/acked.txt acked
.mode list
.separator " "
SELECT 'rows', count(*) FROM attendance_events WHERE kind = 1;
SELECT 'employees', count(DISTINCT employee_id) FROM attendance_events WHERE kind = 1;
SELECT 'acknowledged', count(*), count(DISTINCT id) FROM acked;
SELECT 'missing', count(*) FROM acked WHERE id NOT IN (SELECT id FROM attendance_events);
SELECT 'doubled', count(*) FROM (SELECT employee_id FROM attendance_events WHERE kind = 1 GROUP BY employee_id HAVING count(*) > 1);
SELECT 'unacknowledged_rows', count(*) FROM attendance_events WHERE kind = 1 AND id NOT IN (SELECT id FROM acked);
SQL
read -r _ ROWS < <(grep '^rows' "$T/morning/check.txt")
read -r _ ACKED ACKED_DISTINCT < <(grep '^acknowledged' "$T/morning/check.txt")
read -r _ MISSING < <(grep '^missing' "$T/morning/check.txt")
read -r _ DOUBLED < <(grep '^doubled' "$T/morning/check.txt")
read -r _ EXTRA < <(grep '^unacknowledged_rows' "$T/morning/check.txt")
echo "   database after: $ROWS check-in rows; acknowledged $ACKED (distinct event ids $ACKED_DISTINCT);" \
     "missing $MISSING; doubled $DOUBLED; rows never acknowledged $EXTRA"
printf "   server CPU over the morning: %.2f s\n" "$(calc "$m1 - $m0")"
echo

# 5. Idle connections: server memory per connection.
start_hadir "$T/morning/hadir.sqlite"
sleep 1
RSS0=$(rss_kb "$HADIR_PID")
"$BIN/hadir-load" idle --port "$HADIR_PORT" --tokens "$T/morning/tokens.tsv" -c "$IDLE" --hold 8 \
    --ready-file "$T/idle.ready" --quiet --json >"$T/idle.json" &
IDLE_PID=$!
for _ in $(seq 1 300); do [[ -f $T/idle.ready ]] && break; sleep 0.1; done
sleep 2
RSS1=$(rss_kb "$HADIR_PID")
wait "$IDLE_PID"
stop_hadir
IDLE_OK=$(json "$T/idle.json" "d['idle_connections']")
echo "5. Idle connections: $IDLE_OK of $IDLE open, each after a Hello (session bound)"
echo "   server VmRSS ${RSS0} KiB before, ${RSS1} KiB with them open:" \
     "$(calc "round(($RSS1 - $RSS0) * 1024 / $IDLE_OK)") bytes per connection (target <= 2048)"
echo

# 6. Bytes on the wire.
RT=$(json "$T/hadir1.json" "round(d['round_trip_bytes'], 1)")
REQ=$(json "$T/hadir1.json" "round(d['call_bytes_sent_per_call'], 1)")
REP=$(json "$T/hadir1.json" "round(d['call_bytes_received_per_call'], 1)")
PB=$(json "$T/hadir1.json" "round(d['request_body_bytes'], 1)")
RB=$(json "$T/hadir1.json" "round(d['reply_body_bytes'], 1)")
HELLO=$(json "$T/idle.json" "round((d['bytes_sent'] + d['bytes_received']) / max(d['idle_connections'], 1), 1)")
echo "6. Bytes on the wire for one check-in round trip (measured by hadir-load over $(json "$T/hadir1.json" "d['ok']") calls)"
echo "   Hadir:  call frame $REQ + reply frame $REP = $RT bytes (Punch $PB B, PunchReply $RB B inside)   (target <= 64)"
echo "   gRPC over HTTP/2, same messages, warm connection (HPACK sizes of /work/shared/reference/rpc-anchors.md §1.8):"
echo "     client: HEADERS 9 (frame header) + 14 (HPACK: dynamic-table hits, new grpc-timeout) = 23"
echo "             DATA    9 + 5 (gRPC prefix) + $PB (Punch) = $(calc "round(9 + 5 + $PB, 1)")"
echo "     server: HEADERS 9 + 2 (:status 200, content-type: indexed) = 11"
echo "             DATA    9 + 5 + $RB (PunchReply) = $(calc "round(9 + 5 + $RB, 1)")"
echo "             trailers HEADERS 9 + 1 (grpc-status: 0, indexed) = 10"
GRPC=$(calc "round(23 + 9 + 5 + $PB + 11 + 9 + 5 + $RB + 10, 1)")
echo "     total 23 + $(calc "round(14 + $PB, 1)") + 11 + $(calc "round(14 + $RB, 1)") + 10 = $GRPC bytes  →  Hadir / gRPC = $(calc "round($RT / $GRPC, 2)")"
echo "   First call on a new connection: Hadir Hello round trip $HELLO B + $RT = $(calc "round($HELLO + $RT, 1)") B;" \
     "gRPC ≈ 290 B of overhead + $(calc "round($PB + $RB, 1)") B payload ≈ $(calc "round(290 + $PB + $RB)") B (§1.8, with WINDOW_UPDATEs)"
echo "   (TCP/IP headers, 40-60 B a segment, are not counted on either side.)"
