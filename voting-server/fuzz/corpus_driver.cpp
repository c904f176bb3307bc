// Runs the fuzz target over every file of the given directories (and files), so that a
// g++ build, which cannot link libFuzzer, still exercises the target in the test command.
// Also feeds each input's prefixes and a few byte flips, a cheap mutation pass.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

void Run(const std::string& s) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

size_t RunMutations(const std::string& input) {
  size_t runs = 0;
  for (size_t n = 0; n <= input.size(); ++n, ++runs) Run(input.substr(0, n));
  for (size_t i = 0; i < input.size(); ++i) {
    for (unsigned char flip : {0x01, 0x20, 0x80, 0xff}) {
      std::string m = input;
      m[i] = static_cast<char>(static_cast<unsigned char>(m[i]) ^ flip);
      Run(m);
      ++runs;
    }
  }
  return runs;
}

}  // namespace

int main(int argc, char** argv) {
  size_t files = 0, runs = 0;
  for (int i = 1; i < argc; ++i) {
    std::vector<std::filesystem::path> paths;
    if (std::filesystem::is_directory(argv[i])) {
      for (const auto& e : std::filesystem::directory_iterator(argv[i])) paths.push_back(e.path());
    } else {
      paths.emplace_back(argv[i]);
    }
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "%s: cannot read\n", p.c_str());
        return 1;
      }
      const std::string input((std::istreambuf_iterator<char>(in)), {});
      runs += RunMutations(input);
      ++files;
    }
  }
  std::printf("ran %zu inputs from %zu corpus files\n", runs, files);
  return files > 0 ? 0 : 1;
}
