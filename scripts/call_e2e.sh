#!/usr/bin/env bash
# End-to-end check of `hadir call`: every method of the contract, with JSON, against a
# real hadir-server on 127.0.0.1 with a temporary database. Run after `swift build`.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)"
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
server_pid=""
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$bin/hadir" init --db "$work/h.sqlite" --tokens "$work/t.tsv" --employees 300 >/dev/null 2>&1
"$bin/hadir-server" --db "$work/h.sqlite" --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done

call() { "$bin/hadir" call --server "127.0.0.1:$port" --tokens "$work/t.tsv" "$@"; }
failures=0
check() {  # check NAME EXPECTED-SUBSTRING OUTPUT
    if [[ $3 == *"$2"* ]]; then echo "ok   $1"; else echo "FAIL $1: expected '$2' in:"; echo "$3"; failures=$((failures + 1)); fi
}

out=$(call SessionService/Hello '{}');                   check Hello '"employeeId": "' "$out"
employee=$(sed -n 's/.*"employeeId": "\([0-9]*\)".*/\1/p' <<<"$out")
nip=$(sed -n 's/.*"nip": "\([0-9]*\)".*/\1/p' <<<"$out")
out=$(call hadir.v1.AttendanceService/CheckIn '{"eventSeq": 1, "mode": "WORK_MODE_WFH", "place": {"name": "Rumah", "latitude": -7.25}}')
check CheckIn '"eventId": "' "$out"
out=$(call AttendanceService/CheckIn '{"event_seq": 1, "mode": 3}'); check 'CheckIn replayed' '"replayed": true' "$out"
out=$(echo '{"eventSeq": 2}' | call AttendanceService/CheckOut -); check CheckOut '"recordedAtMs": "' "$out"
out=$(call AttendanceService/GetDay '{}');                check GetDay '"mode": "WORK_MODE_WFH"' "$out"
today=$(sed -n 's/.*"date": "\([0-9-]*\)".*/\1/p' <<<"$out" | head -1)
out=$(call AttendanceService/GetDay '{"date": "2026-12-04"}' --emit-defaults); check 'GetDay 2026-12-04' '"date": "2026-12-04"' "$out"
out=$(call AttendanceService/ListDays "{\"from\": \"$today\", \"to\": \"$today\"}"); check ListDays '"days": [' "$out"
out=$(call DirectoryService/ListUnits '{}');              check ListUnits '"units": [' "$out"
out=$(call DirectoryService/GetEmployee "{\"id\": \"$employee\"}"); check 'GetEmployee by id' "\"nip\": \"$nip\"" "$out"
out=$(call DirectoryService/GetEmployee "{\"nip\": \"$nip\"}"); check 'GetEmployee by nip' "\"id\": \"$employee\"" "$out"
out=$(call DirectoryService/ListReports '{"pageSize": 5}' --compact); check ListReports '{' "$out"

# Errors: the server's status and detail on stderr, exit 1; bad JSON names the field, exit 2.
set +e
err=$(call AttendanceService/CheckOut '{"eventSeq": 3}' 2>&1 >/dev/null); code=$?
check 'server error' 'FAILED_PRECONDITION: ' "$err"; check 'server error exit' 1 "$code"
err=$(call AttendanceService/GetDay '{"date": "2026-13-45"}' 2>&1 >/dev/null); check 'INVALID_ARGUMENT' 'INVALID_ARGUMENT: date' "$err"
err=$(call AttendanceService/GetDay '{"dat": "x"}' 2>&1 >/dev/null); code=$?
check 'unknown key' 'unknown field "dat" in hadir.v1.GetDayRequest' "$err"; check 'unknown key exit' 2 "$code"
err=$(call AttendanceService/CheckIn '{"place": {"latitude": "north"}}' 2>&1 >/dev/null)
check 'bad value' 'place.latitude: expected a double' "$err"
set -e

if [[ $failures -gt 0 ]]; then echo "$failures failed"; exit 1; fi
echo "all hadir call checks passed"
