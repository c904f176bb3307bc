#include "voting-server/http/vote_server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>

#include "voting-server/ballot/ballot_messages.h"
#include "voting-server/http/answer_page.h"
#include "voting-server/http/failure_limiter.h"

namespace yhdessa::vote {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kHtml = "text/html; charset=utf-8";

std::string IsoUtc(int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The API's round is the manifest (one codec, common/round) without its format number,
// plus whether the round is open by this server's clock.
Json RoundJson(const RoundView& v) {
  Json j = Json::parse(RoundToJson(*v.round));
  j.erase("format");
  j["open"] = v.open;
  j["server_time"] = IsoUtc(v.server_time);
  return j;
}

std::string ErrorJson(const std::string& message) {
  Json j;
  j["error"] = message;
  return j.dump();
}

std::string ReadFileOr(const std::string& path, const std::string& fallback) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fallback;
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

bool IsApi(const httplib::Request& req) {
  return req.path.rfind("/api/", 0) == 0;
}

}  // namespace

struct VoteServer::Impl {
  VotingService& service;
  ServerOptions options;
  httplib::Server server;
  FailureLimiter limiter;
  std::string shell;      // answer page shell
  std::string not_found;  // the site's 404 page, if any
  std::atomic<int> listen_fd{-1};
  int port = 0;
  std::mutex log_mu;

  Impl(VotingService& s, ServerOptions o)
      : service(s),
        options(std::move(o)),
        limiter(8192, options.max_failed_codes, options.failure_window_seconds) {}

  void Log(const std::string& line) {
    if (!options.log) return;
    std::lock_guard<std::mutex> lock(log_mu);
    *options.log << line << std::endl;
  }

  bool OriginAllowed(const httplib::Request& req) const {
    if (!req.has_header("Origin")) return true;  // not a browser's cross-site post
    const std::string origin = req.get_header_value("Origin");
    const std::string host = req.get_header_value("Host");
    if (!host.empty() && (origin == "http://" + host || origin == "https://" + host)) return true;
    for (const auto& allowed : options.allowed_origins) {
      if (origin == allowed) return true;
    }
    return false;
  }

  void Setup();
  void HandleBallot(const httplib::Request& req, httplib::Response& res);
};

void VoteServer::Impl::Setup() {
  shell = ReadFileOr(options.site_dir + "/_yhdessa/ballot-answer.html", DefaultAnswerShell());
  if (shell.find("{{content}}") == std::string::npos) {
    Log("warning: _yhdessa/ballot-answer.html has no {{content}}; using the built-in page");
    shell = DefaultAnswerShell();
  }
  not_found = ReadFileOr(options.site_dir + "/404.html", "");

  server.new_task_queue = [n = options.worker_threads] {
    return new httplib::ThreadPool(static_cast<size_t>(n));
  };
  server.set_tcp_nodelay(true);
  server.set_socket_options([this](int fd) {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd = fd;
  });
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(options.read_timeout_seconds, 0);
  server.set_write_timeout(options.write_timeout_seconds, 0);
  server.set_keep_alive_timeout(options.keep_alive_seconds);
  server.set_keep_alive_max_count(100000);
  server.set_default_headers({
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the
      // ballot form's POST, and the origin check could no longer tell our own form.
      {"Referrer-Policy", "same-origin"},
      {"X-Frame-Options", "DENY"},
  });

  server.Get("/api/rounds", [this](const httplib::Request&, httplib::Response& res) {
    Json rounds = Json::array();
    int64_t now = SystemNow();
    for (const auto& v : service.Rounds()) {
      rounds.push_back(RoundJson(v));
      now = v.server_time;
    }
    Json j;
    j["rounds"] = std::move(rounds);
    j["server_time"] = IsoUtc(now);
    res.set_header("Cache-Control", "no-store");
    res.set_content(j.dump(), kJson);
  });
  server.Get(R"(/api/rounds/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    std::string refusal;
    auto view = service.Round(req.matches[1], &refusal);
    if (!view) {
      res.status = 404;
      res.set_content(ErrorJson("no round '" + std::string(req.matches[1]) + "'"), kJson);
    } else if (!refusal.empty()) {
      res.status = 503;
      res.set_content(ErrorJson(refusal), kJson);
    } else {
      res.set_content(RoundJson(*view).dump(), kJson);
    }
  });
  server.Post(
      R"(/api/rounds/([^/]+)/ballots)",
      [this](const httplib::Request& req, httplib::Response& res) { HandleBallot(req, res); });
  server.set_mount_point("/", options.site_dir);

  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message;
        switch (res.status) {
          case 404:
            message = "not found";
            break;
          case 413:
            message = "the request is too large";
            break;
          case 414:
            message = "the address is too long";
            break;
          case 405:
            message = "method not allowed";
            break;
          default:
            message = "the request could not be handled";
            break;
        }
        if (IsApi(req)) {
          res.set_header("Cache-Control", "no-store");
          res.set_content(ErrorJson(message), kJson);
        } else if (res.status == 404 && !not_found.empty()) {
          res.set_content(not_found, kHtml);
        } else {
          res.set_content(RenderMessagePage(shell, Lang::kEn, std::to_string(res.status), message),
                          kHtml);
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        Log("error: " + req.method + " " + req.path + ": " + what);
        res.status = 500;
        res.set_header("Cache-Control", "no-store");
        res.set_content(ErrorJson("internal error"), kJson);
      });
  server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    // Only what an operator must see: failures. No body (codes), no address (a keyed tag).
    if (res.status < 400 || res.status == 404) return;
    Log(std::to_string(res.status) + " " + req.method + " " + req.path +
        " client=" + limiter.LogTag(req.remote_addr));
  });
}

