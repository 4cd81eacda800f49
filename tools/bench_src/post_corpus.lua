-- wrk script for `tools/bench serve`: every request POSTs the next corpus document to /to-fhir.
-- wrk -s post_corpus.lua URL -- LIST NOW   (LIST: a file naming one document per line)
-- Each wrk thread loads the whole list once and starts at a different document.
local docs = {}
local next_doc = 1
local now = "2000-01-01T00:00:00Z"

function init(args)
  local list = args[1]
  if args[2] then now = args[2] end
  for path in io.lines(list) do
    local f = assert(io.open(path, "rb"))
    docs[#docs + 1] = f:read("*a")
    f:close()
  end
  next_doc = (wrk.thread:get("index") or 0) * 97 % #docs + 1
end

function setup(thread)
  setup_index = (setup_index or 0)
  thread:set("index", setup_index)
  setup_index = setup_index + 1
end

function request()
  local body = docs[next_doc]
  next_doc = next_doc % #docs + 1
  return wrk.format("POST", "/to-fhir?now=" .. now, { ["Content-Type"] = "application/xml" }, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests: %d in %.1f s, errors: connect %d read %d write %d timeout %d, non-2xx %d\n",
    summary.requests, summary.duration / 1e6, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status))
  io.write(string.format("throughput: %.1f requests/s, %.1f MiB/s of responses\n",
    summary.requests / (summary.duration / 1e6), summary.bytes / (summary.duration / 1e6) / 1048576))
  io.write(string.format("latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
