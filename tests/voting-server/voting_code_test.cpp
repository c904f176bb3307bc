#include "voting-server/codes/voting_code.h"

#include <sys/stat.h>
#include <catch2/catch.hpp>
#include <cmath>

#include <cstdio>
#include <set>

#include "voting-server/codes/code_hasher.h"

using namespace yhdessa::vote;

TEST_CASE("voting codes: shape, entropy, alphabet without look-alikes", "[codes]") {
  REQUIRE(InitSodium());
  CHECK(kCodeAlphabet.size() == 31);
  for (char c : std::string("01IOU")) CHECK(kCodeAlphabet.find(c) == std::string_view::npos);
  CHECK(kCodeDataLength * std::log2(31.0) >= 50.0);
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string code = GenerateVotingCode();
    REQUIRE(code.size() == 16);
    CHECK(code[4] == '-');
    CHECK(code[9] == '-');
    CHECK(code[14] == '-');
    CHECK(CheckVotingCode(NormalizeVotingCode(code)) == CodeShape::kValid);
    seen.insert(code);
  }
  CHECK(seen.size() == 2000);
}

TEST_CASE("voting codes: the check symbol catches every single substitution", "[codes]") {
  for (int n = 0; n < 50; ++n) {
    const std::string code = NormalizeVotingCode(GenerateVotingCode());
    for (size_t pos = 0; pos < code.size(); ++pos) {
      for (char c : kCodeAlphabet) {
        if (c == code[pos]) continue;
        std::string typo = code;
        typo[pos] = c;
        REQUIRE(CheckVotingCode(typo) == CodeShape::kCheckFails);
      }
    }
    for (size_t pos = 0; pos + 1 < code.size(); ++pos) {
      if (code[pos] == code[pos + 1]) continue;
      std::string swapped = code;
      std::swap(swapped[pos], swapped[pos + 1]);
      REQUIRE(CheckVotingCode(swapped) == CodeShape::kCheckFails);
    }
  }
}

TEST_CASE("voting codes: normalisation of what residents type", "[codes]") {
  const std::string code = GenerateVotingCode();
  std::string typed;
  for (char c : code) typed += (c == '-' ? ' ' : static_cast<char>(std::tolower(c)));
  CHECK(NormalizeVotingCode(typed) == NormalizeVotingCode(code));
  CHECK(NormalizeVotingCode(" ab-cd ") == "ABCD");
  CHECK(CheckVotingCode("") == CodeShape::kEmpty);
  CHECK(CheckVotingCode("ABC") == CodeShape::kMalformed);
  CHECK(CheckVotingCode("0BCDEFGHJKLMN") == CodeShape::kMalformed);
  CHECK(FormatVotingCode("ABCDEFGHJKLMN") == "ABCD-EFGH-JKLM-N");
  const std::string receipt = GenerateReceipt();
  CHECK(receipt.size() == 19);
  CHECK(receipt != GenerateReceipt());
}

TEST_CASE("keyed hash: depends on the key, key file is private", "[codes]") {
  CodeHasher::Key k1{}, k2{};
  k2[0] = 1;
  CodeHasher a(k1), b(k2);
  CHECK(a.Hash("ABCDEFGHJKLMN").size() == 32);
  CHECK(a.Hash("ABCDEFGHJKLMN") == CodeHasher(k1).Hash("ABCDEFGHJKLMN"));
  CHECK(a.Hash("ABCDEFGHJKLMN") != b.Hash("ABCDEFGHJKLMN"));
  CHECK(a.Hash("ABCDEFGHJKLMN") != a.Hash("ABCDEFGHJKLMP"));

  const std::string path = "voting_code_test.key";
  std::remove(path.c_str());
  auto created = CodeHasher::FromKeyFile(path, true);
  REQUIRE(created.ok());
  auto reread = CodeHasher::FromKeyFile(path, false);
  REQUIRE(reread.ok());
  CHECK(created->Hash("X") == reread->Hash("X"));
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  ::chmod(path.c_str(), 0644);
  CHECK(CodeHasher::FromKeyFile(path, false).status().message() ==
        path + ": the code key file is readable by others; run chmod 600");
  std::remove(path.c_str());
  CHECK_FALSE(CodeHasher::FromKeyFile(path, false).ok());
}
