#!/usr/bin/env python3
"""Generate the PEP 508 goldens for depaudit's src/pep508 from PyPA packaging.

Usage (from the repository root):

    python3 scripts/oracle/gen-pep508-goldens.py [--corpus ../shared/corpus]

It needs the *standalone* ``packaging`` (26.2; the version is checked) and writes
``test/goldens/pep508/{requirements,markers}.<source>.json``. Sources:

* ``packaging-tests``: inputs transcribed from packaging's own tests
  (``test/goldens/pep508/vectors/packaging-tests.json``, matrices expanded the
  way pytest parametrizes them),
* ``tricky``: hand-written edge cases (``vectors/tricky.json``) plus generated
  nesting-depth cases,
* ``fuzz``: seeded random concatenations of grammar fragments, and markers
  generated from the grammar (random whitespace, parentheses, aliases, escapes),
  a third of them mutated by one character,
* ``corpus``: every requirement-like line of the shared corpus (requirements
  ``*.txt``/``*.in`` lines, and PEP 508 strings from pyproject.toml).

``disjoint-witnesses.json`` holds random marker pairs and, when one exists in a
small grid, an environment where packaging evaluates both to true (so
``markersDisjoint`` must not claim they are disjoint).

Each case records what packaging does: for a requirement, the name, canonical
name, extras (in source order, via the private parser, and sorted), str() of the
specifier, marker and requirement and the url; for a marker, str() and the marker
tree (packaging's nested MarkerList, which str() flattens); for a failure,
the exception type, the first line of the message and the ParserSyntaxError span
(0-based code-point offsets). Everything is deterministic: inputs are
deduplicated and kept in a stable order.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import re
import sys
import tomllib
from typing import Any

import packaging
from packaging._parser import Op, Value, Variable
from packaging._parser import parse_requirement as _private_parse_requirement
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

EXPECTED_PACKAGING = "26.2"
ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
GOLDEN_DIR = os.path.join(ROOT, "test", "goldens", "pep508")
VECTOR_DIR = os.path.join(GOLDEN_DIR, "vectors")


# ---------------------------------------------------------------------------
# Oracle calls
# ---------------------------------------------------------------------------
def marker_tree(node: Any) -> Any:
    """packaging's MarkerList as JSON: lists stay lists, tuples become objects."""
    if isinstance(node, list):
        return [marker_tree(n) for n in node]
    if isinstance(node, tuple):
        lhs, op, rhs = node
        return {"l": marker_tree(lhs), "op": marker_tree(op), "r": marker_tree(rhs)}
    if isinstance(node, Variable):
        return {"var": node.value}
    if isinstance(node, Value):
        return {"val": node.value}
    if isinstance(node, Op):
        return node.value
    if isinstance(node, str):  # "and" / "or"
        return node
    raise TypeError(f"unexpected marker node {node!r}")


def describe_error(exc: BaseException) -> dict[str, Any]:
    cause = exc.__cause__
    span = getattr(cause, "span", None)
    message = getattr(cause, "message", None)
    if message is None:
        message = str(exc).split("\n", 1)[0]
    return {
        "ok": False,
        "error_type": type(exc).__name__,
        "message": message,
        "span": list(span) if span is not None else None,
    }


def run_requirement(text: str) -> dict[str, Any]:
    try:
        req = Requirement(text)
    except RecursionError:
        return {"ok": False, "error_type": "RecursionError", "message": "maximum recursion depth exceeded", "span": None}
    except Exception as exc:  # InvalidRequirement, InvalidSpecifier, SyntaxError, ...
        return describe_error(exc)
    parsed = _private_parse_requirement(text)
    return {
        "ok": True,
        "name": req.name,
        "canonical_name": canonicalize_name(req.name),
        "extras": list(parsed.extras),
        "extras_sorted": sorted(req.extras),
        "specifier": str(req.specifier),
        "url": req.url,
        "marker": str(req.marker) if req.marker is not None else None,
        "str": str(req),
    }


