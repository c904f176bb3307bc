#include "voting-server/ballot/ballot_request.h"

#include <nlohmann/json.hpp>

namespace yhdessa::vote {

namespace {

Status TooLong(const std::string& field) {
  return Status::InvalidArgument(field + ": longer than " + std::to_string(kMaxFieldLength) +
                                 " characters");
}

Status TooMany() {
  return Status::InvalidArgument("proposals: more than " + std::to_string(kMaxProposals) +
                                 " choices");
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one form component ('+' is a space, %XX a byte).
Result<std::string> DecodeFormComponent(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) {
        return Status::InvalidArgument("form: incomplete %-escape");
      }
      const int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return Status::InvalidArgument("form: invalid %-escape");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

Result<BallotRequest> ParseBallotJson(std::string_view body) {
  nlohmann::json j = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded()) return Status::InvalidArgument("body: not valid JSON");
  if (!j.is_object()) return Status::InvalidArgument("body: expected a JSON object");
  BallotRequest r;
  for (const char* key : {"code", "area", "lang"}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string()) return Status::InvalidArgument(std::string(key) + ": expected a string");
    std::string value = it->get<std::string>();
    if (value.size() > kMaxFieldLength) return TooLong(key);
    if (key == std::string("code")) r.code = std::move(value);
    if (key == std::string("area")) r.area = std::move(value);
    if (key == std::string("lang")) r.lang = std::move(value);
  }
  auto it = j.find("proposals");
  if (it != j.end() && !it->is_null()) {
    if (!it->is_array()) return Status::InvalidArgument("proposals: expected an array of strings");
    if (it->size() > kMaxProposals) return TooMany();
    for (const auto& p : *it) {
      if (!p.is_string()) return Status::InvalidArgument("proposals: expected an array of strings");
      std::string id = p.get<std::string>();
      if (id.size() > kMaxFieldLength) return TooLong("proposals");
      r.proposals.push_back(std::move(id));
    }
  }
  return r;
}

Result<BallotRequest> ParseBallotForm(std::string_view body) {
  BallotRequest r;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view pair = body.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    auto name = DecodeFormComponent(pair.substr(0, eq));
    if (!name.ok()) return name.status();
    auto value = DecodeFormComponent(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (!value.ok()) return value.status();
    if (value->size() > kMaxFieldLength) {
      return TooLong(*name == "proposal" ? "proposals" : *name);
    }
    if (*name == "code") {
      r.code = std::move(*value);
    } else if (*name == "area") {
      r.area = std::move(*value);
    } else if (*name == "lang") {
      r.lang = std::move(*value);
    } else if (*name == "proposal") {
      if (r.proposals.size() >= kMaxProposals) return TooMany();
      r.proposals.push_back(std::move(*value));
    }
  }
  return r;
}

}  // namespace yhdessa::vote
