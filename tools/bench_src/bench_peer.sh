#!/usr/bin/env bash
# tools/bench peer (see tools/bench): @medplum/ccda and ccdafhir on the same documents, same run.
#   bench_peer.sh CCDAFHIR_BENCH CORPUS
set -euo pipefail
bench=$1
corpus=$2
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "tools/bench peer: $tool not found; nothing to compare" >&2; exit 0; }
done
work=$(mktemp -d /tmp/ccdafhir-bench-peer-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "installing @medplum/ccda into $work from the npm registry ..."
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund @medplum/ccda >/dev/null)
peer_version=$(node -p "JSON.parse(require(\"fs\").readFileSync(\"$work/node_modules/@medplum/ccda/package.json\")).version")

# The documents ccdafhir measures (well-formed ClinicalDocuments), listed by a parse-only pass.
"$bench" convert --corpus "$corpus" --repeat 1 --phase parse --list "$work/documents.txt" >/dev/null

cat >"$work/peer.js" <<'JS'
// The same documents through @medplum/ccda: XML -> Ccda -> FHIR Bundle -> JSON text. Each
// document is timed on its own; the figures count only the documents it converted (one that
// throws usually fails early, which would flatter the speed). Its console chatter is silenced.
const fs = require("fs");
const path = require("path");
const { convertXmlToCcda, convertCcdaToFhir } = require("@medplum/ccda");
const [corpus, list, convertedList] = process.argv.slice(2);
const names = fs.readFileSync(list, "utf8").split("\n").filter(Boolean);
const docs = names.map((p) => fs.readFileSync(path.join(corpus, p), "utf8"));
for (const k of ["log", "warn", "error", "info", "debug"]) console[k] = () => {};
let failed = 0, seconds = 0, cpuSeconds = 0, bytes = 0;
const converted = [];
docs.forEach((xml, i) => {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  try {
    JSON.stringify(convertCcdaToFhir(convertXmlToCcda(xml)));
  } catch (e) {
    failed++;
    return;
  }
  seconds += Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  cpuSeconds += (cpu.user + cpu.system) / 1e6;
  bytes += Buffer.byteLength(xml);
  converted.push(names[i]);
});
fs.writeFileSync(convertedList, converted.map((n) => n + "\n").join(""));
const mib = bytes / 1048576;
process.stdout.write(JSON.stringify({ docs: docs.length, converted: converted.length, failed,
  mib, seconds, cpuSeconds, mibPerS: mib / seconds, cpuMibPerS: mib / cpuSeconds }) + "\n");
JS
# Rounds, each one pass of @medplum/ccda (a fresh node process) and one of ccdafhir right after
# it on the same documents: the machine's speed drifts within seconds, and each round's ratio
# is taken from passes side by side. The median of the rounds is the figure.
rounds=${CCDAFHIR_PEER_ROUNDS:-3}
echo "@medplum/ccda $peer_version (node $(node --version), one process a round, files read before timing), $rounds rounds:"
for round in $(seq 1 "$rounds"); do
  (cd "$work" && node peer.js "$corpus" "$work/documents.txt" "$work/converted.txt") >"$work/peer.$round.json"
  # ccdafhir on the documents @medplum/ccda converted (one thread, in-process)
  "$bench" convert --corpus "$corpus" --repeat 1 --only "$work/converted.txt" >"$work/ccdafhir.$round.txt"
done
python3 - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
wall, cpu = [], []
for r in range(1, rounds + 1):
    p = json.load(open(f"{work}/peer.{r}.json"))
    row = next(l for l in open(f"{work}/ccdafhir.{r}.txt") if l.startswith("ccdafhir to-fhir"))
    fields = row.split()
    ours, ours_cpu = float(fields[3]), float(fields[5])
    wall.append(ours / p["mibPerS"])
    cpu.append(ours_cpu / p["cpuMibPerS"])
    if r == 1:
        print(f"  {p['docs']} documents: {p['converted']} converted by @medplum/ccda, "
              f"{p['failed']} threw (left out of the figures); {p['mib']:.1f} MiB")
    print(f"  round {r}: @medplum/ccda {p['mibPerS']:.2f} MiB/s ({p['cpuMibPerS']:.2f} of CPU "
          f"time), ccdafhir {ours:.2f} MiB/s ({ours_cpu:.2f}): {wall[-1]:.2f}x, {cpu[-1]:.2f}x")
print(f"ccdafhir / @medplum/ccda, median of {rounds} rounds: {statistics.median(wall):.2f}x by "
      f"wall clock, {statistics.median(cpu):.2f}x by CPU time (goal: 4x or more)")
PY