def run_marker(text: str) -> dict[str, Any]:
    try:
        marker = Marker(text)
    except RecursionError:
        return {"ok": False, "error_type": "RecursionError", "message": "maximum recursion depth exceeded", "span": None}
    except Exception as exc:  # InvalidMarker, SyntaxError, ValueError, UnicodeEncodeError
        return describe_error(exc)
    return {"ok": True, "str": str(marker), "marker_tree": marker_tree(marker._markers)}


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------
def dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def load_json(name: str) -> Any:
    with open(os.path.join(VECTOR_DIR, name), encoding="utf-8") as f:
        return json.load(f)


def packaging_test_requirements(data: dict[str, Any]) -> list[str]:
    out: list[str] = []
    m = data["requirement_matrix"]
    for name, extras, (url, specifier), marker, ws in itertools.product(
        m["names"], m["extras"], m["url_specifier"], m["markers"], m["whitespace"]
    ):
        # Mirrors test_basic_valid_requirement_parsing.
        parts = [name]
        if extras:
            parts.append("[")
            parts.append(f"{ws},{ws}".join(sorted(extras)))
            parts.append("]")
        if specifier:
            parts.append(specifier.format(ws=ws))
        if url is not None:
            parts.append("@")
            parts.append(url.format(ws=ws))
        if marker is not None:
            parts.append(" ;" if url is not None else ";")
            parts.append(marker.format(ws=ws))
        out.append(ws.join(parts))
    s = data["str_matrix"]
    for extras, url_or_spec, marker in itertools.product(
        s["extras"], s["url_or_specifier"], s["markers"]
    ):
        out.append(f"name{extras}{url_or_spec}{marker}")
    out.extend(data["requirements"])
    return dedupe(out)


def packaging_test_markers(data: dict[str, Any]) -> list[str]:
    m = data["marker_matrix"]
    out: list[str] = []
    for variables in (m["variables"], m["pep345_variables"], m["setuptools_variables"]):
        for var, op, value in itertools.product(variables, m["operators"], m["values"]):
            out.append(f"{var} {op} {value!r}")
        for var, op, value in itertools.product(variables, m["operators"], m["values"]):
            out.append(f"{value!r} {op} {var}")
    out.extend(data["markers"])
    return dedupe(out)


def nesting_cases() -> tuple[list[str], list[str]]:
    """Nesting depths both implementations agree on (depaudit caps at 100; packaging
    26.2 hits RecursionError somewhere near 500, so 101..~495 is a known divergence
    and is tested in TypeScript only)."""
    markers: list[str] = []
    for depth in (1, 2, 3, 10, 50, 99, 100, 1000):
        markers.append("(" * depth + 'os_name == "a"' + ")" * depth)
    markers.append("(" * 1000)
    markers.append("(" * 99 + 'os_name == "a" or (extra == "B_c")' + ")" * 99)
    requirements = [f"foo; {m}" for m in markers]
    return requirements, markers


# Fragments for the seeded fuzz goldens: concatenations hit odd corners of the grammar.
FUZZ_FRAGMENTS = [
    "foo", "Foo_Bar", "a", "1", "-", "_", ".", " ", "\t", "\n", "[", "]", ",", "(", ")", "@", ";",
    "#", "==", "===", "!=", "~=", "<=", ">=", "<", ">", "=", "~", "!", "1.0", "2", ".*", "+local",
    "+L", "v", "post", "rev", "dev", "a1", "rc", "preview", "-1", "http://x/y", " and ", " or ",
    "and", "or", " in ", " not in ", "not", "in", "'", '"', "'a'", '"B_c"', "'3.9'", "\\",
    "python_version", "python_full_version", "os.name", "os_name", "sys_platform", "extra",
    "extras", "dependency_groups", "platform.python_implementation", "python_implementation",
    "platform_release", "\u00e9", "\U0001F600", "\u00a0", "\u3000", "\u0130", "\u017f",
]
MARKER_PIECES = [
    "python_version", "os_name", "extra", "sys.platform", "'3.9'", '"a"', "'Foo_Bar'", " == ",
    "==", " != ", " < ", ">=", " ~= ", " === ", " in ", " not in ", " and ", " or ", "(", ")", " ",
]


def fuzz_inputs(seed: int, count: int, pieces: list[str], prefix: str = "") -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        n = rng.randint(1, 14)
        out.append(prefix + "".join(rng.choice(pieces) for _ in range(n)))
    return dedupe(out)


