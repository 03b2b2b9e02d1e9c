#!/usr/bin/env python3
"""Imports per target against Package.swift's declared dependencies.

Prints, per target, the modules its files import. Exit 1 when a target imports a
package target it does not declare, or declares a dependency (target or product) that
none of its files imports — an edge in the graph that the code does not use.
Usage: scripts/imports.py [--list]"""
import json, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
desc = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, capture_output=True, text=True, check=True).stdout)
products = {"WebSocketKit", "NIOCore", "NIOPosix", "NIOHTTP1", "NIOWebSocket", "NIOSSL", "NIOEmbedded", "ArgumentParser", "Yams"}
# A target named liqsim-live is imported as the module liqsim_live.
names = {t["name"].replace("-", "_") for t in desc["targets"]}
system = {"Glibc", "Foundation", "Testing", "XCTest", "Dispatch", "Synchronization", "FoundationEssentials"}
status = 0
for t in desc["targets"]:
    if t["type"] == "system":
        continue
    path = t.get("path") or ("Tests/" if t["type"] == "test" else "Sources/") + t["name"]
    declared = set()
    for d in t["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in d:
                declared.add(d[kind][0].replace("-", "_"))
    imported = set()
    for dirpath, _, files in os.walk(os.path.join(root, path)):
        for f in files:
            if f.endswith(".swift"):
                for line in open(os.path.join(dirpath, f), encoding="utf-8"):
                    m = re.match(r"\s*(?:@testable\s+|@_exported\s+)?import\s+(\w+)", line)
                    if m:
                        imported.add(m.group(1))
    mods = sorted(m for m in imported if m in names or m in products)
    if "--list" in sys.argv:
        print(f"{t['name']}: {' '.join(mods)}")
    undeclared = sorted(m for m in imported if m in names and m not in declared)
    unused = sorted(d for d in declared if d not in imported)
    if undeclared:
        print(f"imports: {t['name']} imports undeclared {', '.join(undeclared)}"); status = 1
    if unused:
        print(f"imports: {t['name']} declares {', '.join(unused)} but no file imports it"); status = 1
sys.exit(status)
