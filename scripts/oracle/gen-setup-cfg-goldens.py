#!/usr/bin/env python3
"""Goldens for depaudit's setup.cfg parser, read by setuptools itself.

Usage (from the repository root; python3.11, setuptools 65.5, packaging 26.2, no network):

    python3 scripts/oracle/gen-setup-cfg-goldens.py

For every ``setup.cfg`` vendored in ``test/corpus-formats`` (see gen-pyproject-goldens.py
--vendor) and every ``test/goldens/formats/setup-cfg-vectors/*.cfg`` (as ``vectors/NAME``),
setuptools reads the file the way ``setup()`` does (``Distribution._parse_config_files``:
configparser with ``optionxform = str`` and BasicInterpolation, then
``setupcfg.parse_configuration``; not ``read_configuration``, which goes through distutils'
case-folding parser) and the golden
``test/goldens/formats/setup-cfg.json`` records, one file per line:

* ``error``: what setuptools raised (nothing else is recorded then);
* ``items``: ``[field, group, item]`` for install_requires (group ``main``), setup_requires
  (``build``), tests_require (``tests``) and each extras_require key (group = canonical extra
  name), each item exactly as setuptools hands it on;
* ``deps``: ``[group, canonical name, sorted canonical extras, str(SpecifierSet), str(Marker) or
  null, url or null]`` for the items packaging accepts, and ``invalid``: the items it rejects;
* ``python_requires``: ``str(SpecifierSet)`` or null.
"""

from __future__ import annotations

import json
import os
import sys
import warnings

import packaging
import setuptools
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from setuptools.config import setupcfg
from setuptools.dist import Distribution

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
VENDOR_DIR = os.path.join(ROOT, "test", "corpus-formats")
VECTOR_DIR = os.path.join(ROOT, "test", "goldens", "formats", "setup-cfg-vectors")
GOLDEN = os.path.join(ROOT, "test", "goldens", "formats", "setup-cfg.json")
FIELDS = [("install_requires", "main"), ("setup_requires", "build"), ("tests_require", "tests")]


def as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def read_file(path: str, name: str) -> dict:
    out: dict = {"path": name}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            os.chdir(os.path.dirname(path))
            dist = Distribution()
            dist._parse_config_files(filenames=[path])
            setupcfg.parse_configuration(dist, dist.command_options, ignore_option_errors=False)
    except Exception as exc:  # configparser and setuptools errors alike
        message = str(exc).splitlines()[0] if str(exc) else ""
        out["error"] = f"{type(exc).__name__}: {message.replace(VECTOR_DIR, '').replace(VENDOR_DIR, '')}"
        return out
    items = []
    for field, group in FIELDS:
        items += [[field, group, i] for i in as_list(getattr(dist, field, None))]
    for extra, reqs in (getattr(dist, "extras_require", None) or {}).items():
        items += [["extras_require", canonicalize_name(extra), i] for i in as_list(reqs)]
    deps, invalid = [], []
    for field, group, item in items:
        try:
            r = Requirement(item)
        except InvalidRequirement as exc:
            invalid.append([field, group, item, str(exc).splitlines()[0]])
            continue
        deps.append([group, canonicalize_name(r.name), sorted(canonicalize_name(e) for e in r.extras), str(r.specifier), str(r.marker) if r.marker else None, r.url])
    python = getattr(dist, "python_requires", None)
    out.update({"items": items, "deps": deps, "invalid": invalid, "python_requires": str(python) if python is not None else None})
    return out


def main() -> None:
    named = []
    for dirpath, dirnames, filenames in os.walk(VENDOR_DIR):
        dirnames.sort()
        named += [(os.path.relpath(os.path.join(dirpath, n), VENDOR_DIR).replace(os.sep, "/"), os.path.join(dirpath, n)) for n in filenames if n == "setup.cfg"]
    named.sort()
    named += [(f"vectors/{n}", os.path.join(VECTOR_DIR, n)) for n in sorted(os.listdir(VECTOR_DIR)) if n.endswith(".cfg")]
    rows = []
    cwd = os.getcwd()
    for name, path in named:
        rows.append(json.dumps(read_file(path, name), ensure_ascii=False, separators=(",", ":")))
        os.chdir(cwd)
    with open(GOLDEN, "w", encoding="utf-8", newline="\n") as f:
        header = {"generator": {"setuptools": setuptools.__version__, "packaging": packaging.__version__}}
        f.write("{" + json.dumps(header, separators=(",", ":"))[1:-1] + ',"files":[\n' + ",\n".join(rows) + "\n]}\n")
    print(f"{len(rows)} setup.cfg files -> {os.path.relpath(GOLDEN, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