GEN_WS = ["", " ", "  ", "\t", " \t"]
GEN_VARS = ["python_version", "python_full_version", "os_name", "os.name", "sys_platform",
            "sys.platform", "platform_release", "platform_system", "platform_version",
            "platform.machine", "platform_python_implementation", "python_implementation",
            "implementation_name", "implementation_version", "extra", "extras", "dependency_groups"]
GEN_VALUES = ["'3.9'", '"3.10"', "'Foo_Bar'", '"a.B-c"', "'win32'", "''", "'a\"b'", "\"a'b\"",
              "'\\x41'", "'\\u00e9'", "'\u00e9'", "'1.0+local'", "'3.*'", "' x '"]
GEN_OPS = ["==", "!=", "<", "<=", ">", ">=", "~=", "===", "in", "not in", "not  in"]
GEN_HEADS = ["foo", "Foo.Bar_baz", "foo[x]", "foo [ A_b , c ]", "foo>=1.0", "foo (>=1.0, <2)",
             "foo==1.*", "foo===x", "foo @ https://x/y.whl ", "foo>=1,", "foo ~= 1.4.5"]


def gen_marker(rng: random.Random, depth: int = 0) -> str:
    """A marker from the grammar with random whitespace, parentheses and operators."""
    atoms = []
    for _ in range(rng.randint(1, 3)):
        ws = lambda: rng.choice(GEN_WS)  # noqa: E731
        if depth < 3 and rng.random() < 0.3:
            atoms.append(f"({ws()}{gen_marker(rng, depth + 1)}{ws()})")
        else:
            left, right = rng.choice(GEN_VARS), rng.choice(GEN_VALUES)
            if rng.random() < 0.3:
                left, right = right, left
            atoms.append(f"{ws()}{left}{ws() or ' '}{rng.choice(GEN_OPS)}{ws() or ' '}{right}{ws()}")
    out = atoms[0]
    for atom in atoms[1:]:
        out += rng.choice([" and ", " or ", "and ", " or"]) + atom
    return out


def mutate(rng: random.Random, text: str) -> str:
    """Deletes, duplicates or inserts one character: near misses exercise the error paths."""
    if not text:
        return text
    i = rng.randrange(len(text))
    kind = rng.random()
    if kind < 0.4:
        return text[:i] + text[i + 1:]
    if kind < 0.7:
        return text[:i] + text[i] + text[i:]
    return text[:i] + rng.choice("()'\" ;,[]@=<>!~\t") + text[i:]


def generated_inputs(seed: int, count: int, requirement: bool) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text = gen_marker(rng)
        if requirement:
            head = rng.choice(GEN_HEADS)
            text = f"{head}{rng.choice(['; ', ';', ' ; '])}{text}" if rng.random() < 0.8 else head
        if rng.random() < 0.35:
            text = mutate(rng, text)
        out.append(text)
    return dedupe(out)


# Soundness witnesses for markersDisjoint: values each variable takes in the search grid.
WITNESS_GRID = {
    "python_version": ["2.7", "3.6", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "4.0"],
    "python_full_version": ["3.8.0", "3.9.0", "3.9.0rc1", "3.9.0.dev0", "3.9.1", "3.9.1.post1",
                            "3.10.0a1", "3.11.7", "3.12.0+local", "3.13.0"],
    "sys_platform": ["linux", "linux2", "win32", "darwin", "cygwin", ""],
    "os_name": ["posix", "nt", ""],
    "platform_release": ["5.10.0-1-amd64", "5.10", "5.10+x", "6.1", "22.1.0", ""],
}
WITNESS_VALUES = {
    "python_version": ["2.7", "3", "3.8", "3.9", "3.10", "3.*", "3.9.*", "4", "abc", "3.9.0"],
    "python_full_version": ["3.9", "3.9.0", "3.9.1", "3.9.*", "3.9.0rc1", "3.10", "3.12.0", "3.12.0+local"],
    "sys_platform": ["linux", "win32", "darwin", "lin", "win", "win32 cygwin", "linux2", ""],
    "os_name": ["posix", "nt", "p", "posix nt", ""],
    "platform_release": ["5.10", "5", "6", "5.10.0-1-amd64", "22", "5.10+x"],
}
WITNESS_OPS = ["==", "!=", "<", "<=", ">", ">=", "~=", "===", "in", "not in"]


