#!/usr/bin/env python3
"""tools/bench batch: throughput, scaling and memory of `ccdafhir batch` (see tools/bench).

Runs the command line as a user would, so reading, writing, the report and the workers are all
measured. Each run's peak RSS comes from wait4() (ru_maxrss of that child alone).
"""
import argparse
import io
import json
import os
import random
import shutil
import statistics
import sys
import tarfile
import tempfile
import time

MIB = 1024.0 * 1024.0
NOW = "2024-01-01T00:00:00Z"
# Folders that hold no whole documents: hostile inputs, FHIR sides of pairs, fragments.
EXCLUDED = {"malformed", "pairs", "hl7-snippets"}


def run_batch(ccdafhir, source, out, jobs):
    """One batch run: wall seconds, CPU seconds, peak RSS (MiB) and the summary."""
    shutil.rmtree(out, ignore_errors=True)
    argv = [ccdafhir, "batch", source, out, "--jobs", str(jobs), "--now", NOW,
            "--progress", "off"]
    start = time.monotonic()
    # stdout silenced: the summary is read from summary.json.
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execv(ccdafhir, argv)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"tools/bench batch: ccdafhir batch exited with {code}")
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, summary


def corpus_documents(corpus):
    docs = []
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if d not in EXCLUDED)
        for name in sorted(files):
            if name.lower().endswith(".xml"):
                docs.append(os.path.join(root, name))
    return docs


def make_synthetic(corpus, path, count):
    """A tar.gz of `count` documents: the corpus documents of 64 KiB or less, repeated."""
    small = [p for p in corpus_documents(corpus) if os.path.getsize(p) <= 64 * 1024]
    if not small:
        sys.exit("tools/bench batch: no corpus documents of 64 KiB or less")
    blobs = []
    for p in small:
        with open(p, "rb") as f:
            blobs.append((os.path.basename(p), f.read()))
    rng = random.Random(7)  # the same archive every time
    largest = 0
    total = 0
    with tarfile.open(path, "w:gz", compresslevel=1) as tar:
        for i in range(count):
            name, data = blobs[rng.randrange(len(blobs))] if i >= len(blobs) else blobs[i]
            info = tarfile.TarInfo(f"synthetic/{i // 1000:03d}/{i:06d}-{name}")
            info.size = len(data)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
            largest = max(largest, len(data))
            total += len(data)
    return largest, total


def row(label, wall, cpu, rss, summary):
    docs = summary["converted"] + summary["converted_with_errors"] + summary["rejected"]
    mib = summary["bytes"] / MIB
    print(f"{label:<28} {docs:>7} {docs / wall:>9.1f} {mib / wall:>8.2f} {docs / cpu:>10.1f} "
          f"{mib / cpu:>10.2f} {rss:>9.1f}")
    return docs / wall, docs / cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ccdafhir", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--synthetic", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=3, help="runs of each --jobs value (median)")
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"tools/bench batch: corpus not found at {args.corpus} (the shared/ folder "
                 "beside the repository)")
    work = tempfile.mkdtemp(prefix="ccdafhir-bench-batch-")
    try:
        # The documents only: malformed/, pairs/ and the snippets are left out, as in
        # tools/bench convert. Copied (links are not followed by the batch).
        corpus_view = os.path.join(work, "corpus")
        os.mkdir(corpus_view)
        for d in sorted(os.listdir(args.corpus)):
            src = os.path.join(args.corpus, d)
            if os.path.isdir(src) and d not in EXCLUDED:
                shutil.copytree(src, os.path.join(corpus_view, d))
        print(f"corpus: {args.corpus} (without {', '.join(sorted(EXCLUDED))}), "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        print(f"{'run':<28} {'docs':>7} {'docs/s':>9} {'MiB/s':>8} {'docs/cpu-s':>10} "
              f"{'cpu MiB/s':>10} {'RSS MiB':>9}")
        out = os.path.join(work, "out")
        # One run of each is at the mercy of whatever else the machine does in those seconds:
        # the runs alternate (1, 2, 1, 2, ...) so that a burst of other load hits both, and the
        # ratio is that of the medians.
        per_jobs = {1: [], 2: []}
        for i in range(args.rounds):
            for jobs in (1, 2):
                r = row(f"corpus, --jobs {jobs} (#{i + 1})",
                        *run_batch(args.ccdafhir, corpus_view, out, jobs))
                per_jobs[jobs].append(r)
        m1 = statistics.median(r[0] for r in per_jobs[1])
        m2 = statistics.median(r[0] for r in per_jobs[2])
        c1 = statistics.median(r[1] for r in per_jobs[1])
        c2 = statistics.median(r[1] for r in per_jobs[2])
        print(f"median of {args.rounds}: --jobs 1 {m1:.1f} docs/s, --jobs 2 {m2:.1f} docs/s")
        print(f"--jobs 2 / --jobs 1: {m2 / m1:.2f}x documents/s (goal: 1.7x or more on 2 "
              f"idle cores); CPU per document {c1 / c2:.2f}x; load average now "
              f"{os.getloadavg()[0]:.1f}")

        archive = os.path.join(work, "synthetic.tar.gz")
        largest, total = make_synthetic(args.corpus, archive, args.synthetic)
        print(f"synthetic: {args.synthetic} documents, {total / MIB:.0f} MiB in "
              f"{os.path.getsize(archive) / MIB:.0f} MiB of tar.gz, largest {largest / 1024:.0f} KiB")
        wall, cpu, rss, summary = run_batch(args.ccdafhir, archive, out, 2)
        row("synthetic, --jobs 2", wall, cpu, rss, summary)
        bound = 200.0 + 4 * largest / MIB
        ok = rss <= bound and summary["members"] == args.synthetic
        print(f"synthetic: {summary['members']} report lines; peak RSS {rss:.1f} MiB, bound "
              f"{bound:.1f} MiB (200 + 4 x largest document): {'within' if ok else 'OVER'}")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
