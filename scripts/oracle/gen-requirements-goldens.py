#!/usr/bin/env python3
"""Differential goldens for depaudit's requirements-file parser, produced by pip itself.

    python3 scripts/oracle/gen-requirements-goldens.py [SHARED_DIR] [--out DIR]
        [--only NAME[,NAME...]] [--keep-text] [--verify N]

SHARED_DIR (default: <repo>/../shared) holds oracle/pip_oracle.py, oracle/samples/ and corpus/.
For every corpus repository (and for the oracle samples) one worker process is started. It
chdirs into the repository root (pip resolves `./pkg` and `-e .` against the CWD, and depaudit
uses the scanned root as CWD), imports the oracle as a module, unsets every environment variable
whose name matches [A-Z0-9_]+ (so each `${VAR}` stays literal), blocks the network (http/https
includes raise "URL includes are not fetched"), then calls pip_oracle.parse_file() on every root
requirements file that depaudit's discovery globs select. Each worker writes
test/goldens/requirements/<owner>__<repo>.json (oracle-samples.json for the samples).
See scripts/oracle/README.md for the format.
"""
import fnmatch, json, os, re, subprocess, sys, time

EXPECTED_PIP, EXPECTED_PACKAGING = "23.2.1", "26.2"
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", ".tox", "site-packages", "build", "dist"}
ROOT_GLOBS = ("*requirements*.txt", "*requirements*.in", "constraints*.txt")
ENV_NAME = re.compile(r"[A-Z0-9_]+")
# The --env values oracle/samples/run-samples.sh uses for 07-env-vars.txt.
SAMPLE_ENV = {"PYPI_TOKEN": "s3cr3t", "SUBDIR": "shared", "REQUESTS_VERSION": "2.31.0",
              "lower_case": "1", "PLAIN": "1", "HASH_OPT": "--hash=sha256:abcd",
              "NOT_A_COMMENT": "# not a comment"}
SAMPLES = "oracle-samples"
# Dropped from each requirement unless --keep-text: with them the goldens total ~32 MB (the
# budget is ~25 MB); both are only the oracle's view of the raw line, every parsed field stays.
DROPPABLE = ("text", "logical_line")


# ---------------------------------------------------------------- discovery (depaudit's globs)
def is_root(dirpath, base):
    if any(fnmatch.fnmatchcase(base, g) for g in ROOT_GLOBS):
        return True
    return os.path.basename(dirpath) == "requirements" and base.endswith((".txt", ".in"))


def discover_roots(top="."):
    roots = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for base in filenames:
            if is_root(os.path.abspath(dirpath), base) and os.path.isfile(os.path.join(dirpath, base)):
                roots.append(os.path.relpath(os.path.join(dirpath, base), top))
    return sorted(p.replace(os.sep, "/") for p in roots)


