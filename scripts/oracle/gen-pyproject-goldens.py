#!/usr/bin/env python3
"""Goldens for depaudit's pyproject.toml parser, read by Python's own tomllib + packaging.

Usage (from the repository root; python3.11, packaging 26.2, no network):

    python3 scripts/oracle/gen-pyproject-goldens.py [--vendor ../shared/corpus]

``--vendor DIR`` first copies every ``pyproject.toml``, ``Pipfile``, ``setup.cfg`` and conda
environment YAML (any ``*.yml``/``*.yaml`` with a top-level ``dependencies:`` key) of the shared
corpus into ``test/corpus-formats/`` (paths preserved), so the tests need neither Python nor
../shared. The goldens are then computed from the vendored copies and written to
``test/goldens/formats/pyproject.json``: one JSON object per file, one file per line. The
hand-written cases in ``test/goldens/formats/pyproject-vectors/*.toml`` follow, as ``vectors/NAME``.

Per file (``path`` relative to test/corpus-formats):

* ``error``: the tomllib error (file bytes decoded as UTF-8, as pip's build frontend reads it);
  when set, nothing else is read.
* ``deps``: ``[section, group, canonical name, sorted canonical extras, str(SpecifierSet),
  str(Marker) or null, url or null]`` for ``project.dependencies`` (group ``main``),
  ``project.optional-dependencies`` (group = canonical extra name), ``build-system.requires``
  (group ``build``) and every ``[dependency-groups]`` group expanded as PEP 735's reference
  implementation does (include-group replaced at its position, names normalized; group =
  canonical group name), in that order.
* ``invalid``: ``[section, group, index, message]`` for each item packaging rejects (or that is
  not a string), and ``[section, group, null, message]`` for a section/group that is not a list or
  a dependency group that cannot be resolved (cycle, unknown include, bad table, duplicate names,
  or an invalid requirement anywhere in its expansion).
* ``requires_python``: ``str(SpecifierSet(project.requires-python))``, or ``{"error": ...}``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tomllib
from typing import Any

import packaging
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name

EXPECTED_PACKAGING = "26.2"
ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
VENDOR_DIR = os.path.join(ROOT, "test", "corpus-formats")
GOLDEN = os.path.join(ROOT, "test", "goldens", "formats", "pyproject.json")
VECTOR_DIR = os.path.join(ROOT, "test", "goldens", "formats", "pyproject-vectors")
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", ".tox", "site-packages"}
VENDORED_NAMES = {"pyproject.toml", "Pipfile", "setup.cfg"}


def is_conda_yaml(path: str) -> bool:
    if not path.endswith((".yml", ".yaml")):
        return False
    with open(path, "rb") as f:
        data = f.read()
    return any(line.rstrip() == b"dependencies:" or line.startswith(b"dependencies:") for line in data.splitlines())


def vendor(corpus: str) -> None:
    shutil.rmtree(VENDOR_DIR, ignore_errors=True)
    counts: dict[str, int] = {}
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            src = os.path.join(dirpath, name)
            if os.path.islink(src) or not os.path.isfile(src):
                continue
            kind = name if name in VENDORED_NAMES else "conda" if is_conda_yaml(src) else None
            if kind is None:
                continue
            rel = os.path.relpath(src, corpus)
            dst = os.path.join(VENDOR_DIR, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
            counts[kind] = counts.get(kind, 0) + 1
    print("vendored:", json.dumps(counts, sort_keys=True), file=sys.stderr)


def requirement_row(section: str, group: str, req: Requirement) -> list[Any]:
    return [
        section,
        group,
        canonicalize_name(req.name),
        sorted(canonicalize_name(e) for e in req.extras),
        str(req.specifier),
        str(req.marker) if req.marker is not None else None,
        req.url,
    ]


def read_list(section: str, group: str, value: Any, deps: list, invalid: list) -> None:
    if not isinstance(value, list):
        invalid.append([section, group, None, f"not a list: {type(value).__name__}"])
        return
    for i, item in enumerate(value):
        if not isinstance(item, str):
            invalid.append([section, group, i, f"not a string: {type(item).__name__}"])
            continue
        try:
            deps.append(requirement_row(section, group, Requirement(item)))
        except InvalidRequirement as exc:
            invalid.append([section, group, i, str(exc).split("\n", 1)[0]])


# PEP 735's reference implementation (the `dependency-groups` package), inlined: it is not installed.
def normalize_groups(groups: dict[str, Any]) -> dict[str, Any]:
    original: dict[str, list[str]] = {}
    normalized: dict[str, Any] = {}
    for name, value in groups.items():
        key = canonicalize_name(name)
        original.setdefault(key, []).append(name)
        normalized[key] = value
    dups = [f"{k} ({', '.join(v)})" for k, v in original.items() if len(v) > 1]
    if dups:
        raise ValueError(f"Duplicate dependency group names: {', '.join(dups)}")
    return normalized


def resolve_group(groups: dict[str, Any], group: str, past: tuple[str, ...] = ()) -> list[Requirement]:
    if group in past:
        raise ValueError(f"Cyclic dependency group include: {group} -> {past}")
    if group not in groups:
        raise LookupError(f"Dependency group '{group}' not found")
    raw = groups[group]
    if not isinstance(raw, list):
        raise ValueError(f"Dependency group '{group}' is not a list")
    out: list[Requirement] = []
    for item in raw:
        if isinstance(item, str):
            out.append(Requirement(item))
        elif isinstance(item, dict):
            if tuple(item.keys()) != ("include-group",):
                raise ValueError(f"Invalid dependency group item: {item}")
            include = canonicalize_name(next(iter(item.values())))
            out.extend(resolve_group(groups, include, past + (group,)))
        else:
            raise ValueError(f"Invalid dependency group item: {item}")
    return out


def read_groups(value: Any, deps: list, invalid: list) -> None:
    if not isinstance(value, dict):
        invalid.append(["dependency-groups", "", None, "not a table"])
        return
    try:
        groups = normalize_groups(value)
    except ValueError as exc:
        invalid.append(["dependency-groups", "", None, str(exc)])
        return
    for name in groups:
        try:
            reqs = resolve_group(groups, name)
        except (ValueError, LookupError, InvalidRequirement, TypeError) as exc:
            invalid.append(["dependency-groups", name, None, str(exc).split("\n", 1)[0]])
            continue
        deps.extend(requirement_row("dependency-groups", name, r) for r in reqs)


def read_file(path: str, name: str) -> dict[str, Any]:
    with open(path, "rb") as f:
        raw = f.read()
    out: dict[str, Any] = {"path": name}
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        out["error"] = str(exc)
        return out
    deps: list[Any] = []
    invalid: list[Any] = []
    project = data.get("project")
    requires_python: Any = None
    if isinstance(project, dict):
        if "dependencies" in project:
            read_list("dependencies", "main", project["dependencies"], deps, invalid)
        optional = project.get("optional-dependencies")
        if isinstance(optional, dict):
            for extra, value in optional.items():
                read_list("optional-dependencies", canonicalize_name(extra), value, deps, invalid)
        elif optional is not None:
            invalid.append(["optional-dependencies", "", None, "not a table"])
        if "requires-python" in project:
            try:
                requires_python = str(SpecifierSet(project["requires-python"]))
            except (InvalidSpecifier, TypeError, AttributeError) as exc:
                requires_python = {"error": str(exc)}
    build = data.get("build-system")
    if isinstance(build, dict) and "requires" in build:
        read_list("build-system", "build", build["requires"], deps, invalid)
    if "dependency-groups" in data:
        read_groups(data["dependency-groups"], deps, invalid)
    out.update({"deps": deps, "invalid": invalid, "requires_python": requires_python})
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vendor", metavar="CORPUS", help="copy the format inputs from this corpus first")
    args = parser.parse_args()
    if packaging.__version__ != EXPECTED_PACKAGING:
        sys.exit(f"packaging {EXPECTED_PACKAGING} needed, found {packaging.__version__}")
    if args.vendor:
        vendor(args.vendor)
    files = []
    for dirpath, dirnames, filenames in os.walk(VENDOR_DIR):
        dirnames.sort()
        files += [os.path.join(dirpath, n) for n in filenames if n == "pyproject.toml"]
    named = sorted((os.path.relpath(p, VENDOR_DIR).replace(os.sep, "/"), p) for p in files)
    named += [(f"vectors/{n}", os.path.join(VECTOR_DIR, n)) for n in sorted(os.listdir(VECTOR_DIR)) if n.endswith(".toml")]
    rows = [json.dumps(read_file(p, name), ensure_ascii=False, separators=(",", ":")) for name, p in named]
    os.makedirs(os.path.dirname(GOLDEN), exist_ok=True)
    with open(GOLDEN, "w", encoding="utf-8", newline="\n") as f:
        header = {"generator": {"python": f"{sys.version_info.major}.{sys.version_info.minor}", "packaging": packaging.__version__, "toml": "tomllib"}}
        f.write("{" + json.dumps(header, separators=(",", ":"))[1:-1] + ',"files":[\n')
        f.write(",\n".join(rows))
        f.write("\n]}\n")
    print(f"{len(rows)} pyproject.toml files and vectors -> {os.path.relpath(GOLDEN, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
