-- Shared by the benchmark's wrk scripts: one machine-readable line with the run's statistics.
-- Latencies are in microseconds. wrk counts a response with status >= 400 in errors.status
-- (no 3xx is expected here), so 2xx = requests - errors.status.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d bytes=%d connect_errors=%d read_errors=%d write_errors=%d " ..
    "status_errors=%d timeouts=%d mean_us=%.1f stdev_us=%.1f max_us=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
end
