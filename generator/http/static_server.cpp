#include "generator/http/static_server.h"

#include <httplib.h>

#include <csignal>
#include <fstream>
#include <sstream>

namespace yhdessa {
namespace {
httplib::Server* g_server = nullptr;
void Stop(int) {
  if (g_server) g_server->stop();
}
}  // namespace

Status ServeStatic(const std::string& root, const std::string& host, int port) {
  httplib::Server server;
  server.set_tcp_nodelay(true);
  if (!server.set_mount_point("/", root)) return Status::NotFound(root + ": no such folder");
  server.set_file_extension_and_mimetype_mapping("xml", "application/xml");
  server.set_error_handler([root](const httplib::Request&, httplib::Response& res) {
    if (res.status != 404) return;
    std::ifstream in(root + "/404.html");
    std::stringstream ss;
    ss << in.rdbuf();
    res.set_content(ss.str(), "text/html; charset=utf-8");
  });
  g_server = &server;
  std::signal(SIGINT, Stop);
  std::signal(SIGTERM, Stop);
  if (!server.listen(host, port)) {
    g_server = nullptr;
    return Status::IoError("cannot listen on " + host + ":" + std::to_string(port));
  }
  g_server = nullptr;
  return Status::Ok();
}

}  // namespace yhdessa