def witness_pairs(seed: int, count: int) -> list[dict[str, Any]]:
    """Random marker pairs over one or two shared variables, with an environment (from
    WITNESS_GRID) satisfying both when packaging finds one; null means none in the grid."""
    rng = random.Random(seed)
    base = {"implementation_name": "cpython", "implementation_version": "3.11.7",
            "platform_machine": "x86_64", "platform_python_implementation": "CPython",
            "platform_system": "Linux", "platform_version": "#1", "extra": ""}
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    while len(out) < count:
        variables = rng.sample(sorted(WITNESS_GRID), rng.choice([1, 1, 2]))

        def atom() -> str:
            var = rng.choice(variables)
            value = rng.choice(WITNESS_VALUES[var])
            op = rng.choice(WITNESS_OPS)
            return f'"{value}" {op} {var}' if rng.random() < 0.15 else f'{var} {op} "{value}"'

        def marker() -> str:
            atoms = [atom() for _ in range(rng.randint(1, 3))]
            text = atoms[0]
            for a in atoms[1:]:
                text += rng.choice([" and ", " or "]) + a
            return f"({text}) and {atom()}" if rng.random() < 0.2 else text

        a, b = marker(), marker()
        if (a, b) in seen:
            continue
        seen.add((a, b))
        ma, mb = Marker(a), Marker(b)
        witness = None
        for combo in itertools.product(*(WITNESS_GRID[v] for v in variables)):
            env = {**base, **{v: x for v, x in zip(variables, combo)}}
            for v in WITNESS_GRID:
                env.setdefault(v, WITNESS_GRID[v][0])
            try:
                if ma.evaluate(env) and mb.evaluate(env):
                    witness = {v: env[v] for v in variables}
                    break
            except Exception:  # UndefinedComparison (~= on strings): not a witness
                continue
        out.append({"a": a, "b": b, "witness": witness})
    return out


