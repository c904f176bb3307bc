// floor: the least work any generator must do for a Markdown corpus, as a speed reference.
//
// Usage: floor CONTENT_DIR OUT_DIR
// Walks CONTENT_DIR for *.md files, reads each one, parses its YAML front matter with
// libyaml (the parser yhdessa uses; it reads the title from it), renders the body with cmark-gfm
// and its GFM extensions (table, strikethrough, autolink, tasklist), and writes one HTML file per
// page to OUT_DIR/<path without .md>/index.html. Nothing else: no templates, no links, no lists.
// Single-threaded on purpose: it is the per-page cost, the same one issue 2 quotes.
// OUT_DIR must not exist (bench/site_bench.sh deletes it before each run), so every file
// is written into a fresh folder. Built by bench/site_bench.sh with g++ -O2.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <yaml.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Parses a YAML document with libyaml and finds the top-level title. False on a syntax
// error. Depth and the key/value alternation are tracked at the top level only.
bool ParseTitle(std::string_view yaml, std::string& title) {
  yaml_parser_t p;
  yaml_parser_initialize(&p);
  yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(yaml.data()),
                               yaml.size());
  int depth = 0;
  bool at_key = true, is_title = false, ok = true;
  for (bool done = false; !done;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&p, &ev)) {
      ok = false;
      break;
    }
    switch (ev.type) {
      case YAML_MAPPING_START_EVENT:
      case YAML_SEQUENCE_START_EVENT:
        ++depth;
        break;
      case YAML_MAPPING_END_EVENT:
      case YAML_SEQUENCE_END_EVENT:
        if (--depth == 1) at_key = !at_key;
        break;
      case YAML_SCALAR_EVENT:
      case YAML_ALIAS_EVENT:
        if (depth == 1) {
          std::string_view v =
              ev.type == YAML_SCALAR_EVENT
                  ? std::string_view(reinterpret_cast<const char*>(ev.data.scalar.value),
                                     ev.data.scalar.length)
                  : std::string_view();
          if (at_key) {
            is_title = v == "title";
          } else if (is_title) {
            title = v;
          }
          at_key = !at_key;
        }
        break;
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      default:
        break;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&p);
  return ok;
}

bool ReadAll(const std::string& path, std::string& out) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    close(fd);
    return false;
  }
  out.resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = read(fd, out.data() + done, out.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  close(fd);
  out.resize(done);
  return true;
}

bool WriteAll(const std::string& path, const std::string& head, const char* body, size_t size) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool ok = write(fd, head.data(), head.size()) == static_cast<ssize_t>(head.size()) &&
            write(fd, body, size) == static_cast<ssize_t>(size);
  return close(fd) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: floor CONTENT_DIR OUT_DIR\n";
    return 2;
  }
  const fs::path content = argv[1];
  const fs::path out = argv[2];
  cmark_gfm_core_extensions_ensure_registered();
  const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

  // Walk first (sorted, like a generator's loader), then one page after the other.
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(content)) {
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  const size_t prefix = content.string().size() + 1;
  std::string made_dir;  // the last section folder created
  size_t pages = 0, bytes = 0;
  std::string text;
  for (const auto& path : files) {
    if (!ReadAll(path, text)) {
      std::cerr << path << ": cannot read\n";
      return 1;
    }

    // Front matter between the first two "---" lines.
    std::string_view body = text;
    std::string title;
    if (text.rfind("---\n", 0) == 0) {
      size_t end = text.find("\n---\n", 3);
      if (end != std::string::npos) {
        if (!ParseTitle(std::string_view(text).substr(4, end - 3), title)) {
          std::cerr << path << ": YAML syntax error\n";
          return 1;
        }
        body = std::string_view(text).substr(end + 5);
      }
    }

    cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    for (const char* name : kExtensions) {
      cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
    }
    cmark_parser_feed(parser, body.data(), body.size());
    cmark_node* doc = cmark_parser_finish(parser);
    char* html =
        cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));

    // OUT/<section>/<name>/index.html: the section folder once, then the page's folder.
    std::string rel = path.substr(prefix, path.size() - prefix - 3);
    std::string dir = out.string() + "/" + rel;
    std::string parent = dir.substr(0, dir.rfind('/'));
    if (parent != made_dir) {
      fs::create_directories(parent);
      made_dir = parent;
    }
    mkdir(dir.c_str(), 0755);
    size_t size = std::strlen(html);
    if (!WriteAll(dir + "/index.html", "<!DOCTYPE html>\n<title>" + title + "</title>\n", html,
                  size)) {
      std::cerr << dir << "/index.html: cannot write\n";
      return 1;
    }
    bytes += size;
    ++pages;

    std::free(html);
    cmark_node_free(doc);
    cmark_parser_free(parser);
  }
  std::printf("floor: %zu pages, %zu bytes of HTML\n", pages, bytes);
  return 0;
}
