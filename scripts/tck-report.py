#!/usr/bin/env python3
"""Per-package TCK results from surefire XML reports: passed / failed / errors / skipped,
and each failing test with the first line of its message.
Usage: scripts/tck-report.py [--websocket] [tck-runner/target/surefire-reports]
  --websocket: the Jakarta WebSocket TCK's reports (-Pwebsocket-tck) instead of the Servlet TCK's"""
import collections
import glob
import os
import sys
import xml.etree.ElementTree as ET

args = sys.argv[1:]
websocket = "--websocket" in args
args = [a for a in args if a != "--websocket"]
reports = args[0] if args else "tck-runner/target/surefire-reports"
prefix = "com.sun.ts.tests.websocket." if websocket else "servlet.tck."
stats = collections.defaultdict(lambda: [0, 0, 0, 0])
failures = []
for path in sorted(glob.glob(os.path.join(reports, "TEST-" + prefix + "*.xml"))):
    for case in ET.parse(path).getroot().iter("testcase"):
        cls = case.get("classname", "")
        pkg = cls.rsplit(".", 1)[0].removeprefix(prefix)
        row = stats[pkg]
        bad = case.find("failure") if case.find("failure") is not None else case.find("error")
        if case.find("skipped") is not None:
            row[3] += 1
        elif bad is not None:
            row[1 if bad.tag == "failure" else 2] += 1
            msg = (bad.get("message") or bad.get("type") or "").strip().splitlines()
            failures.append((pkg, cls.rsplit(".", 1)[1] + "." + case.get("name"), msg[0][:200] if msg else ""))
        else:
            row[0] += 1
total = [sum(r[i] for r in stats.values()) for i in range(4)]
print("| package | passed | failed | errors | skipped |")
print("|---|---:|---:|---:|---:|")
for pkg in sorted(stats):
    p, f, e, s = stats[pkg]
    print(f"| {pkg} | {p} | {f} | {e} | {s} |")
print(f"| **total** | **{total[0]}** | **{total[1]}** | **{total[2]}** | **{total[3]}** |")
if failures:
    print("\nFailing tests:\n")
    for pkg, test, msg in failures:
        print(f"- `{pkg}` {test}: {msg}")
print(f"\n{total[0]} passed, {total[1] + total[2]} failed, {total[3]} skipped")
