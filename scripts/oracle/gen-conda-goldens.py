#!/usr/bin/env python3
"""Goldens for depaudit's conda environment reader: what PyYAML's safe_load (as conda's
``yaml_safe_load``) reads from every conda YAML vendored in test/corpus-formats.

Usage (from the repository root; python3.11 with PyYAML, no network):

    python3 scripts/oracle/gen-conda-goldens.py

Writes ``test/goldens/formats/conda.json``, one file per line: ``conda`` (the MatchSpec strings of
``dependencies``, in order), ``pip`` (the entries of every ``pip:`` sub-list, in order) and
``other`` (anything else found in the list), or ``error``.
"""

from __future__ import annotations

import json
import os
import sys

import yaml

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
VENDOR_DIR = os.path.join(ROOT, "test", "corpus-formats")
GOLDEN = os.path.join(ROOT, "test", "goldens", "formats", "conda.json")


def read_file(path: str, name: str) -> dict:
    out: dict = {"path": name}
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except yaml.YAMLError as exc:
        out["error"] = str(exc).splitlines()[0]
        return out
    deps = data.get("dependencies") if isinstance(data, dict) else None
    conda, pip, other = [], [], []
    for item in deps if isinstance(deps, list) else []:
        if isinstance(item, str):
            conda.append(item)
        elif isinstance(item, dict) and isinstance(item.get("pip"), list):
            pip += [str(p) for p in item["pip"]]
        else:
            other.append(repr(item))
    out.update({"conda": conda, "pip": pip, "other": other})
    return out


def main() -> None:
    named = []
    for dirpath, dirnames, filenames in os.walk(VENDOR_DIR):
        dirnames.sort()
        named += [(os.path.relpath(os.path.join(dirpath, n), VENDOR_DIR).replace(os.sep, "/"), os.path.join(dirpath, n)) for n in filenames if n.endswith((".yml", ".yaml"))]
    named.sort()
    rows = [json.dumps(read_file(p, n), ensure_ascii=False, separators=(",", ":")) for n, p in named]
    with open(GOLDEN, "w", encoding="utf-8", newline="\n") as f:
        header = {"generator": {"pyyaml": yaml.__version__}}
        f.write("{" + json.dumps(header, separators=(",", ":"))[1:-1] + ',"files":[\n' + ",\n".join(rows) + "\n]}\n")
    print(f"{len(rows)} conda files -> {os.path.relpath(GOLDEN, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
