// Runs a fuzz target over the files (or every file of the folders) given on the command line,
// so that seeds and past crashes replay as ordinary tests without libFuzzer.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size);

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::size_t runs = 0;
    auto run = [&](fs::path const& p) {
        std::ifstream f(p, std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        LLVMFuzzerTestOneInput(reinterpret_cast<std::uint8_t const*>(bytes.data()), bytes.size());
        ++runs;
    };
    for (int i = 1; i < argc; ++i) {
        fs::path const p(argv[i]);
        if (fs::is_directory(p)) {
            for (auto const& e : fs::recursive_directory_iterator(p))
                if (e.is_regular_file()) run(e.path());
        } else if (fs::exists(p)) {
            run(p);
        }
    }
    std::printf("replayed %zu inputs\n", runs);
    return 0;
}