def write_witnesses(name: str, pairs: list[dict[str, Any]]) -> None:
    path = os.path.join(GOLDEN_DIR, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n")
        f.write(f'  "generator": "scripts/oracle/gen-pep508-goldens.py",\n')
        f.write(f'  "oracle": "packaging {packaging.__version__} Marker.evaluate over a grid",\n')
        f.write(f'  "grid": {json.dumps(WITNESS_GRID)},\n')
        f.write(f'  "count": {len(pairs)},\n')
        f.write('  "pairs": [\n')
        f.write(",\n".join("    " + json.dumps(p, ensure_ascii=True) for p in pairs))
        f.write("\n  ]\n}\n")
    print(f"{name}: {len(pairs)} pairs, {sum(p['witness'] is None for p in pairs)} without a witness")


COMMENT_RE = re.compile(r"(^|\s+)#.*$")


def corpus_requirement_lines(root: str) -> list[str]:
    """Requirement-like lines of requirements files plus PEP 508 strings from pyproject."""
    out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fn in sorted(filenames):
            path = os.path.join(dirpath, fn)
            if fn.endswith((".txt", ".in")):
                out.extend(_requirement_file_lines(path))
            elif fn == "pyproject.toml":
                out.extend(_pyproject_strings(path))
    return dedupe(out)


def _requirement_file_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (UnicodeDecodeError, OSError):
        return []
    out = []
    for raw in lines:
        line = COMMENT_RE.sub("", raw).strip()
        if line.endswith("\\"):
            line = line.rstrip("\\").strip()
        if not line or line.startswith(("-", "#")):
            continue
        # Like pip's break_args_options: drop per-requirement options (--hash ...).
        tokens = line.split(" ")
        for i, tok in enumerate(tokens):
            if tok.startswith("-"):
                tokens = tokens[:i]
                break
        line = " ".join(tokens).strip()
        if line:
            out.append(line)
    return out


def _pyproject_strings(path: str) -> list[str]:
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
        return []
    out: list[str] = []

    def add(items: Any) -> None:
        if isinstance(items, list):
            out.extend(i for i in items if isinstance(i, str))

    project = data.get("project", {})
    if isinstance(project, dict):
        add(project.get("dependencies"))
        optional = project.get("optional-dependencies", {})
        if isinstance(optional, dict):
            for v in optional.values():
                add(v)
    groups = data.get("dependency-groups", {})
    if isinstance(groups, dict):
        for v in groups.values():
            add(v)
    build = data.get("build-system", {})
    if isinstance(build, dict):
        add(build.get("requires"))
    return out


def corpus_marker_texts(lines: list[str]) -> list[str]:
    """The text after the first ';' of corpus lines that are not `name @ url` forms."""
    out = []
    for line in lines:
        if "@" in line.split(";", 1)[0]:
            continue
        if ";" in line:
            out.append(line.split(";", 1)[1])
    return dedupe(out)


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
def write_golden(name: str, kind: str, inputs: list[str], source: str) -> int:
    run = run_requirement if kind == "requirement" else run_marker
    cases = [{"input": text, **run(text)} for text in inputs]
    header = {
        "generator": "scripts/oracle/gen-pep508-goldens.py",
        "oracle": f"packaging {packaging.__version__} on Python {platform.python_version()}",
        "kind": kind,
        "source": source,
        "count": len(cases),
        "accepted": sum(1 for c in cases if c["ok"]),
    }
    path = os.path.join(GOLDEN_DIR, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n")
        for key, value in header.items():
            f.write(f"  {json.dumps(key)}: {json.dumps(value)},\n")
        f.write('  "cases": [\n')
        # One case per line keeps diffs reviewable; ensure_ascii keeps lone surrogates valid JSON.
        f.write(",\n".join("    " + json.dumps(c, ensure_ascii=True) for c in cases))
        f.write("\n  ]\n}\n")
    print(f"{name}: {len(cases)} cases, {header['accepted']} accepted")
    return len(cases)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "corpus"))
    args = ap.parse_args()
    if packaging.__version__ != EXPECTED_PACKAGING:
        print(f"expected packaging {EXPECTED_PACKAGING}, found {packaging.__version__}", file=sys.stderr)
        return 2

    tests = load_json("packaging-tests.json")
    tricky = load_json("tricky.json")
    nest_reqs, nest_markers = nesting_cases()
    corpus = corpus_requirement_lines(args.corpus)

    write_golden("requirements.packaging-tests.json", "requirement", packaging_test_requirements(tests),
                 "vectors/packaging-tests.json (pypa/packaging tests/test_requirements.py)")
    write_golden("markers.packaging-tests.json", "marker", packaging_test_markers(tests),
                 "vectors/packaging-tests.json (pypa/packaging tests/test_markers.py)")
    write_golden("requirements.tricky.json", "requirement", dedupe(tricky["requirements"] + nest_reqs),
                 "vectors/tricky.json + generated nesting depths")
    write_golden("markers.tricky.json", "marker", dedupe(tricky["markers"] + nest_markers),
                 "vectors/tricky.json + generated nesting depths")
    write_golden("requirements.fuzz.json", "requirement",
                 dedupe(fuzz_inputs(508, 2000, FUZZ_FRAGMENTS) + fuzz_inputs(509, 1000, MARKER_PIECES, "foo; ")
                        + generated_inputs(512, 2500, requirement=True)),
                 "seeded fragment concatenations and grammar-generated strings, a third mutated (random.Random(508/509/512))")
    write_golden("markers.fuzz.json", "marker",
                 dedupe(fuzz_inputs(510, 1500, MARKER_PIECES) + fuzz_inputs(511, 1000, FUZZ_FRAGMENTS)
                        + generated_inputs(513, 2500, requirement=False)),
                 "seeded fragment concatenations and grammar-generated strings, a third mutated (random.Random(510/511/513))")
    write_golden("requirements.corpus.json", "requirement", corpus,
                 f"requirement lines and pyproject PEP 508 strings of {os.path.basename(args.corpus)}")
    write_golden("markers.corpus.json", "marker", corpus_marker_texts(corpus),
                 "text after ';' of corpus requirement lines")
    write_witnesses("disjoint-witnesses.json", witness_pairs(514, 3000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
