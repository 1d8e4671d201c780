#!/usr/bin/env python3
"""Compares two built reports apart from timing fields: run wall times ("wallSeconds"), the
per-epoch "seconds" series, each exported run's "sha256" (a checksum of the whole result, timing
included), and the training times the pages (and the search index of their text) print. Exit 1 and a list of the
differing files when they differ."""
import json, os, re, sys

def strip_timing(value):
    if isinstance(value, dict):
        return {k: strip_timing(v) for k, v in value.items() if k not in ("wallSeconds", "seconds", "sha256")}
    if isinstance(value, list):
        return [strip_timing(v) for v in value]
    return value

TIMES = [
    (re.compile(r"\d+(\.\d+)? (s|min|h) of training"), "T of training"),
    (re.compile(r"\d+(\.\d+)? (s|min|h) training"), "T training"),
    # reproducibility page, runs table: experiment, runs, seconds, threads
    (re.compile(r'(</code></a></td><td class="num">\d+</td><td class="num">)[0-9.]+(</td>)'), r"\1T\2"),
    # the same table as the search index has it, in plain text: "<experiment> <runs> <seconds> <threads>"
    (re.compile(r'(training \(s\) threads per run(?: [\w-]+ \d+ )?)[0-9.]+'), r"\1T"),
]

def normalised(path):
    data = open(path, "rb").read()
    if path.endswith(".json"):
        return json.dumps(strip_timing(json.loads(data)), sort_keys=True)
    if path.endswith(".html") or path.endswith(".js"):   # pages, and the search index of their text
        text = data.decode()
        for pattern, replacement in TIMES:
            text = pattern.sub(replacement, text)
        return text
    return data

def files(root):
    out = set()
    for folder, _, names in os.walk(root):
        for n in names:
            out.add(os.path.relpath(os.path.join(folder, n), root))
    return out

a, b = sys.argv[1], sys.argv[2]
fa, fb = files(a), files(b)
problems = [f"only in {a}: {f}" for f in sorted(fa - fb)] + [f"only in {b}: {f}" for f in sorted(fb - fa)]
for f in sorted(fa & fb):
    if normalised(os.path.join(a, f)) != normalised(os.path.join(b, f)):
        problems.append(f"differs: {f}")
for p in problems:
    print(p)
print(f"compared {len(fa & fb)} files: {'identical apart from timing' if not problems else f'{len(problems)} differences'}")
sys.exit(1 if problems else 0)
