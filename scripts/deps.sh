#!/usr/bin/env bash
# Installs the Debian 12 packages a script needs, when any is missing.
#   scripts/deps.sh             everything the test suite needs
#   scripts/deps.sh PKG...      exactly these packages
set -euo pipefail
if [ $# -gt 0 ]; then
  need=("$@")
else
  need=(cmake make g++ clang libclang-rt-14-dev libboost-dev doctest-dev libbenchmark-dev pkg-config kamailio tshark)
fi
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
