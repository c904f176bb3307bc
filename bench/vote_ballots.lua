-- wrk script for bench/vote_bench.sh: every request posts a ballot with a fresh code.
-- The codes file (CSV from `yhdessa-vote codes`) is split between wrk's threads; counts of
-- 201 answers (acknowledged, durable ballots) are summed in done().
local codes_file = os.getenv("VOTE_CODES") or "codes.csv"
local round = os.getenv("VOTE_ROUND") or "kouvola-test"
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  rejected = 0
  codes = {}
  local n = 0
  local nthreads = tonumber(os.getenv("VOTE_THREADS") or "2")
  for line in io.lines(codes_file) do
    if n > 0 and (n % nthreads) == id then
      table.insert(codes, line:match("^([^,]+)"))
    end
    n = n + 1
  end
  next_code = 1
  path = "/api/rounds/" .. round .. "/ballots"
  headers = {["Content-Type"] = "application/json"}
end

function request()
  local code = codes[next_code] or "0000-0000-0000-0"
  next_code = next_code + 1
  local body = '{"code":"' .. code .. '","area":"elimaki","proposals":["penkit","valaistus"]}'
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 201 then
    accepted = accepted + 1
  else
    rejected = rejected + 1
  end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    r = r + t:get("rejected")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("VOTE accepted=%d rejected=%d seconds=%.2f ballots_per_s=%.0f " ..
                         "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n",
    a, r, seconds, a / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout))
end
