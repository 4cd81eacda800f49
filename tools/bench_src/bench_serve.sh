#!/usr/bin/env bash
# tools/bench serve: load figure of `ccdafhir serve` POST /to-fhir with wrk.
#   bench_serve.sh CCDAFHIR REPO CORPUS SECONDS CONNECTIONS JOBS
set -euo pipefail
ccdafhir=$1 repo=$2 corpus=$3 seconds=$4 connections=$5 jobs=$6
command -v wrk >/dev/null || { echo "tools/bench serve: needs wrk (tools/install-deps)" >&2; exit 1; }
[ -f "$corpus/index.tsv" ] || { echo "tools/bench serve: no corpus at $corpus" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ccdafhir-bench-serve.XXXXXX")
list="$work/documents.txt"
awk -F'\t' -v dir="$corpus" 'NR > 1 && $6 == "y" { print dir "/" $1 }' "$corpus/index.tsv" > "$list"
err="$work/serve.log"
"$ccdafhir" serve --port 0 --jobs "$jobs" --queue 256 --quiet --data-dir "$repo" \
  --store "$work/attachments" 2> "$err" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
port=""
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$err")
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "tools/bench serve: the server did not start" >&2; cat "$err" >&2; exit 1; }
echo "ccdafhir serve --jobs $jobs; wrk: 2 threads, $connections connections, ${seconds}s," \
     "$(wc -l < "$list") corpus documents in rotation; $(nproc) cores on this machine"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s -s "$repo/tools/bench_src/post_corpus.lua" \
  "http://127.0.0.1:$port" -- "$list" | sed -n '/^requests:/,$p'
echo "server counters:"
curl -s "http://127.0.0.1:$port/metrics" |
  grep -E '^ccdafhir_(http_requests_total|documents_converted_total|rejections_total)' || true
