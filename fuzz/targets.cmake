# The fuzz targets: fuzz/<name>.cpp each. Adding one is adding its file and its name here;
# fuzz/CMakeLists.txt builds it for libFuzzer and tests/CMakeLists.txt replays its regressions.
set(SIPWIRE_FUZZ_TARGETS message stream build uri via name_addr auth values)
