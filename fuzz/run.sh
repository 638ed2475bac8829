#!/usr/bin/env bash
# One bounded libFuzzer campaign:
#   fuzz/run.sh BINARY TARGET SECONDS WORKDIR [SHARED_CORPUS_DIR]
# Seeds are made fresh in WORKDIR from the project's own messages (examples/flows,
# examples/testdata, bench/messages), the target's past findings
# (fuzz/regressions/TARGET) and, when given and present, the shared RFC corpus (*.sip, read
# in place).
# Per-header targets get the values of their headers, cut out of those messages. Nothing is
# written inside the source tree. A crash, leak, timeout or failed check exits non-zero and
# leaves the input in WORKDIR/artifacts; the last lines printed are libFuzzer's statistics.
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") target=$2 seconds=$3 work=$4 shared=${5:-}
src=$(cd "$(dirname "$0")/.." && pwd)

rm -rf "$work"
mkdir -p "$work/seeds" "$work/corpus" "$work/artifacts"

messages=()
for d in "$src/examples/flows" "$src/examples/testdata" "$src/bench/messages"; do
  [ -d "$d" ] && while IFS= read -r -d '' f; do messages+=("$f"); done < <(find "$d" -type f ! -name '.*' -print0)
done
if [ -n "$shared" ] && [ -d "$shared" ]; then
  while IFS= read -r -d '' f; do messages+=("$f"); done < <(find "$shared" -type f -name '*.sip' -print0)
else
  echo "note: no shared corpus ($shared): seeding from the project's own messages only"
fi

# The values of the headers named by the regex (long and compact names), one file each.
values_of() {
  local regex=$1 n=0
  for f in "${messages[@]}"; do
    tr -d '\r' < "$f" | sed -n '/^$/q;p' | grep -iE "^($regex)[ \t]*:" | sed -E 's/^[^:]*:[ \t]*//' || true
  done | sort -u | while IFS= read -r v; do
    n=$((n + 1))
    printf '%s' "$v" > "$work/seeds/v$n"
  done
}

case $target in
  via) values_of 'via|v' ;;
  name_addr) values_of 'from|f|to|t|contact|m|route|record-route|refer-to|r|p-asserted-identity' ;;
  auth) values_of 'www-authenticate|proxy-authenticate|authorization|proxy-authorization' ;;
  uri)
    for f in "${messages[@]}"; do
      tr -d '\r' < "$f" | sed -n '/^$/q;p' | { head -n1 | awk 'NF == 3 && $3 ~ /^SIP\// { print $2 }'; } || true
      tr -d '\r' < "$f" | sed -n '/^$/q;p' | grep -oE '<[^<>]+>' | tr -d '<>' || true
    done | sort -u | awk '{ printf "%s", $0 > (dir "/u" NR) }' dir="$work/seeds" ;;
  values) ;;  # the first byte picks the parser: the dictionary and mutations do the rest
  *) i=0; for f in "${messages[@]}"; do i=$((i + 1)); cp "$f" "$work/seeds/m$i-$(basename "$f")"; done ;;
esac
[ -d "$src/fuzz/regressions/$target" ] && find "$src/fuzz/regressions/$target" -type f ! -name '.*' -exec cp {} "$work/seeds/" \;
echo "fuzz $target: $(find "$work/seeds" -type f | wc -l) seeds, ${seconds} s"

cd "$work"
exec "$bin" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -dict="$src/fuzz/sip.dict" -artifact_prefix="$work/artifacts/" "$work/corpus" "$work/seeds"
