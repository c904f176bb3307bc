#include "generator/http/preview_server.h"

#include <httplib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace yhdessa {
namespace fs = std::filesystem;

const std::string& LiveReloadScript() {
  static const std::string kScript =
      R"JS(// yhdessa serve: reload on rebuild, show build errors over the page.
(function () {
  'use strict';
  var overlay = null;
  var show = function (text) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.setAttribute('role', 'alert');
      overlay.id = 'yhdessa-build-error';
      overlay.style.cssText = 'position:fixed;inset:0;z-index:99999;overflow:auto;background:#fff;color:#1a1a1a;' +
        'border:8px solid #b71c1c;padding:1rem;font:16px/1.5 ui-monospace,monospace';
      document.body.appendChild(overlay);
    }
    overlay.innerHTML = '';
    var h = document.createElement('h2');
    h.textContent = 'Build failed – the last good version is shown underneath';
    var pre = document.createElement('pre');
    pre.style.whiteSpace = 'pre-wrap';
    pre.textContent = text;
    overlay.appendChild(h);
    overlay.appendChild(pre);
  };
  // The site's version this page was served at: a rebuild that finishes before the event
  // stream is open still reloads the page.
  var since = document.currentScript && document.currentScript.getAttribute('data-since');
  var source = new EventSource('/_yhdessa/livereload' + (since ? '?since=' + since : ''));
  source.addEventListener('reload', function () { location.reload(); });
  source.addEventListener('build-error', function (e) { show(JSON.parse(e.data)); });
})();
)JS";
  return kScript;
}

namespace {

std::string ContentType(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".xml") return "application/xml";
  if (ext == ".csv") return "text/csv; charset=utf-8";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  return "application/octet-stream";
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) break;
        out += c;
    }
  }
  return out + "\"";
}

}  // namespace

struct PreviewServer::Impl {
  httplib::Server server;
  std::thread thread;
  std::string root;
  std::mutex mu;
  std::condition_variable cv;
  uint64_t generation = 0;  // bumped by every notification
  std::string last_event;   // the newest event, sent to every listener
  bool failing = false;     // the last build failed: tabs opened now get its errors at once
  bool stopping = false;
  int port = 0;

  /// The last version a page served now shows (with `mu` held): while a build fails, the one
  /// before its error, so that a tab opened now gets the error at once.
  uint64_t ShownVersion() const { return failing ? generation - 1 : generation; }
};

int PreviewServer::port() const {
  return impl_->port;
}

PreviewServer::PreviewServer() : impl_(std::make_unique<Impl>()) {}
PreviewServer::~PreviewServer() {
  Stop();
}

Status PreviewServer::Start(const std::string& root, const std::string& host, int port) {
  Impl& d = *impl_;
  d.root = root;
  d.server.set_tcp_nodelay(true);
  d.server.new_task_queue = [] {
    return new httplib::ThreadPool(16);
  };  // one per open tab's event stream
  d.server.Get("/_yhdessa/livereload.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(LiveReloadScript(), "text/javascript; charset=utf-8");
  });
  d.server.Get("/_yhdessa/livereload", [&d](const httplib::Request& req, httplib::Response& res) {
    uint64_t seen;
    {
      std::lock_guard<std::mutex> lock(d.mu);
      seen = d.ShownVersion();
      // The version the page was served at (its script tag's data-since): what happened
      // since is sent at once.
      if (req.has_param("since")) {
        const std::string v = req.get_param_value("since");
        char* end = nullptr;
        unsigned long long since = std::strtoull(v.c_str(), &end, 10);
        if (!v.empty() && end && *end == '\0' && since <= seen) seen = since;
      }
    }
    res.set_header("Cache-Control", "no-store");
    res.set_chunked_content_provider(
        "text/event-stream", [&d, seen](size_t, httplib::DataSink& sink) mutable {
          std::unique_lock<std::mutex> lock(d.mu);
          // Wake up now and then so a closed tab frees its thread.
          d.cv.wait_for(lock, std::chrono::seconds(15),
                        [&] { return d.generation != seen || d.stopping; });
          if (d.stopping) return false;
          std::string msg = d.generation != seen ? d.last_event : ": keep-alive\n\n";
          seen = d.generation;
          lock.unlock();
          return sink.write(msg.data(), msg.size());
        });
  });
  d.server.Get(R"(/.*)", [&d](const httplib::Request& req, httplib::Response& res) {
    // Taken before the file is read: a rebuild in between reloads the page once more
    // rather than never.
    std::string script;
    {
      std::lock_guard<std::mutex> lock(d.mu);
      script = "<script src=\"/_yhdessa/livereload.js\" data-since=\"" +
               std::to_string(d.ShownVersion()) + "\"></script>\n";
    }
    std::string path = req.path;
    if (path.find("..") != std::string::npos) {
      res.status = 400;
      return;
    }
    std::string file = d.root + path;
    if (!path.empty() && path.back() == '/') file += "index.html";
    std::error_code ec;
    if (fs::is_directory(file, ec)) {
      res.set_redirect(path + "/");
      return;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      res.status = 404;
      std::ifstream nf(d.root + "/404.html", std::ios::binary);
      std::stringstream ss;
      ss << nf.rdbuf();
      file = "404.html";
      std::string body = ss.str();
      size_t at = body.rfind("</body>");
      if (at != std::string::npos) body.insert(at, script);
      res.set_content(body, "text/html; charset=utf-8");
      return;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string body = ss.str();
    std::string type = ContentType(file);
    if (type.rfind("text/html", 0) == 0) {
      size_t at = body.rfind("</body>");
      if (at != std::string::npos) body.insert(at, script);
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(body, type);
  });
  if (port == 0) {
    d.port = d.server.bind_to_any_port(host);
    if (d.port < 0) return Status::IoError("cannot listen on " + host);
  } else if (!d.server.bind_to_port(host, port)) {
    return Status::IoError("cannot listen on " + host + ":" + std::to_string(port));
  } else {
    d.port = port;
  }
  d.thread = std::thread([&d] { d.server.listen_after_bind(); });
  return Status::Ok();
}

void PreviewServer::NotifyReload() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->last_event = "event: reload\ndata: {}\n\n";
  impl_->failing = false;
  ++impl_->generation;
  impl_->cv.notify_all();
}

void PreviewServer::NotifyError(const std::string& errors) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->last_event = "event: build-error\ndata: " + JsonString(errors) + "\n\n";
  impl_->failing = true;
  ++impl_->generation;
  impl_->cv.notify_all();
}

void PreviewServer::Stop() {
  if (!impl_) return;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (impl_->stopping) return;
    impl_->stopping = true;
    impl_->cv.notify_all();
  }
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace yhdessa
