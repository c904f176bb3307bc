#include "voting-server/codes/voting_code.h"

#include <sodium.h>

#include <cctype>

namespace yhdessa::vote {

namespace {

int SymbolValue(char c) {
  const auto pos = kCodeAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::string RandomSymbols(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    s.push_back(kCodeAlphabet[randombytes_uniform(static_cast<uint32_t>(kCodeAlphabet.size()))]);
  }
  return s;
}

std::string Grouped(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back('-');
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

char CodeCheckSymbol(std::string_view data) {
  int sum = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    sum += static_cast<int>(i + 1) * SymbolValue(data[i]);
  }
  const int p = static_cast<int>(kCodeAlphabet.size());
  return kCodeAlphabet[static_cast<size_t>(((sum % p) + p) % p)];
}

std::string GenerateVotingCode() {
  std::string data = RandomSymbols(kCodeDataLength);
  data.push_back(CodeCheckSymbol(data));
  return FormatVotingCode(data);
}

std::string NormalizeVotingCode(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

CodeShape CheckVotingCode(std::string_view normalized) {
  if (normalized.empty()) return CodeShape::kEmpty;
  if (normalized.size() != kCodeDataLength + 1) return CodeShape::kMalformed;
  for (char c : normalized) {
    if (SymbolValue(c) < 0) return CodeShape::kMalformed;
  }
  return CodeCheckSymbol(normalized.substr(0, kCodeDataLength)) == normalized.back()
             ? CodeShape::kValid
             : CodeShape::kCheckFails;
}

std::string FormatVotingCode(std::string_view normalized) {
  return Grouped(normalized);
}

std::string GenerateReceipt() {
  return Grouped(RandomSymbols(16));
}

}  // namespace yhdessa::vote