# ---------------------------------------------------------------- worker (one per repository)
def worker(shared, repo_dir, out_path, name, keep_text, verify):
    keep_text, verify = keep_text == "1", int(verify)
    t0 = time.time()
    os.chdir(repo_dir)  # before importing the oracle: it computes file://${CWD} at import time
    sys.path.insert(0, os.path.join(shared, "oracle"))
    sys.argv[0] = "pip"  # optparse errors read "pip: error: ..." exactly as under pip
    import logging, locale
    import pip_oracle
    import pip._internal.network.session as pip_session
    from pip._internal.exceptions import InstallationError
    from pip._internal.req import req_file as rf
    from pip._internal.utils.urls import get_url_scheme

    tool = {"pip": pip_oracle.pip.__version__, "packaging": pip_oracle.packaging.__version__}
    if (tool["pip"], tool["packaging"]) != (EXPECTED_PIP, EXPECTED_PACKAGING):
        sys.exit(f"{name}: need pip {EXPECTED_PIP} + packaging {EXPECTED_PACKAGING}, got {tool}")
    encoding = locale.getpreferredencoding(False)  # pip 23.2.1's fallback when no BOM/PEP 263
    if encoding.lower().replace("-", "") != "utf8":
        sys.exit(f"{name}: locale encoding is {encoding}, expected UTF-8 (run with PYTHONUTF8=1)")

    # No network, ever: remote -r/-c become an error like an unreadable file (counted).
    blocked = []
    pip_get_file_content = rf.get_file_content

    def get_file_content(url, session):
        if get_url_scheme(url) in ("http", "https"):
            blocked.append(url)
            raise InstallationError(f"URL includes are not fetched: {url}")
        return pip_get_file_content(url, session)  # paths and file:// URLs as pip reads them
    rf.get_file_content = get_file_content

    def no_request(self, method, url, *args, **kwargs):
        if get_url_scheme(url) != "file":
            raise InstallationError(f"URL includes are not fetched: {url}")
        return pip_request(self, method, url, *args, **kwargs)
    pip_request = pip_session.PipSession.request
    pip_session.PipSession.request = no_request
    # Speed only: PipSession() builds its User-Agent each time (runs `rustc --version`, scans
    # installed distributions); it is only sent over HTTP, which never happens here.
    ua = pip_session.user_agent()
    pip_session.user_agent = lambda: ua

    def clear_env():  # ${NAME} expansion only ever looks at names matching [A-Z0-9_]+
        for k in [k for k in os.environ if ENV_NAME.fullmatch(k)]:
            del os.environ[k]
    ORIG_ENV = dict(os.environ)
    clear_env()

    # Each root is parsed as if by a fresh `pip install -r ROOT`: pip memoizes get_requirement()
    # (lru_cache), so in a long-lived process a requirement string seen under an earlier root
    # would not re-emit packaging's LegacyVersion DeprecationWarning. Clear every module-level
    # cache of pip and packaging before each root.
    caches = [v for m in list(sys.modules.values())
              if getattr(m, "__name__", "").split(".")[0] in ("pip", "packaging")
              for v in list(vars(m).values()) if callable(getattr(v, "cache_clear", None))]
    cwd = os.getcwd()
    root_logger = logging.getLogger()

    def scrub(x):  # absolute paths under the CWD become relative, as run-samples.sh does
        if isinstance(x, str):
            return x.replace(cwd + os.sep, "").replace(cwd, "${CWD}") if cwd in x else x
        if isinstance(x, list):
            return [scrub(v) for v in x]
        if isinstance(x, dict):
            return {k: scrub(v) for k, v in x.items()}
        return x

    def run(path, env=None):
        if env:
            os.environ.update(env)
        handlers = list(root_logger.handlers)
        for c in caches:
            c.cache_clear()
        try:
            res = pip_oracle.parse_file(path)
        finally:
            root_logger.handlers[:] = handlers  # parse_file adds a handler per call
            if env:
                for k in env:
                    os.environ.pop(k, None)
        entry = {"root": path.replace(os.sep, "/")}
        if env:
            entry["env"] = env
        reqs = res["requirements"] if keep_text else [
            {k: v for k, v in r.items() if k not in DROPPABLE} for r in res["requirements"]]
        entry.update(requirements=reqs, options=res["global_options"],
                     percolated=res["percolated"], warnings=res["warnings"],
                     errors=res["errors"])
        return scrub(entry), res

    if name == SAMPLES:
        paths = sorted(f for f in os.listdir(".") if re.fullmatch(r"\d\d-.*\.txt", f))
    else:
        paths = discover_roots()
    roots, mismatches, checked = [], [], 0
    for path in paths:
        entry, res = run(path)
        roots.append(entry)
        if name == SAMPLES and path == "07-env-vars.txt":
            entry, res = run(path, SAMPLE_ENV)
            roots.append(entry)
        if name == SAMPLES:  # self-check against the oracle's own goldens (run-samples.sh)
            exp = os.path.join("expected", path[:-4] + ".json")
            if os.path.exists(exp):
                with open(exp, encoding="utf-8") as f:
                    want = json.load(f)
                got = scrub(json.loads(json.dumps(res)))
                checked += 1
                if {k: v for k, v in got.items() if k not in ("tool",)} != \
                        {k: v for k, v in want.items() if k not in ("tool",)}:
                    mismatches.append(path)

    # --verify N: re-run N roots (spread evenly) through the oracle's own CLI in a fresh process
    # with the same environment rule, and compare with what this process produced.
    verified, verify_failures = 0, []
    if verify and roots:
        step = max(1, len(roots) // verify)
        for entry in roots[::step][:verify]:
            if entry.get("env") or blocked:
                continue
            env = {k: v for k, v in ORIG_ENV.items() if not ENV_NAME.fullmatch(k)}
            out = subprocess.run([sys.executable, "-X", "utf8",
                                  os.path.join(shared, "oracle", "pip_oracle.py"), entry["root"]],
                                 capture_output=True, text=True, env=env, check=True).stdout
            fresh = scrub(json.loads(out))
            mine = dict(entry, requirements=[
                {k: v for k, v in r.items() if k not in DROPPABLE} for r in entry["requirements"]])
            theirs = {"root": fresh["root"], "requirements": [
                {k: v for k, v in r.items() if k not in DROPPABLE} for r in fresh["requirements"]],
                "options": fresh["global_options"], "percolated": fresh["percolated"],
                "warnings": fresh["warnings"], "errors": fresh["errors"]}
            verified += 1
            if mine != theirs:
                verify_failures.append(entry["root"])

    generator = {**tool, "pip_vendored_packaging": res["tool"]["pip_vendored_packaging"]
                 if paths else None,
                 "python": "%d.%d" % sys.version_info[:2], "locale_encoding": "utf-8",
                 "oracle": "shared/oracle/pip_oracle.py",
                 "dropped_fields": [] if keep_text else list(DROPPABLE),
                 "env": "every [A-Z0-9_]+ variable unset: ${VAR} stays literal",
                 "network": "http(s) includes not fetched"}
    write_golden(out_path, {"generator": generator,
                            "cwd": os.path.basename(cwd) if name != SAMPLES else "samples",
                            "roots": roots})
    n = lambda key: sum(len(r[key]) for r in roots)
    summary = {"name": name, "roots": len(roots), "requirements": n("requirements"),
               "options": n("options"), "warnings": n("warnings"), "errors": n("errors"),
               "roots_with_errors": sum(1 for r in roots if r["errors"]),
               "url_includes_blocked": len(blocked), "sample_mismatches": mismatches,
               "samples_checked": checked,
               "verified": verified, "verify_failures": verify_failures,
               "seconds": round(time.time() - t0, 2), "bytes": os.path.getsize(out_path)}
    print(json.dumps(summary))


def write_golden(path, doc):
    """Deterministic, diff-friendly JSON: one requirement/option/error per line."""
    enc = lambda x: json.dumps(x, ensure_ascii=False, separators=(",", ":"))
    lines = ["{" + enc("generator") + ":" + enc(doc["generator"]) + ",",
             enc("cwd") + ":" + enc(doc["cwd"]) + ",", enc("roots") + ":["]
    for i, root in enumerate(doc["roots"]):
        parts = []
        for k, v in root.items():
            if isinstance(v, list) and v and k != "chain":
                parts.append(enc(k) + ":[\n" + ",\n".join(map(enc, v)) + "\n]")
            else:
                parts.append(enc(k) + ":" + enc(v))
        lines.append("{" + ",\n".join(parts) + "}" + ("," if i < len(doc["roots"]) - 1 else ""))
    lines.append("]}")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


# ---------------------------------------------------------------- driver
def main(argv):
    if argv[:1] == ["--worker"]:
        return worker(*argv[1:7])
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    out_dir, only, args = os.path.join(repo, "test", "goldens", "requirements"), None, []
    keep_text, verify = "0", "0"
    it = iter(argv)
    for a in it:
        if a == "--out":
            out_dir = os.path.abspath(next(it))
        elif a == "--keep-text":
            keep_text = "1"
        elif a == "--verify":
            verify = str(int(next(it)))
        elif a == "--only":
            only = set(next(it).split(","))
        elif a.startswith("-"):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            args.append(a)
    shared = os.path.abspath(args[0] if args else os.path.join(repo, "..", "shared"))
    corpus = os.path.join(shared, "corpus")
    jobs = [(d, os.path.join(corpus, d)) for d in sorted(os.listdir(corpus))
            if os.path.isdir(os.path.join(corpus, d))]
    jobs.append((SAMPLES, os.path.join(shared, "oracle", "samples")))
    if only:
        jobs = [j for j in jobs if j[0] in only]
    os.makedirs(out_dir, exist_ok=True)
    t0, pending, results, failed = time.time(), list(jobs), [], []
    running = []
    width = max(1, min(len(jobs), os.cpu_count() or 1))
    while pending or running:
        while pending and len(running) < width:
            name, path = pending.pop(0)
            out = os.path.join(out_dir, name + ".json")
            # -X utf8: pip 23.2.1 decodes files without BOM/PEP 263 with the locale encoding;
            # UTF-8 mode pins it (and, unlike PYTHONUTF8, adds no [A-Z0-9_]+ variable).
            p = subprocess.Popen([sys.executable, "-X", "utf8", os.path.abspath(__file__),
                                  "--worker", shared, path, out, name, keep_text, verify],
                                 stdout=subprocess.PIPE, text=True)
            running.append((name, p))
        name, p = running.pop(0)
        stdout, _ = p.communicate()
        if p.returncode:
            failed.append(name)
        else:
            results.append(json.loads(stdout.strip().splitlines()[-1]))
    elapsed = time.time() - t0
    cols = ["roots", "requirements", "options", "warnings", "errors", "roots_with_errors",
            "url_includes_blocked", "seconds", "bytes"]
    print(f"{'golden':<46}" + "".join(f"{c[:12]:>13}" for c in cols))
    for r in sorted(results, key=lambda r: r["name"]):
        print(f"{r['name'] + '.json':<46}" + "".join(f"{r[c]:>13}" for c in cols))
    tot = {c: sum(r[c] for r in results) for c in cols if c != "seconds"}
    print(f"{'total':<46}" + "".join(f"{tot.get(c, ''):>13}" for c in cols))
    corpus_res = [r for r in results if r["name"] != SAMPLES]
    print(f"corpus: {sum(r['roots'] for r in corpus_res)} root files, "
          f"{sum(r['requirements'] for r in corpus_res)} requirement lines, "
          f"{sum(r['errors'] for r in corpus_res)} errors, "
          f"{sum(r['url_includes_blocked'] for r in corpus_res)} URL includes blocked; "
          f"output {tot['bytes'] / 1e6:.2f} MB in {out_dir}; elapsed {elapsed:.1f}s")
    if verify != "0":
        print(f"verify: {sum(r['verified'] for r in results)} roots re-run in a fresh oracle "
              f"process, mismatches: {[f for r in results for f in r['verify_failures']]}")
    for r in results:
        if r["name"] == SAMPLES:
            print(f"oracle samples: {r['samples_checked']} roots compared with "
                  f"oracle/samples/expected/*.json, mismatches: {r['sample_mismatches']}")
        if r["verify_failures"]:
            failed.append(r["name"])
        if r["sample_mismatches"]:
            print(f"WARNING: differs from oracle/samples/expected: {r['sample_mismatches']}")
            failed.append(r["name"])
    if failed:
        print(f"FAILED: {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