void VoteServer::Impl::HandleBallot(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  const std::string content_type = req.get_header_value("Content-Type");
  const bool is_form = content_type.rfind("application/x-www-form-urlencoded", 0) == 0;
  const bool is_json = content_type.rfind("application/json", 0) == 0;
  Lang lang = ChooseLanguage("", req.get_header_value("Accept-Language"));

  auto message = [&](int status, const std::string& title, const std::string& text) {
    res.status = status;
    if (is_form) {
      res.set_content(RenderMessagePage(shell, lang, title, text), kHtml);
    } else {
      res.set_content(ErrorJson(text), kJson);
    }
  };

  if (!OriginAllowed(req)) {
    message(403, "403", "this origin may not post ballots");
    return;
  }
  const int64_t now = SystemNow();
  if (const int64_t wait = limiter.BlockedFor(req.remote_addr, now); wait > 0) {
    res.set_header("Retry-After", std::to_string(wait));
    message(429, "429", msg::TooManyFailures(lang));
    return;
  }
  if (!is_form && !is_json) {
    res.status = 415;
    res.set_content(ErrorJson("send application/json or application/x-www-form-urlencoded"), kJson);
    return;
  }
  auto parsed = is_form ? ParseBallotForm(req.body) : ParseBallotJson(req.body);
  if (!parsed.ok()) {
    Json j;
    j["errors"] = Json::array({{{"field", "body"}, {"message", parsed.status().message()}}});
    message(400, "400", parsed.status().message());
    if (!is_form) res.set_content(j.dump(), kJson);
    return;
  }
  const BallotRequest& ballot = *parsed;
  lang = ChooseLanguage(ballot.lang, req.get_header_value("Accept-Language"));
  const std::string round_id = req.matches[1];
  CastResult result = service.Cast(round_id, ballot, lang);
  if (result.code_failed) limiter.RecordFailure(req.remote_addr, now);

  switch (result.outcome) {
    case CastOutcome::kAccepted: {
      res.status = 201;
      if (is_form) {
        res.set_content(RenderConfirmationPage(shell, lang, *result.round, result.receipt), kHtml);
      } else {
        Json j;
        j["receipt"] = result.receipt;
        res.set_content(j.dump(), kJson);
      }
      return;
    }
    case CastOutcome::kInvalid: {
      res.status = 400;
      if (is_form) {
        res.set_content(RenderErrorPage(shell, lang, *result.round, ballot, result.errors), kHtml);
      } else {
        Json errors = Json::array();
        for (const auto& e : result.errors) {
          errors.push_back({{"field", e.field}, {"message", e.message}});
        }
        Json j;
        j["errors"] = std::move(errors);
        res.set_content(j.dump(), kJson);
      }
      return;
    }
    case CastOutcome::kNotOpen: {
      res.status = 409;
      if (is_form) {
        res.set_content(RenderMessagePage(shell, lang, result.round->title, result.message), kHtml);
      } else {
        Json j;
        j["error"] = result.message;
        j["opens"] = result.round->opens;
        j["closes"] = result.round->closes;
        j["server_time"] = IsoUtc(now);
        res.set_content(j.dump(), kJson);
      }
      return;
    }
    case CastOutcome::kNoSuchRound:
      message(404, "404", "no round '" + round_id + "'");
      return;
    case CastOutcome::kRefused:
      message(503, "503", msg::RoundUnavailable(lang));
      return;
    case CastOutcome::kFailed:
      Log("error: storing a ballot failed: " + result.message);
      message(500, "500", "internal error");
      return;
  }
}

VoteServer::VoteServer(VotingService& service, ServerOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {
  impl_->Setup();
}

VoteServer::~VoteServer() = default;

Status VoteServer::Bind() {
  Impl& s = *impl_;
  if (s.options.port == 0) {
    s.port = s.server.bind_to_any_port(s.options.host);
    if (s.port <= 0) return Status::IoError("cannot listen on " + s.options.host);
  } else {
    if (!s.server.bind_to_port(s.options.host, s.options.port)) {
      return Status::IoError("cannot listen on " + s.options.host + ":" +
                             std::to_string(s.options.port) + " (in use, or not this host's?)");
    }
    s.port = s.options.port;
  }
  // httplib listens with a backlog of 5; 64 clients connecting at once would see SYNs
  // dropped and retried after a second. listen() again only enlarges the queue.
  if (s.listen_fd >= 0) ::listen(s.listen_fd, 1024);
  return Status::Ok();
}

int VoteServer::port() const {
  return impl_->port;
}

Status VoteServer::Run() {
  if (!impl_->server.listen_after_bind()) {
    return Status::IoError("the server stopped with an error");
  }
  return Status::Ok();
}

void VoteServer::Stop() {
  impl_->server.stop();
}

}  // namespace yhdessa::vote
