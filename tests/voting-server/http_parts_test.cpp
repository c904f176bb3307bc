#include <catch2/catch.hpp>

#include "test_round.h"
#include "voting-server/http/answer_page.h"
#include "voting-server/http/failure_limiter.h"

using namespace yhdessa::vote;
using yhdessa::vote::testing::TestRound;

TEST_CASE("failure limiter: blocks after repeated failures, per client, then forgets", "[http]") {
  FailureLimiter limiter(64, 3, 600);
  for (int i = 0; i < 3; ++i) {
    CHECK(limiter.BlockedFor("10.0.0.1", 1000) == 0);
    limiter.RecordFailure("10.0.0.1", 1000);
  }
  CHECK(limiter.BlockedFor("10.0.0.1", 1000) == 600);
  CHECK(limiter.BlockedFor("10.0.0.1", 1599) == 1);
  CHECK(limiter.BlockedFor("10.0.0.1", 1600) == 0);
  CHECK(limiter.LogTag("10.0.0.1").size() == 8);
  CHECK(limiter.LogTag("10.0.0.1").find("10.0") == std::string::npos);
  // Memory is bounded: thousands of clients share the 64 slots.
  for (int i = 0; i < 5000; ++i) {
    std::string client = "c";
    client += std::to_string(i);
    limiter.RecordFailure(client, 2000);
  }
}

TEST_CASE("answer pages: error summary links to fields, choices kept, text escaped", "[http]") {
  const BallotRequest request{"abc\"<x>", "elimaki", {"penkit"}, "fi"};
  const std::string page =
      RenderErrorPage(DefaultAnswerShell(), Lang::kFi, TestRound(), request,
                      {{"code", "Äänestyskoodi ei kelpaa tai sillä on jo äänestetty."},
                       {"proposals", "Valitse enintään 3 ehdotusta."}});
  CHECK(page.find("<html lang=\"fi\">") != std::string::npos);
  CHECK(page.find("role=\"alert\"") < page.find("<form"));
  CHECK(page.find("<a href=\"#field-code\">Äänestyskoodi ei kelpaa") != std::string::npos);
  CHECK(page.find("<a href=\"#field-proposals\">Valitse enintään 3") != std::string::npos);
  CHECK(page.find("id=\"field-code\"") != std::string::npos);
  CHECK(page.find("value=\"abc&quot;&lt;x&gt;\"") != std::string::npos);
  CHECK(page.find("value=\"penkit\" checked") != std::string::npos);
  CHECK(page.find("value=\"valaistus\">") != std::string::npos);
  CHECK(page.find("<option value=\"elimaki\" selected>") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("style=") == std::string::npos);

  const std::string ok = RenderConfirmationPage("<t>{{title}}</t><m>{{content}}</m>", Lang::kSv,
                                                TestRound(), "ABCD-EFGH-JKLM-NPQR");
  CHECK(ok.find("<t>Din röst har sparats – OmaKouvola 2025</t>") == 0);
  CHECK(ok.find("<strong class=\"receipt\">ABCD-EFGH-JKLM-NPQR</strong>") != std::string::npos);
  CHECK(ok.find("href=\"/omakouvola-2025/\"") != std::string::npos);
}
