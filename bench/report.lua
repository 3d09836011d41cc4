-- wrk script of bench/run.py: rotates over BENCH_PATHS (one path a line) when it is set,
-- and prints the figures as one JSON line at the end (latencies in microseconds).
local paths = {}
local mix = os.getenv("BENCH_PATHS")
if mix then
  for path in string.gmatch(mix, "[^\n]+") do
    table.insert(paths, path)
  end
end
local counter = 0

request = function()
  if #paths == 0 then
    return wrk.request()
  end
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean, latency.max))
end
