#!/usr/bin/env python3
"""Ask PyPA packaging whether two specifier sets have a version in common, for the rule tests.

Usage (from the repository root; needs the standalone ``packaging`` 26.2, no network):

    python3 scripts/oracle/gen-rule-goldens.py
    python3 scripts/oracle/gen-rule-goldens.py --check-witnesses < witnesses.json

Reads ``test/rules/goldens/spec-pairs.cases.json`` (pairs ``a``/``b`` written by hand, each with
the drift rule that must report it) and writes ``test/rules/goldens/spec-pairs.golden.json``.
Per pair it records ``str(SpecifierSet)`` of each side, the pre-release policy (pre-releases
count when either set names one, as ``SpecifierSet.prereleases`` says), whether packaging
calls the two sets equal (``SpecifierSet.__eq__``), and the least version
among a candidate list that both sets contain with that policy, or null.

The candidate list is built from every version the two sets name: the version itself, its
local, post, dev and pre-release neighbours, each release segment bumped up or down, longer
releases squeezed just above it, the next epoch, plus a few fixed points. No list can prove
that *no* version exists, but this one contains a member of every non-empty interval the
PEP 440 operators can cut from these sets, so a null here and a satisfiable verdict from
depaudit is worth a look. ``--check-witnesses`` closes that gap from the other side: it reads a
JSON list of ``{"sets": [...], "witness": V, "prereleases": bool}`` (depaudit's own witnesses,
written by test/rules/unsatisfiable.test.ts) and prints, for each, whether every set contains V.
Output is deterministic.
"""

from __future__ import annotations

import json
import os
import sys

import packaging
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CASES = os.path.join(ROOT, "test/rules/goldens/spec-pairs.cases.json")
GOLDEN = os.path.join(ROOT, "test/rules/goldens/spec-pairs.golden.json")

FIXED = ["0", "0.dev0", "0a0", "0.0.1", "1", "999", "999a1", "1!0", "1!0.dev0", "1!999"]


def fmt(epoch: int, release: list[int], suffix: str = "") -> str:
    return (f"{epoch}!" if epoch else "") + ".".join(map(str, release)) + suffix


def neighbours(v: Version) -> set[str]:
    e, rel = v.epoch, list(v.release)
    out = {str(v), fmt(e, rel), fmt(e + 1, [0]), fmt(e, rel, "+0"), fmt(e, rel, "+a"), fmt(e, rel, "+zzz")}
    for suffix in ["a0", "a1", "b1", "rc1", "rc99", ".dev0", ".dev1", ".post0", ".post1", ".post0.dev0",
                   ".post1.dev0", "a0.dev0", "rc1.post1"]:
        out.add(fmt(e, rel, suffix))
    pre = v.pre
    if pre is not None:
        out.add(fmt(e, rel, f"{pre[0]}{pre[1] + 1}"))
        out.add(fmt(e, rel, f"{pre[0]}{pre[1]}.post0"))
        out.add(fmt(e, rel, f"{pre[0]}{pre[1] + 1}.dev0"))
        if pre[1] > 0:
            out.add(fmt(e, rel, f"{pre[0]}{pre[1] - 1}"))
    if v.post is not None:
        out |= {fmt(e, rel, f".post{v.post + 1}"), fmt(e, rel, f".post{v.post + 1}.dev0")}
        if v.post > 0:
            out.add(fmt(e, rel, f".post{v.post - 1}"))
    if v.dev is not None:
        out |= {fmt(e, rel, f".dev{v.dev + 1}"), str(v).split("+")[0].rsplit(".dev", 1)[0]}
    for i in range(len(rel)):
        up = rel[: i + 1]
        up[i] += 1
        out |= {fmt(e, up), fmt(e, up, ".dev0"), fmt(e, up, "a0")}
        if rel[i] > 0:
            down = rel[: i + 1]
            down[i] -= 1
            out |= {fmt(e, down), fmt(e, down + [999]), fmt(e, down + [999], "rc1")}
    for zeros in range(0, 5):
        longer = rel + [0] * zeros + [1]
        out |= {fmt(e, longer), fmt(e, longer, ".dev0"), fmt(e, longer, "a1")}
    return out


def spec_versions(ss: SpecifierSet) -> list[str]:
    return [s.version[:-2] if s.version.endswith(".*") else s.version for s in ss]


def candidates(a: SpecifierSet, b: SpecifierSet) -> list[str]:
    named = spec_versions(a) + spec_versions(b)
    out: set[str] = set(FIXED)
    for text in named:
        try:
            v = Version(text)
        except InvalidVersion:
            out.add(text)  # an === string: only itself can match it
            continue
        out |= neighbours(v)
        out.add(text)  # as written: === compares the string
    def key(c: str):
        try:
            return (0, Version(c), c != str(Version(c)), c)  # the normalized spelling first
        except InvalidVersion:
            return (1, Version("0"), True, c)
    return sorted(out, key=key)


def verdict(case: dict) -> dict:
    a, b = SpecifierSet(case["a"]), SpecifierSet(case["b"])
    pre = bool(a.prereleases or b.prereleases)
    cands = candidates(a, b)
    witness = next((c for c in cands if a.contains(c, prereleases=pre) and b.contains(c, prereleases=pre)), None)
    return {"a": case["a"], "b": case["b"], "a_str": str(a), "b_str": str(b), "equal": a == b, "prereleases": pre,
            "satisfiable": witness is not None, "witness": witness, "candidates": len(cands)}


def check_witnesses() -> int:
    items = json.load(sys.stdin)
    out = [all(SpecifierSet(s).contains(i["witness"], prereleases=i["prereleases"]) for s in i["sets"]) for i in items]
    json.dump(out, sys.stdout)
    return 0


def main() -> int:
    if packaging.__version__ != "26.2":
        print(f"expected packaging 26.2, found {packaging.__version__}", file=sys.stderr)
        return 1
    if sys.argv[1:] == ["--check-witnesses"]:
        return check_witnesses()
    with open(CASES, encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    results = [verdict(c) for c in cases]
    with open(GOLDEN, "w", encoding="utf-8") as f:
        f.write('{\n "oracle": "packaging ' + packaging.__version__ + '",\n "cases": [\n  ')
        f.write(",\n  ".join(json.dumps(r, ensure_ascii=False) for r in results))
        f.write("\n ]\n}\n")
    print(f"wrote {len(results)} cases to {os.path.relpath(GOLDEN, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
