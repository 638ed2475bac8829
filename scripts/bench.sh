#!/usr/bin/env bash
# Benchmarks (Release build): sipwire's own figures, then the same-run comparison with the
# peer parsers that are installed (libosip2, sofia-sip, libre, belle-sip). Medians of 5 interleaved
# repetitions; each binary ends with a markdown table of those medians.
#   scripts/bench.sh [extra Google Benchmark flags]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh cmake make g++ libboost-dev libbenchmark-dev pkg-config libosip2-dev libsofia-sip-ua-dev libre-dev libbellesip-dev
cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DSIPWIRE_BUILD_TESTS=OFF -DSIPWIRE_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build/bench -j "$(nproc)" >/dev/null
flags=(--benchmark_repetitions=5 --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true
       --benchmark_min_time=0.2 "$@")
echo "## sipwire"
build/bench/bench/sipwire_bench "${flags[@]}" | sed -n '/^| benchmark/,$p'
if [ -x build/bench/bench/sipwire_bench_peers ]; then
  echo
  echo "## sipwire and the peer parsers, same run"
  build/bench/bench/sipwire_bench_peers "${flags[@]}" | sed -n '/^| message/,$p'
fi
