#!/usr/bin/env bash
# The main job: build sipwire-dump and print a one-line summary of every message of the
# bundled call flow (examples/flows: userB registers, then userA calls userB through the
# proxies of sipA.com and sipB.com; file names say which hop each message travels).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh cmake make g++ libboost-dev >&2
cmake -S . -B build/demo -DCMAKE_BUILD_TYPE=Release -DSIPWIRE_BUILD_TESTS=OFF -DSIPWIRE_BUILD_BENCH=OFF >/dev/null
cmake --build build/demo --target sipwire-dump -j "$(nproc)" >/dev/null
exec build/demo/examples/sipwire-dump examples/flows/*.sip
