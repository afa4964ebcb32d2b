#!/usr/bin/env bash
# cpu.sh PID: the process's own CPU time (utime + stime from /proc/PID/stat), in seconds.
set -euo pipefail
ticks=$(getconf CLK_TCK)
# Fields after the ")" that ends the command name: utime is the 12th, stime the 13th.
awk -v hz="$ticks" '{ sub(/^.*\) /, ""); printf "%.3f\n", ($12 + $13) / hz }' "/proc/$1/stat"
