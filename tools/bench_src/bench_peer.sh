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
echo "@medplum/ccda $peer_version (node $(node --version), one process, files read before timing):"
(cd "$work" && node peer.js "$corpus" "$work/documents.txt" "$work/converted.txt") >"$work/peer.json"
python3 - "$work/peer.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
print(f"  {p['docs']} documents: {p['converted']} converted, {p['failed']} threw (left out of "
      f"the figures); {p['mib']:.1f} MiB at {p['mibPerS']:.2f} MiB/s, "
      f"{p['cpuMibPerS']:.2f} MiB/s of CPU time")
PY

echo "ccdafhir on the documents @medplum/ccda converted (one thread, in-process):"
"$bench" convert --corpus "$corpus" --repeat 1 --only "$work/converted.txt" |
  tee "$work/ccdafhir.txt" | grep -E '^(corpus|phase|libxml2|ccdafhir to-fhir)' | sed 's/^/  /'
python3 - "$work/peer.json" "$work/ccdafhir.txt" <<'PY'
import json, sys
peer = json.load(open(sys.argv[1]))
row = next(l for l in open(sys.argv[2]) if l.startswith("ccdafhir to-fhir"))
# ccdafhir to-fhir | docs/s | MiB/s | s/pass | cpu MiB/s | cpu % | peak RSS
fields = row.split()
ours, ours_cpu = float(fields[3]), float(fields[5])
print(f"ccdafhir / @medplum/ccda: {ours / peer['mibPerS']:.2f}x by wall clock, "
      f"{ours_cpu / peer['cpuMibPerS']:.2f}x by CPU time (goal: 4x or more)")
PY
