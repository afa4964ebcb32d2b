#!/usr/bin/env bash
# Installs the Debian packages Hadir needs, when any is missing.
set -euo pipefail

packages=(libsqlite3-dev sqlite3 protobuf-compiler libprotobuf-dev libprotoc-dev
          protobuf-c-compiler libprotobuf-c-dev tzdata)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null; then
    echo "swift is not on PATH: install the Swift 6 toolchain first" >&2
    exit 1
fi
