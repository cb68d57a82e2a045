-- wrk script of bench/load.sh: POSTs one JSON body (the file BENCH_BODY) and prints, when the
-- run ends, one JSON line with the counts and the latency percentiles (in milliseconds).
-- With BENCH_PACE_MS set, each connection waits that long between its requests: C connections
-- then send at most C * 1000 / BENCH_PACE_MS requests a second (a paced, not a fixed, rate:
-- the achieved rate is printed).
local file = assert(io.open(assert(os.getenv("BENCH_BODY"), "BENCH_BODY is not set"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

local pace = tonumber(os.getenv("BENCH_PACE_MS") or "")
if pace then
  delay = function() return pace end
end

-- Every thread counts the answers by status; done() gets only the summary, so the counts are
-- collected from each thread's own copy of `statuses`.
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function() statuses = {} end
response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%d":%d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"per_s":%.1f,"statuses":{%s},' ..
    '"socket_errors":%d,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    table.concat(parts, ","), e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3))
end
