#!/usr/bin/env bash
# A long fuzz campaign: every target (fuzz/targets.cmake) built with clang and
# -fsanitize=fuzzer,address,undefined, run for SECONDS each (default 600), as many at a time
# as there are cores. Ends with a markdown table: executions, coverage, corpus, crashes.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Work dirs (corpus, artifacts, logs) are under build/fuzz-campaign/. A crash leaves its input
# in build/fuzz-campaign/run-<target>/artifacts/: minimise it (-minimize_crash=1) and commit it
# under fuzz/regressions/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh cmake make clang libclang-rt-14-dev libboost-dev
seconds=${1:-600}
shift || true
build=build/fuzz-campaign
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DSIPWIRE_BUILD_FUZZ=ON \
      -DSIPWIRE_FUZZ_ENGINE=libfuzzer -DSIPWIRE_BUILD_TESTS=OFF -DSIPWIRE_BUILD_BENCH=OFF -DSIPWIRE_BUILD_EXAMPLES=OFF >/dev/null
if [ $# -gt 0 ]; then
  targets=("$@")
else
  read -r -a targets < <(sed -n 's/^set(SIPWIRE_FUZZ_TARGETS \(.*\))$/\1/p' fuzz/targets.cmake)
fi
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null
shared=$(cd .. && pwd)/shared/corpus

run() {
  local t=$1
  bash fuzz/run.sh "$build/fuzz/fuzz_$t" "$t" "$seconds" "$PWD/$build/run-$t" "$shared" > "$build/$t.log" 2>&1
  echo $? > "$build/$t.rc"
}
jobs_max=$(nproc)
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do sleep 1; done
  echo "fuzzing $t for $seconds s"
  run "$t" &
done
wait

echo
echo "| target | seconds | executions | exec/s | coverage (edges) | features | corpus | crashes |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
status=0
for t in "${targets[@]}"; do
  log="$build/$t.log"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | grep -E 'cov: ' | tail -1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.*corp: \([0-9]*\).*/\1/p' <<<"$last")
  crashes=$(find "$build/run-$t/artifacts" -type f | wc -l)
  [ "$(cat "$build/$t.rc")" = 0 ] || status=1
  echo "| $t | $seconds | ${runs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | $crashes |"
done
exit $status
