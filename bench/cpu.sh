#!/usr/bin/env bash
# cpu.sh PID        the process's own CPU time, all threads (utime + stime of /proc/PID/stat)
# cpu.sh --tree PID the process, its waited-for dead children (cutime + cstime) and its live
#                   children: for PostgreSQL, whose backends are processes
# Prints seconds.
set -euo pipefail
hz=$(getconf CLK_TCK)
stat_of() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null || true; }
if [[ $1 == --tree ]]; then
    pid=$2
    # After the ") ": field 1 is state, so utime is $12, stime $13, cutime $14, cstime $15.
    total=$(stat_of "$pid" | awk '{ print $12 + $13 + $14 + $15 }')
    for child in $(pgrep -P "$pid" || true); do
        total=$((total + $(stat_of "$child" | awk '{ print $12 + $13 }' || echo 0)))
    done
else
    total=$(stat_of "$1" | awk '{ print $12 + $13 }')
fi
awk -v t="$total" -v hz="$hz" 'BEGIN { printf "%.2f\n", t / hz }'
