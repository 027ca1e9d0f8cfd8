#!/usr/bin/env python3
"""Generate the PEP 440 goldens for depaudit's src/pep440 from PyPA packaging.

Usage (from the repository root):

    python3 scripts/oracle/gen-pep440-goldens.py [--witnesses FILE]

README: needs the *standalone* ``packaging`` 26.2 (checked) and imports it directly
(one process instead of one pip_oracle.py call per vector). It reads the vectors
transcribed from packaging's own tests (tests/test_version.py, tests/test_specifiers.py)
in ``test/goldens/pep440/vectors-{versions,specifiers,satisfiable}.txt`` (one JSON
array per line; the satisfiable file also holds depaudit's own conjunctions), adds
generated cross products (operator x tricky version x tricky candidate) and seeded
fuzz inputs, and writes ``test/goldens/pep440/*.json`` (one case per line):

* ``versions.json``     Version(text): normalized, public, is_prerelease, parts, or error
* ``compare.json``      pairs of versions: cmp = (a > b) - (a < b)
* ``specifiers.json``   Specifier(text): operator, version, str, or error
* ``specifier-sets.json`` SpecifierSet(text): str, len, or error
* ``contains.json``     Specifier(spec).contains(v): version_compare (plain Version
                        ordering, as pip_oracle.py --versions prints it) and
                        specifier_contains {default, prereleases_false, prereleases_true}
* ``set-contains.json`` the same for SpecifierSet(spec).contains(v)
* ``satisfiable.json``  conjunctions of sets: packaging's is_unsatisfiable() and the
                        first version of a large sample pool that every set contains

The output mirrors pip_oracle.py --versions (same field names). ``--witnesses FILE``
(a JSON list of {"sets": [...], "prereleases": bool, "witness": str}, written by the
TS test run with PEP440_DUMP_WITNESSES=FILE) adds ``satisfiable-witnesses.json``:
packaging's verdict on every witness depaudit found.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from typing import Any, Iterable

import packaging
from packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from packaging.version import InvalidVersion, Version

EXPECTED_PACKAGING = "26.2"
ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
GOLDEN_DIR = os.path.join(ROOT, "test", "goldens", "pep440")
OPS = ["~=", "==", "!=", "<=", ">=", "<", ">", "==="]
PY_OPS = {"<": "__lt__", "<=": "__le__", "==": "__eq__", "!=": "__ne__", ">=": "__ge__", ">": "__gt__"}


def err(exc: BaseException) -> str:
    """Same shape as pip_oracle.py: 'Type: message' (AssertionError has no message)."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def read_vectors(name: str) -> list[list[Any]]:
    rows = []
    with open(os.path.join(GOLDEN_DIR, name), encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                rows.append(json.loads(line))
    return rows


def dedupe(items: Iterable[Any]) -> list[Any]:
    seen, out = set(), []
    for item in items:
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def dump(path: str, cases: list[dict[str, Any]]) -> None:
    body = ",\n".join(" " + json.dumps(c, ensure_ascii=False) for c in cases)
    with open(os.path.join(GOLDEN_DIR, path), "w", encoding="utf-8") as fh:
        fh.write('{"packaging": "%s", "cases": [\n%s\n]}\n' % (packaging.__version__, body))
    print(f"wrote {len(cases):6d} cases to test/goldens/pep440/{path}")


# ---------------------------------------------------------------------------
# Oracle calls
# ---------------------------------------------------------------------------
def version_case(text: str, source: str) -> dict[str, Any]:
    case: dict[str, Any] = {"input": text, "source": source}
    try:
        v = Version(text)
    except Exception as exc:  # InvalidVersion, or ValueError for > 4300-digit numbers
        case.update(valid=False, error=err(exc))
        return case
    case.update(
        valid=True, normalized=str(v), public=v.public, is_prerelease=v.is_prerelease,
        epoch=v.epoch, release=list(v.release), pre=list(v.pre) if v.pre else None,
        post=v.post, dev=v.dev, local=list(v._local) if v._local else None,  # noqa: SLF001
    )
    return case


def compare_case(a: str, b: str, source: str) -> dict[str, Any]:
    va, vb = Version(a), Version(b)
    return {"a": a, "b": b, "cmp": (va > vb) - (va < vb), "source": source}


def specifier_case(text: str, source: str) -> dict[str, Any]:
    case: dict[str, Any] = {"input": text, "source": source}
    try:
        s = Specifier(text)
    except InvalidSpecifier as exc:
        case.update(valid=False, error=str(exc))
        return case
    case.update(valid=True, operator=s.operator, version=s.version, str=str(s))
    return case


def set_case(text: str, source: str) -> dict[str, Any]:
    case: dict[str, Any] = {"input": text, "source": source}
    try:
        ss = SpecifierSet(text)
    except InvalidSpecifier as exc:
        case.update(valid=False, error=str(exc))
        return case
    case.update(valid=True, len=len(ss))
    try:
        case["str"] = str(ss)
    except Exception as exc:  # sorting hashes specs, which asserts on unparsable ~= versions
        case["str_error"] = err(exc)
    return case


def contains3(obj: Any, item: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, pre in (("default", None), ("prereleases_false", False), ("prereleases_true", True)):
        try:
            out[key] = obj.contains(item, prereleases=pre)
        except Exception as exc:  # AssertionError for odd ~= spellings, ValueError for huge ints
            out[key + "_error"] = err(exc)
    return out


def contains_case(version: str, spec: str, as_version: bool, source: str, single: bool) -> dict[str, Any]:
    case: dict[str, Any] = {"version": version, "spec": spec}
    if as_version:
        case["version_object"] = True  # passed as Version(version), not as the string
    if source != "generated":
        case["source"] = source
    try:
        obj = Specifier(spec) if single else SpecifierSet(spec)
    except InvalidSpecifier as exc:
        case["error"] = err(exc)
        return case
    try:
        item = Version(version) if as_version else version
    except InvalidVersion as exc:
        case["error"] = err(exc)
        return case
    if single:
        case["version_compare"] = None
        if obj.operator in PY_OPS and not obj.version.endswith(".*"):
            try:
                case["version_compare"] = getattr(Version(version), PY_OPS[obj.operator])(Version(obj.version))
            except Exception as exc:
                case["version_compare_error"] = err(exc)
    case["specifier_contains"] = contains3(obj, item)
    return case


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------
def version_family(base: str) -> list[str]:
    """Every suffix combination around a base (after packaging's _version_family)."""
    return [f"{base}.dev0", f"{base}.dev1", f"{base}.dev0+local", f"{base}a0", f"{base}a0.post0.dev0",
            f"{base}a0.post0", f"{base}a1.dev1", f"{base}a1.dev1+local", f"{base}a1", f"{base}a1+local",
            f"{base}b1", f"{base}b2.post1.dev1", f"{base}b2.post1", f"{base}rc1.dev1", f"{base}rc1",
            f"{base}rc2", f"{base}a2.dev0", base, f"{base}.0", f"{base}.post0.dev0", f"{base}.post0",
            f"{base}.post1.dev0", f"{base}.post1", f"{base}.post1+local", f"{base}.post2", f"{base}+local",
            f"{base}+local1", f"{base}+local2", f"{base}+1", f"{base}+1.local", f"{base}.1.dev1",
            f"{base}.1a1", f"{base}.1", f"{base}.1+local", f"{base}.1.post1"]


SAMPLE_BASES = ["0", "0.0", "1.0", "1.1", "1.2", "2.0", "2.1", "3.0", "1.0.1", "1.4.2", "2.0.0", "3.10.2", "3.8",
                "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "10.0", "100.0", "1!0.0", "1!1.0", "1!2.0",
                "1.4", "1.4.5", "1.5", "1.10.2", "2.5.0", "1.0.0.0.1", "1.0.0.1", "1.18", "1.19.5"]
POOL = dedupe([v for base in SAMPLE_BASES for v in version_family(base)]
              + ["1.0a1.post1", "1.0.post0+local", "1.4.5rc1", "1.4.5rc1.post1", "1.4.5rc1.post1.dev1",
                 "1.4.5.post1.dev1", "1.4.5.post1", "1.0+abc", "1.0+abc.0", "1.0+0abc", "1.0+cpu",
                 "1.0+cpu.1", "0.dev0", "0", "0+local", "0.post0", "foobar", "a", "b", "not-a-version",
                 "1.01", "1.0-1", "v1.0", "FOOBAR", "1.0a2.dev0", "1.0a2"])

# Versions and specifier versions for the generated cross products.
TRICKY_VERSIONS = [
    "0", "0.dev0", "0.0", "0.0.0", "0+local", "0.post0", "1", "1.0", "1.0.0", "1.0.0.0", "01.00", "v1.0", "V1.0",
    "1.0.dev0", "1.0.dev1", "1.0.0.dev1", "1.0a0", "1.0a1", "1.0a1.dev1", "1.0a1.post1", "1.0a1.post1.dev1",
    "1.0b2", "1.0c1", "1.0rc1", "1.0rc1.dev2", "1.0.post0", "1.0.post1", "1.0.post1.dev0", "1.0.post1.dev1",
    "1.0-1", "1.0+local", "1.0+LOCAL", "1.0+abc.5", "1.0+abc.10", "1.0+5", "1.0+abc", "1.0+0abc", "1.0+1.abc",
    "1.0.post1+local", "1.0a1+local", "1.0.dev1+local", "1.0.1", "1.0.1a1", "1.0.1.dev0", "1.0.0.1",
    "1.1", "1.1.dev0", "1.1a1", "1.4.5", "1.4.6", "1.5", "1.5.0a1", "2", "2.0", "2.0rc1", "2.0.post1",
    "1!0.1", "1!1.0", "1!1.0.dev0", "2!0", "0!1.0", "1.2.3.4.5", "2022.01.01", "9007199254740991",
    "1.0a1.post1.dev1+x.y.z",
]
SPEC_VERSIONS = [
    "0", "0.dev0", "1.0", "1.0.0", "v1.0", "1.0.dev1", "1.0a1", "1.0a1.post1", "1.0rc1.dev2", "1.0.post1",
    "1.0.post1.dev1", "1.0-1", "1!1.0", "1.4.5", "1.4", "2.0rc1",
]
SPEC_LOCALS = ["1.0+local", "1.0+abc.5", "1.0.post1+local", "1.0a1+local", "1+LOCAL", "1.0.0+local"]
SPEC_WILDCARDS = ["1.*", "1.0.*", "1.0.0.*", "0.*", "1!1.*", "2.*", "1.4.*", "v1.0.*"]
ODD_COMPATIBLE = ["1.4.5.c1", "1.4.5.C1", "1.4.5.c1.r1", "1.4.5.c.1", "v1.4.5", "V1.4", "1.4.5.Post1.Dev1",
                  "1.4.5-1", "1.4.5.r1", "1.4.5.pre1.r1", "1.4.5_c1", "1!1.4.5", "01.04.5", "1.4.5.DEV1"]


def fuzz_versions(rng: random.Random, n: int) -> list[str]:
    tokens = ["0", "1", "2", "10", "01", ".", ".", "-", "_", "+", "!", "v", "V", "a", "b", "c", "rc", "RC", "alpha",
              "beta", "pre", "preview", "post", "POST", "rev", "r", "dev", "DEV", "local", "abc", "x", " ", "\t",
              "*", "é", "\u0130", "\u017f", "\u00a0", "\ufeff", "\x1c", "\x85"]
    out = []
    for _ in range(n):
        start = rng.choice(["", "1", "1.0", "v1", "1!2.3", " ", "2.0"])
        out.append(start + "".join(rng.choice(tokens) for _ in range(rng.randint(0, 6))))
    return dedupe(out)


def fuzz_specifiers(rng: random.Random, versions: list[str], n: int) -> list[str]:
    ops = OPS + ["=", "=>", "<>", "~", "!==", ""]
    gaps = ["", "", " ", "\t", "\u00a0", "\ufeff", "\x1c", "\x85", "  "]
    out = []
    for _ in range(n):
        v = rng.choice(versions + SPEC_WILDCARDS + SPEC_LOCALS + ODD_COMPATIBLE)
        suffix = rng.choice(["", "", "", ".*", "+x", ";", ")", "a", ".post"])
        out.append(rng.choice(gaps) + rng.choice(ops) + rng.choice(gaps) + v + suffix + rng.choice(gaps))
    return dedupe(out)


def specs_for(version: str) -> list[str]:
    ops = ["==", "!="] if "+" in version else ["~=", "==", "!=", "<=", ">=", "<", ">", "==="]
    return [op + version for op in ops]


# ---------------------------------------------------------------------------
# Satisfiability
# ---------------------------------------------------------------------------
def sat_case(sets: list[str], prereleases: bool, source: str) -> dict[str, Any]:
    parsed = [SpecifierSet(s) for s in sets]
    combined = SpecifierSet(",".join(s for s in sets if s.strip()), prereleases=prereleases)
    try:
        unsat = combined.is_unsatisfiable()
    except Exception as exc:
        unsat = err(exc)
    witness = None
    for v in POOL:
        try:
            if all(ss.contains(v, prereleases=prereleases) for ss in parsed):
                witness = v
                break
        except Exception:
            continue
    return {"sets": sets, "prereleases": prereleases, "packaging_unsatisfiable": unsat,
            "pool_witness": witness, "source": source}


def random_sat_sets(rng: random.Random, n: int) -> list[list[str]]:
    base_specs = [op + v for v in ["1.0", "1.0.post1", "1.0a1", "1.0.dev0", "1.1", "2.0", "1.0.0", "1!1.0", "0"]
                  for op in ["==", "!=", "<", "<=", ">", ">="]]
    base_specs += ["==1.*", "!=1.*", "==1.0.*", "!=1.0.*", "~=1.0", "~=1.0.0", "~=1.0a1", "==1.0+local",
                   "!=1.0+local", "===1.0", "===1.0a1", "~=1.4.5.c1", "==1.0+abc", "!=1.0+abc.0"]
    out = []
    for _ in range(n):
        k = rng.randint(1, 4)
        out.append([",".join(rng.sample(base_specs, rng.randint(1, 2))) for _ in range(k)])
    return out


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--witnesses", help="JSON witnesses dumped by the TS tests, to verify with packaging")
    args = parser.parse_args(argv)
    if packaging.__version__ != EXPECTED_PACKAGING:
        print(f"need packaging {EXPECTED_PACKAGING}, found {packaging.__version__}", file=sys.stderr)
        return 1
    rng = random.Random(440)
    vv = read_vectors("vectors-versions.txt")
    sv = read_vectors("vectors-specifiers.txt")
    sat_vectors = read_vectors("vectors-satisfiable.txt")

    # Sanity-check the transcription: packaging must agree with what its tests assert.
    order = [row[1] for row in vv if row[0] == "order"]
    for i in range(len(order) - 1):
        assert Version(order[i]) < Version(order[i + 1]), (order[i], order[i + 1])
    for row in vv:
        if row[0] == "normalize":
            assert str(Version(row[1])) == row[2], row
        elif row[0] == "invalid":
            try:
                Version(row[1])
                raise AssertionError(row)
            except InvalidVersion:
                pass
        elif row[0] in ("prerelease", "postrelease"):
            v = Version(row[1])
            assert (v.is_prerelease if row[0] == "prerelease" else v.is_postrelease) is row[2], row
    for row in sv:
        if row[0] == "contains" and row[3] is not None and not row[2].startswith("==="):
            assert Specifier(row[2], prereleases=True).contains(row[1]) is row[3], row
        elif row[0] == "contains-vobj":
            assert Specifier(row[2], prereleases=True).contains(Version(row[1])) is row[3], row

    # Versions.
    version_inputs = [(row[1], "packaging-tests:" + row[0]) for row in vv if row[0] != "compare"]
    version_inputs += [(v, "tricky") for v in TRICKY_VERSIONS + POOL]
    version_inputs += [(row[1], "packaging-tests:specifier-contains") for row in sv
                       if row[0] in ("contains", "set-contains", "contains-vobj", "set-contains-vobj")]
    version_inputs += [(v, "oversized") for v in ["1" * 4300, "1" * 4301, "0" * 4301, "1.0+" + "1" * 4301,
                                                  "1.0a" + "1" * 4301, "1." + "9" * 30, "1+abc." + "1" * 30]]
    version_inputs += [(v, "fuzz") for v in fuzz_versions(rng, 2500)]
    seen: set[str] = set()
    versions = []
    for text, source in version_inputs:
        if text not in seen:
            seen.add(text)
            versions.append(version_case(text, source))
    dump("versions.json", versions)

    # Comparisons: every pair of packaging's VERSIONS and of the tricky list.
    valid_tricky = [v for v in TRICKY_VERSIONS if version_case(v, "")["valid"]]
    pairs = [(a, b, "packaging-tests:VERSIONS") for a in order for b in order]
    pairs += [(a, b, "tricky") for a in valid_tricky for b in valid_tricky]
    pairs += [(row[1], row[2], "packaging-tests:compare") for row in vv if row[0] == "compare"]
    dump("compare.json", [compare_case(a, b, s) for a, b, s in dedupe(pairs)])

    # Specifiers.
    spec_inputs = [(row[1], "packaging-tests:" + row[0]) for row in sv if row[0] in ("spec", "spec-invalid")]
    spec_inputs += [(s, "packaging-tests:spec-ops") for row in sv if row[0] == "spec-ops" for s in specs_for(row[1])]
    spec_inputs += [(row[2], "packaging-tests:contains") for row in sv if row[0] in ("contains", "contains-vobj")]
    generated = [op + v for v in SPEC_VERSIONS for op in OPS] + [op + v for v in SPEC_LOCALS for op in OPS]
    generated += [op + v for v in SPEC_WILDCARDS for op in OPS] + ["~=" + v for v in ODD_COMPATIBLE]
    generated += ["~=1.0.prev\u0131ew1", "~=1.0.po\u017ft1", "==1.0.po\u017ft1", "===", "=== ", "===a;b", "===a)b",
                  "===\u00e9", "== 1.0", " >= 1.0 ", ">=\u00a01.0", ">=\x1c1.0", ">=\ufeff1.0", ">=1.0\x85",
                  "==1.0.*.*", "== 1.0.*", "~= 1.0", ">=1!1.0", "===1.0 2", ">=1.0 ,", ">=" + "1" * 5000]
    spec_inputs += [(s, "generated") for s in generated]
    spec_inputs += [(s, "fuzz") for s in fuzz_specifiers(rng, SPEC_VERSIONS + TRICKY_VERSIONS[:20], 2500)]
    dump("specifiers.json", [specifier_case(s, src) for s, src in dedupe(spec_inputs)])

    # Specifier sets.
    set_inputs = [(row[1], "packaging-tests:set") for row in sv if row[0] == "set"]
    set_inputs += [(row[2], "packaging-tests:set-contains") for row in sv if row[0] in ("set-contains", "set-contains-vobj")]
    set_inputs += [(s, "generated") for s in ["", ",", ",,", " , ", ">=1.0,", ",>=1.0", ">=1.0,,<2", " >= 1.0 , < 2 ",
                                               ">=2.8.1, ==2.8.*", "==1.0,==1.0.0,==1", "~=1.0,~=1.0.0", "===a,===A",
                                               ">=1.0,foo", ">=1.0;<2", ">=1.0 <2", "\ufeff>=1.0", "\x85>=1.0,\x1c",
                                               ">1.0.0,>1.0", "!=1.0+a,!=1.0+A", "==1.0.*,==1.0.0.*"]]
    rng2 = random.Random(441)
    pool_specs = [s["input"] for s in (specifier_case(x, "") for x in generated)
                  if s["valid"] and len(s["input"]) < 100 and not any(ch in s["input"] for ch in "\u0131\u017f")]
    set_inputs += [(",".join(rng2.sample(pool_specs, rng2.randint(2, 4))), "fuzz") for _ in range(400)]
    dump("specifier-sets.json", [set_case(s, src) for s, src in dedupe(set_inputs)])

    # Specifier containment: packaging's tables plus every operator x version x candidate.
    contains = [(row[1], row[2], False, "packaging-tests:contains") for row in sv if row[0] == "contains"]
    contains += [(row[1], row[2], True, "packaging-tests:contains-vobj") for row in sv if row[0] == "contains-vobj"]
    candidates = dedupe(version_family("1.0") + ["1", "1.0.0", "01.0", "1.0.0.0.1", "1.4.5", "1.4.5rc1",
                        "1.4.5rc1.post1", "1.4.6", "2.0rc1", "0", "0.dev0", "1!1.0", "1.0+abc.5", "not-a-version"])
    for spec_version in SPEC_VERSIONS + SPEC_LOCALS + SPEC_WILDCARDS + ODD_COMPATIBLE:
        for op in OPS:
            if specifier_case(op + spec_version, "")["valid"]:
                contains += [(c, op + spec_version, False, "generated") for c in candidates]
    contains += [(c, "===" + c.upper(), False, "generated") for c in candidates]
    contains += [(c, "===" + c, True, "generated") for c in candidates if version_case(c, "")["valid"]]
    dump("contains.json", [contains_case(v, s, vo, src, True) for v, s, vo, src in dedupe(contains)])

    set_contains = [(row[1], row[2], False, "packaging-tests:set-contains") for row in sv if row[0] == "set-contains"]
    set_contains += [(row[1], row[2], True, "packaging-tests:set-contains-vobj") for row in sv
                     if row[0] == "set-contains-vobj"]
    for s in [">=1.0,!=1.5.*", ">=1.0", "", ">=1.0,<2.0,!=1.5", "==1.*,!=1.0.*", "~=1.4.5,!=1.4.7", ">1.0,<=1.0.post1",
              ">=1.0a1,<1.0", "===1.0,>=1.0", "===1.0a1", "!=1.0+abc,==1.0", ">=1.0,===foobar", "<2,>=1!0"]:
        set_contains += [(c, s, False, "generated") for c in candidates + ["foobar", "FOOBAR", "1.5.2", "0.9"]]
    dump("set-contains.json", [contains_case(v, s, vo, src, False) for v, s, vo, src in dedupe(set_contains)])

    # Satisfiability.
    sat_inputs = [(row[1], row[2], row[0]) for row in sat_vectors]
    sat_inputs += [(sets, pre, "fuzz") for sets in random_sat_sets(random.Random(442), 600) for pre in (True, False)]
    dump("satisfiable.json", [sat_case(sets, pre, src) for sets, pre, src in dedupe(sat_inputs)])

    if args.witnesses:
        with open(args.witnesses, encoding="utf-8") as fh:
            found = json.load(fh)
        checks = []
        for w in found:
            sets = [SpecifierSet(s) for s in w["sets"]]
            checks.append({**w, "packaging_contains": [ss.contains(w["witness"], prereleases=w["prereleases"])
                                                       for ss in sets]})
        dump("satisfiable-witnesses.json", checks)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
