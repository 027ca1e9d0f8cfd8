#!/usr/bin/env python3
"""Independent check of `depaudit audit`: which OSV advisories cover a tree's exact pins.

Reads the tree's requirements files with pip's own parser (pip._internal, as `pip install -r`
does), keeps every `==V` (no wildcard) and `===V` pin, and evaluates every advisory file of an
OSV directory (YAML or JSON, recursively) with PyPA `packaging`, following the OSV schema's
evaluation pseudocode literally: for each ECOSYSTEM/SEMVER range, sort the events ("0" first,
then by version; on a tie introduced, fixed, last_affected) and walk them for the pinned version; a version
listed in `versions` (PEP 440 equality) is affected too. Withdrawn advisories are skipped; a
range with an event that is not a PEP 440 version is skipped (depaudit does the same and says so).

Prints a JSON list of {"package", "version", "advisory"}, one per (pin, advisory record), sorted.
Nothing is shared with depaudit's TypeScript code.

    python3 scripts/oracle/audit-pins.py fixtures/seed-platform ../shared/advisories/pypa-advisory-database
"""
import json
import os
import re
import sys

import yaml
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version
from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements
from pip._internal.req.constructors import install_req_from_parsed_requirement

SKIP_DIRS = {".git", "node_modules", ".venv", "venv", ".tox", "site-packages", "build", "dist"}


def is_manifest(rel):
    base = os.path.basename(rel)
    parent = os.path.basename(os.path.dirname(rel))
    if re.fullmatch(r".*requirements.*\.(txt|in)", base) or re.fullmatch(r"constraints.*\.txt", base):
        return True
    return parent == "requirements" and base.endswith((".txt", ".in"))


def pins(root):
    found = set()
    session = PipSession()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if not is_manifest(os.path.relpath(path, root)):
                continue
            for parsed in parse_requirements(path, session, constraint=False):
                req = install_req_from_parsed_requirement(parsed).req
                if req is None or req.url:
                    continue
                for spec in req.specifier:
                    if spec.operator == "===" or (spec.operator == "==" and not spec.version.endswith(".*")):
                        found.add((canonicalize_name(req.name), spec.version))
    return found


def parse(v):
    try:
        return Version(v)
    except InvalidVersion:
        return None


def range_affects(events, v):
    keyed = []
    for e in events:
        (kind, text), = e.items()
        if kind == "introduced" and text == "0":
            keyed.append((0, None, 0, kind))
            continue
        if kind == "limit" and text == "*":
            continue
        ver = parse(text)
        if ver is None:
            return None  # the range is unusable
        keyed.append((1, ver, {"introduced": 0, "fixed": 1, "last_affected": 2, "limit": 3}[kind], kind))
    limits = [k[1] for k in keyed if k[3] == "limit"]
    if limits and not any(v < lim for lim in limits):
        return False
    affected = False
    for _, ver, _, kind in sorted(keyed, key=lambda k: (k[0], k[1] or Version("0"), k[2])):
        if kind == "introduced" and (ver is None or v >= ver):
            affected = True
        elif kind == "fixed" and v >= ver:
            affected = False
        elif kind == "last_affected" and v > ver:
            affected = False
    return affected


def load(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    if path.endswith(".json"):
        return json.loads(text)
    # BaseLoader keeps every scalar a string: `fixed: 1.10` must not become the float 1.1.
    return yaml.load(text, Loader=yaml.BaseLoader)


def main():
    root, db = sys.argv[1], sys.argv[2]
    wanted = pins(root)
    names = {n for n, _ in wanted}
    out = []
    for dirpath, dirnames, filenames in os.walk(db):
        dirnames[:] = sorted(d for d in dirnames if d != ".git")
        for name in sorted(filenames):
            if not name.endswith((".yaml", ".yml", ".json")):
                continue
            record = load(os.path.join(dirpath, name))
            if not isinstance(record, dict) or record.get("withdrawn"):
                continue
            for pkg, version in wanted:
                v = parse(version)
                hit = False
                for affected in record.get("affected") or []:
                    p = affected.get("package") or {}
                    if p.get("ecosystem") != "PyPI" or canonicalize_name(p.get("name", "")) != pkg:
                        continue
                    listed = affected.get("versions") or []
                    if v is None:
                        hit = hit or version.lower() in [x.lower() for x in listed]
                        continue
                    if any(parse(x) == v for x in listed if parse(x) is not None):
                        hit = True
                    for r in affected.get("ranges") or []:
                        if r.get("type") in ("ECOSYSTEM", "SEMVER") and range_affects(r.get("events") or [], v):
                            hit = True
                if hit:
                    out.append({"package": pkg, "version": version, "advisory": record["id"]})
    assert names  # a tree without pins would make the comparison vacuous
    out.sort(key=lambda x: (x["package"], x["version"], x["advisory"]))
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
