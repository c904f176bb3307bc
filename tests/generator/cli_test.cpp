// The `yhdessa` program on disk: exit codes, summary line, failed builds, determinism.
#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {

struct Run {
  int code;
  std::string output;
};

Run Exec(const std::string& args) {
  std::string cmd = std::string(YHDESSA_BINARY) + " " + args + " 2>&1";
  Run r{0, ""};
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

void Write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

fs::path FixtureSite(const std::string& name) {
  fs::path root =
      fs::temp_directory_path() / ("yhdessa-cli-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  fs::copy(fs::path(YHDESSA_SOURCE_DIR) / "themes", root / "themes", fs::copy_options::recursive);
  Write(root / "site.yaml", "title: Testi\nbase_url: https://example.fi/\n");
  Write(root / "content/_index.md", "---\ntitle: Etusivu\n---\nTehdään yhdessä!\n");
  Write(root / "content/uutiset/a.md",
        "---\ntitle: A\ndate: 2024-01-01\ntags: [x]\n---\n[B](b.md)\n");
  Write(root / "content/uutiset/b.md", "---\ntitle: B\ndate: 2024-01-02\n---\nB\n");
  Write(root / "static/logo.txt", "logo");
  return root;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("cli: the build cache is on by default, in the site's .yhdessa-cache/") {
  fs::path site = FixtureSite("default-cache");
  REQUIRE(Exec("build --quiet --source " + site.string()).code == 0);
  CHECK(fs::exists(site / ".yhdessa-cache/build.bin"));
  // It ignores itself: a site's repository never takes it in.
  CHECK(Slurp(site / ".yhdessa-cache/.gitignore").ends_with("\n*\n"));
  Run warm = Exec("build --verbose --source " + site.string());
  INFO(warm.output);
  CHECK(warm.output.find("rendered 0 of ") != std::string::npos);
  CHECK(warm.output.find("updated in place") != std::string::npos);
  fs::remove_all(site / ".yhdessa-cache");
  REQUIRE(Exec("build --no-cache --quiet --source " + site.string()).code == 0);
  CHECK_FALSE(fs::exists(site / ".yhdessa-cache"));
  fs::remove_all(site);
}

TEST_CASE("cli: build --verbose prints each phase's wall and CPU time and peak memory") {
  fs::path site = FixtureSite("verbose-phases");
  Run r = Exec("build --no-cache --verbose --source " + site.string());
  INFO(r.output);
  REQUIRE(r.code == 0);
  for (const char* phase : {"read + parse", "model", "markdown", "render + write"}) {
    std::string line_start = std::string("  ") + phase + " ";
    size_t at = r.output.find(line_start);
    REQUIRE(at != std::string::npos);
    std::string line = r.output.substr(at, r.output.find('\n', at) - at);
    CHECK(line.find(" ms  (CPU ") != std::string::npos);
    CHECK(line.find(" ms, peak memory ") != std::string::npos);
    CHECK(line.substr(line.size() - 5) == " MiB)");
  }
  for (const char* work : {"reading files", "writing files"}) {
    size_t at = r.output.find(std::string("  ") + work + " ");
    REQUIRE(at != std::string::npos);
    std::string line = r.output.substr(at, r.output.find('\n', at) - at);
    CHECK(line.find(" ms  (") != std::string::npos);
    CHECK(line.find(" files; the threads' time summed)") != std::string::npos);
  }
  fs::remove_all(site);
}

TEST_CASE("cli: build prints one summary line and exits 0") {
  fs::path site = FixtureSite("ok");
  Run r = Exec("build --source " + site.string());
  INFO(r.output);
  CHECK(r.code == 0);
  CHECK(r.output.rfind("yhdessa: 2 pages, 2 sections, ", 0) == 0);
  CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);
  CHECK(Slurp(site / "public/logo.txt") == "logo");
  CHECK(fs::exists(site / "public/uutiset/a/index.html"));
  CHECK(Exec("build --quiet --source " + site.string()).output.empty());
  fs::remove_all(site);
}

TEST_CASE("cli: usage errors exit 2") {
  CHECK(Exec("").code == 2);
  CHECK(Exec("bild").code == 2);
  Run r = Exec("build --nope");
  CHECK(r.code == 2);
  CHECK(r.output.rfind("yhdessa: unknown option '--nope'\nusage: yhdessa build", 0) == 0);
  CHECK(Exec("build --source").code == 2);
  CHECK(Exec("--help").code == 0);
}

TEST_CASE("cli: a failed build exits 1 and leaves the previous public/ untouched") {
  fs::path site = FixtureSite("fail");
  REQUIRE(Exec("build --source " + site.string()).code == 0);
  std::string before = Slurp(site / "public/uutiset/a/index.html");
  Write(site / "content/uutiset/a.md", "---\ntitle: A muutettu\n---\n[rikki](ei-ole.md)\n");
  Run r = Exec("build --source " + site.string());
  CHECK(r.code == 1);
  CHECK(r.output.find("content/uutiset/a.md:4:1: error: link to 'ei-ole.md'") != std::string::npos);
  CHECK(r.output.find("build failed with 1 error") != std::string::npos);
  CHECK(Slurp(site / "public/uutiset/a/index.html") == before);
  size_t entries = std::distance(fs::directory_iterator(site), fs::directory_iterator());
  // .yhdessa-cache, content, public, site.yaml, static, themes: no work folder left
  CHECK(entries == 6);
  fs::remove_all(site);
}

TEST_CASE("cli: two builds give byte-identical trees, deleted pages leave no stale files") {
  fs::path site = FixtureSite("det");
  REQUIRE(
      Exec("build --source " + site.string() + " --destination " + (site / "out1").string()).code ==
      0);
  REQUIRE(
      Exec("build --source " + site.string() + " --destination " + (site / "out2").string()).code ==
      0);
  CHECK(std::system(
            ("diff -r " + (site / "out1").string() + " " + (site / "out2").string() + " >/dev/null")
                .c_str()) == 0);
  fs::remove(site / "content/uutiset/b.md");
  Write(site / "content/uutiset/a.md", "---\ntitle: A\n---\nA\n");
  REQUIRE(
      Exec("build --source " + site.string() + " --destination " + (site / "out1").string()).code ==
      0);
  CHECK_FALSE(fs::exists(site / "out1/uutiset/b/index.html"));
  fs::remove_all(site);
}

TEST_CASE(
    "cli: the build cache: warm builds write what full builds write, --no-cache, a bad cache") {
  fs::path site = FixtureSite("cache");
  std::string build = "build --cache --verbose --source " + site.string();
  REQUIRE(Exec(build).code == 0);
  CHECK(fs::exists(site / ".yhdessa-cache/build.bin"));
  CHECK(fs::exists(site / ".yhdessa-cache/markdown.bin"));
  Run warm = Exec(build);
  INFO(warm.output);
  CHECK(warm.output.find("rendered 0 of 6 pages, 0 of 3 Markdown bodies") != std::string::npos);
  // A body edit after the first paragraph (the summary lists show): only b/ is rendered
  // again of the pages, and the section's feed, which carries a's body too: the log keeps
  // no HTML, so a's body is rendered again from its file.
  Write(site / "content/uutiset/b.md",
        "---\ntitle: B\ndate: 2024-01-02\n---\nB\n\nToinen kappale.\n");
  Run edit = Exec(build);
  INFO(edit.output);
  CHECK(edit.output.find("rendered 1 of 6 pages, 2 of 3 Markdown bodies") != std::string::npos);
  auto same_as_full = [&] {
    fs::remove_all(site / "full");
    REQUIRE(Exec("build --no-cache --quiet --source " + site.string() + " --destination " +
                 (site / "full").string())
                .code == 0);
    return std::system(("diff -r " + (site / "public").string() + " " + (site / "full").string() +
                        " >/dev/null")
                           .c_str()) == 0;
  };
  CHECK(same_as_full());
  // A build without the cache into another folder leaves public/'s cache as it was.
  Run kept = Exec(build);
  INFO(kept.output);
  CHECK(kept.output.find("rendered 0 of 6 pages") != std::string::npos);
  // A build without the cache replaces every file: the next cached build reuses none.
  Run nocache = Exec(build + " --no-cache");
  CHECK(nocache.output.find("(no cache)") != std::string::npos);
  Run after = Exec(build);
  INFO(after.output);
  CHECK(after.output.find("rendered 0 of ") == std::string::npos);
  CHECK(same_as_full());
  // A corrupt cache is noted and ignored.
  Write(site / ".yhdessa-cache/build.bin", "not a cache");
  Write(site / ".yhdessa-cache/markdown.bin", "YHDCMD01 truncated");
  Run bad = Exec(build);
  INFO(bad.output);
  CHECK(bad.code == 0);
  CHECK(bad.output.find("note: ignoring the build cache") != std::string::npos);
  CHECK(same_as_full());
  fs::remove_all(site);
}

TEST_CASE("cli: warm builds update public/ in place, a failed one changes nothing") {
  fs::path site = FixtureSite("inplace");
  std::string build = "build --cache --verbose --source " + site.string();
  REQUIRE(Exec(build).code == 0);
  auto same_as_full = [&] {
    fs::remove_all(site / "full");
    REQUIRE(Exec("build --no-cache --quiet --source " + site.string() + " --destination " +
                 (site / "full").string())
                .code == 0);
    bool same = std::system(("diff -r " + (site / "public").string() + " " +
                             (site / "full").string() + " >/dev/null")
                                .c_str()) == 0;
    fs::remove_all(site / "full");
    return same;
  };
  auto inode = [&](const std::string& path) {
    struct stat st {};
    ::stat((site / "public" / path).c_str(), &st);
    return st.st_ino;
  };
  // Nothing changed: nothing written, every file stays the inode it was.
  auto home = inode("index.html");
  Run warm = Exec(build);
  INFO(warm.output);
  CHECK(warm.output.find("updated in place: 0 files written, 0 deleted") != std::string::npos);
  CHECK(inode("index.html") == home);
  // A deleted page: its file and its folder go; nothing else is left over.
  fs::remove(site / "content/uutiset/b.md");
  Write(site / "content/uutiset/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [x]\n---\nA\n");
  Run removed = Exec(build);
  INFO(removed.output);
  CHECK(removed.output.find("updated in place:") != std::string::npos);
  CHECK_FALSE(fs::exists(site / "public/uutiset/b"));
  CHECK(same_as_full());
  // Files edited or deleted by hand are written again: pages (stamped) and the others.
  Write(site / "public/uutiset/a/index.html", "käsin muokattu");
  Write(site / "public/sitemap.xml", "käsin muokattu");
  fs::remove(site / "public/tags/index.html");
  Run repaired = Exec(build);
  INFO(repaired.output);
  CHECK(repaired.output.find("updated in place: 3 files written, 0 deleted") != std::string::npos);
  CHECK(same_as_full());
  // A failed build: public/ is exactly as it was, no work folder is left beside it.
  REQUIRE(std::system(
              ("cp -a " + (site / "public").string() + " " + (site / "before").string()).c_str()) ==
          0);
  Write(site / "content/uutiset/c.md", "---\ntitle: C\n---\nUusi sivu.\n");
  Write(site / "content/uutiset/a.md", "---\ntitle: A muutettu\n---\n[rikki](ei-ole.md)\n");
  Run failed = Exec(build);
  CHECK(failed.code == 1);
  CHECK(std::system(("diff -r " + (site / "public").string() + " " + (site / "before").string() +
                     " >/dev/null")
                        .c_str()) == 0);
  for (const auto& e : fs::directory_iterator(site))
    CHECK(e.path().filename().string().find(".public.") == std::string::npos);
  Write(site / "content/uutiset/a.md", "---\ntitle: A\n---\nA\n");
  REQUIRE(Exec(build).code == 0);
  CHECK(fs::exists(site / "public/uutiset/c/index.html"));
  CHECK(same_as_full());
  // Another destination is built beside the site and swapped in, not updated in place.
  Run other = Exec(build + " --destination " + (site / "other").string());
  CHECK(other.output.find("updated in place") == std::string::npos);
  fs::remove_all(site);
}
