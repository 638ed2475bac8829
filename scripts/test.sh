#!/usr/bin/env bash
# The whole test suite, built and run twice with -Wall -Wextra -Werror:
#   1. g++, C++17 (and the benchmarks must build)
#   2. clang, C++20, AddressSanitizer + UndefinedBehaviorSanitizer, plus a bounded libFuzzer
#      campaign of every fuzz target (SIPWIRE_FUZZ_SECONDS each, 20 by default; CTest label "fuzz")
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
jobs=$(nproc)
warn="-Wall -Wextra -Werror"

cmake -S . -B build/gcc-cxx17 -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=g++ \
      -DCMAKE_CXX_STANDARD=17 -DCMAKE_CXX_FLAGS="$warn"
cmake --build build/gcc-cxx17 -j "$jobs"
ctest --test-dir build/gcc-cxx17 --output-on-failure -j "$jobs"

san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B build/clang-cxx20-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_CXX_STANDARD=20 -DCMAKE_CXX_FLAGS="$warn $san" -DCMAKE_EXE_LINKER_FLAGS="$san" -DSIPWIRE_BUILD_BENCH=OFF \
      -DSIPWIRE_BUILD_FUZZ=ON -DSIPWIRE_FUZZ_ENGINE=libfuzzer -DSIPWIRE_FUZZ_SECONDS="${SIPWIRE_FUZZ_SECONDS:-20}"
cmake --build build/clang-cxx20-asan -j "$jobs"
ctest --test-dir build/clang-cxx20-asan --output-on-failure -j "$jobs"
