#!/usr/bin/env python3
"""The "Done when" of `depaudit consolidate` (issue 4), checked with pip's own parser.

    python3 scripts/oracle/check-consolidate.py [SHARED_DIR] [--only NAME[,NAME...]]
        [--repo DIR] [--json] [-- CONSOLIDATE_ARGS...]

SHARED_DIR (default: <repo>/../shared) holds oracle/pip_oracle.py and corpus/. For every corpus
repository (or only the named ones; --repo DIR adds any directory, e.g. fixtures/seed-platform)
one worker process copies the repository to a temp dir, then:

  1. `depaudit consolidate COPY --format json ARGS` (dry run): the plan;
  2. pip's parser (the oracle, imported in process, CWD = the copy's root, no network, no
     ${VAR} from the environment) on every service manifest of the plan, every service file that
     reaches one through -r/-c, every file the plan rewrites, and the base;
  3. `depaudit consolidate COPY --write ARGS`: must exit 0 (or print "nothing to do");
  4. the same again: must print "nothing to do" and change no byte and no mtime in the tree;
  5. the oracle again on the same files, and checks:
     - no comment line is lost from a rewritten file: every line of the old file that holds a `#`
       comment and is gone from the new file was a moved declaration whose comment text is now
       in the base;
     - pip reports no new error on any rewritten file (errors compared without line numbers);
     - every change in a service's effective requirements (the oracle's requirement entries,
       before vs after, compared per canonical name and PEP 440-equal specifier) is listed in the
       JSON plan for that service, a package the service did not have before as `added`, and a
       `moved` one reads the same; every change the plan lists happened (pip reads its `to`);
     - every other requirements file in the tree either reads the same to pip or reaches a service
       of the plan through -r/-c (and is then held to that service's list).

Prints one line per repository (services rewritten, packages moved, kept, time of the write) and
every failure; exits 1 when any check fails. Needs `npm run build` first (it runs dist/cli.js),
pip 23.2.1 and packaging 26.2.
"""
import collections, hashlib, json, os, re, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CLI = os.path.join(REPO, "dist", "cli.js")
ENV_NAME = re.compile(r"[A-Z0-9_]+")


# ---------------------------------------------------------------- tree helpers
def tree_state(root):
    """path -> (sha256, mtime_ns) for every file under root, dot files included."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for f in sorted(filenames):
            p = os.path.join(dirpath, f)
            if os.path.islink(p):
                out[os.path.relpath(p, root)] = ("link", os.readlink(p))
                continue
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = (hashlib.sha256(fh.read()).hexdigest(), os.stat(p).st_mtime_ns)
    return out


def read_text(root, rel):
    p = os.path.join(root, rel)
    if not os.path.exists(p):
        return None
    with open(p, "rb") as fh:
        data = fh.read()
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    return data.decode("utf-8", errors="replace")


def lines_of(text):
    return text.splitlines() if text else []  # pip's own splitlines()


COMMENT = re.compile(r"(^|\s)#(.*)$")


def run_cli(args):
    t0 = time.time()
    r = subprocess.run(["node", CLI, "consolidate", *args], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    return r.returncode, r.stdout, r.stderr, time.time() - t0


# ---------------------------------------------------------------- worker
def worker(shared, source, name, cargs):
    tmp = tempfile.mkdtemp(prefix="depaudit-consolidate-corpus-")
    copy = os.path.join(tmp, name)
    shutil.copytree(source, copy, symlinks=True)
    try:
        return check(shared, copy, name, cargs)
    finally:
        os.chdir("/")
        shutil.rmtree(tmp, ignore_errors=True)


def load_oracle(shared, root):
    os.chdir(root)  # pip resolves ./pkg and -e . against the CWD; the oracle reads it at import
    sys.path.insert(0, os.path.join(shared, "oracle"))
    sys.argv[0] = "pip"
    import pip_oracle
    import pip._internal.network.session as pip_session
    from pip._internal.exceptions import InstallationError
    from pip._internal.req import req_file as rf
    from pip._internal.utils.urls import get_url_scheme

    pip_get_file_content = rf.get_file_content

    def get_file_content(url, session):  # no network, ever
        if get_url_scheme(url) in ("http", "https"):
            raise InstallationError(f"URL includes are not fetched: {url}")
        return pip_get_file_content(url, session)
    rf.get_file_content = get_file_content
    pip_request = pip_session.PipSession.request

    def no_request(self, method, url, *args, **kwargs):
        if get_url_scheme(url) != "file":
            raise InstallationError(f"URL includes are not fetched: {url}")
        return pip_request(self, method, url, *args, **kwargs)
    pip_session.PipSession.request = no_request
    ua = pip_session.user_agent()
    pip_session.user_agent = lambda: ua
    for k in [k for k in os.environ if ENV_NAME.fullmatch(k)]:  # depaudit never reads ${VAR}s
        del os.environ[k]
    import logging
    root_logger = logging.getLogger()

    def parse(rel):
        handlers = list(root_logger.handlers)
        try:
            return pip_oracle.parse_file(rel)
        finally:  # parse_file adds a handler per call; drop it
            root_logger.handlers[:] = handlers
    return parse


def canonical_spec(spec):
    """A specifier set as PEP 440 compares it (==2.7 is ==2.7.0), order-free."""
    if not spec:
        return []
    from packaging.specifiers import SpecifierSet
    try:
        return sorted(repr(s._canonical_spec) for s in SpecifierSet(spec))
    except Exception:
        return [spec]


def req_key(r):
    return json.dumps([r["canonical_name"] or r["url"], sorted(x.lower() for x in r["extras"]), canonical_spec(r["specifier"]),
                       r["marker"], r["url"] if r["kind"] != "specifier" else None, r["editable"], r["constraint"],
                       sorted(r["hashes"])])


def error_key(e):
    return (e.get("file"), re.sub(r"line \d+", "line N", e["error"]))


def by_name(res):
    d = collections.defaultdict(set)
    for r in res["requirements"]:
        d[r["canonical_name"] or r["url"]].add(req_key(r))
    return d


SKIP_DIRS = {".git", "node_modules", ".venv", "venv", ".tox", "site-packages", "build", "dist"}


def discover(top):
    """The files depaudit's discovery globs select (see src/inventory/scan.ts)."""
    import fnmatch
    out = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for f in sorted(filenames):
            if (fnmatch.fnmatchcase(f, "*requirements*.txt") or fnmatch.fnmatchcase(f, "*requirements*.in")
                    or fnmatch.fnmatchcase(f, "constraints*.txt")
                    or (os.path.basename(dirpath) == "requirements" and f.endswith((".txt", ".in")))):
                out.append(os.path.normpath(os.path.join(dirpath, f)))
    return out


def check(shared, root, name, cargs):
    failures = []
    code, out, err, _ = run_cli([root, "--format", "json", *cargs])
    if code != 0:
        return {"repo": name, "failures": [f"dry run exited {code}: {err.strip()[-500:]}"]}
    plan = json.loads(out)
    base = plan["base"]
    files = plan.get("files", [])
    manifests = [s["manifest"] for s in plan["services"]]
    parse = load_oracle(shared, root)

    # The service's main manifests, and every other file in a service's directory (or one level
    # below) that reaches its main manifest through -r/-c: what pip installs from those changes too.
    roots = {s["manifest"]: s for s in plan["services"]}
    before_text = {f: read_text(root, f) for f in set(files) | set(manifests)}
    oracle_before = {}
    for s in plan["services"]:
        sdir = os.path.dirname(s["manifest"]) or "."
        for dirpath, dirnames, filenames in os.walk(sdir):
            if dirpath != sdir:
                dirnames[:] = []
            for f in sorted(filenames):
                rel = os.path.normpath(os.path.join(dirpath, f))
                if rel in roots or not (f.endswith((".txt", ".in")) and ("requirements" in rel or f.startswith("constraints"))):
                    continue
                res = parse(rel)
                reaches = lambda r: r["file"] == s["manifest"] or any(c["file"] == s["manifest"] for c in r["chain"])
                if any(reaches(r) for r in res["requirements"]):
                    roots[rel] = s
                    oracle_before[rel] = res
    for f in set(roots) | set(files):
        if f not in oracle_before:
            oracle_before[f] = parse(f) if os.path.exists(f) else None
    # Every other requirements file in the tree: what pip reads from it must not change unless it
    # reaches a service of the plan (then that service's changes must cover it).
    others = {}
    for f in discover("."):
        if f not in oracle_before:
            others[f] = parse(f)

    code, out, err, took = run_cli([root, "--write", *cargs])
    if code != 0:
        failures.append(f"--write exited {code}: {err.strip()[-800:]}")
    snap = tree_state(root)
    code2, out2, err2, _ = run_cli([root, "--write", *cargs])
    if code2 != 0 or "nothing to do" not in err2:
        failures.append(f"second --write did not find nothing to do (exit {code2}): {err2.strip()[-800:]}")
    snap2 = tree_state(root)
    if snap2 != snap:
        changed = sorted(k for k in set(snap) | set(snap2) if snap.get(k) != snap2.get(k))
        failures.append(f"second --write changed {changed[:10]}")

    after_text = {f: read_text(root, f) for f in before_text}
    base_text = read_text(root, base) or ""

    # Comments: nothing lost from a rewritten file.
    for f in files:
        if f == base or before_text.get(f) is None:
            continue
        gone = collections.Counter(lines_of(before_text[f])) - collections.Counter(lines_of(after_text[f]))
        for line in gone.elements():
            m = COMMENT.search(line)
            if not m:
                continue
            text = m.group(2).strip()
            if line.lstrip().startswith("#") or text not in base_text:
                failures.append(f"{f}: comment lost: {line!r}")

    # pip's parser: no new error on a rewritten file (the base included).
    for f in files:
        after = parse(f)
        prev = oracle_before.get(f)
        old = collections.Counter(error_key(e) for e in prev["errors"]) if prev else collections.Counter()
        new = collections.Counter(error_key(e) for e in after["errors"]) - old
        for e in new.elements():
            failures.append(f"{f}: new pip error: {e[1][:300]}")

    # Effective requirements: every change listed in the plan.
    for f, prev in sorted(others.items()):
        after = parse(f)
        if by_name(prev) == by_name(after):
            continue
        reaches = [s for s in plan["services"] if any(r["file"] == s["manifest"] or any(c["file"] == s["manifest"] for c in r["chain"])
                                                    for r in prev["requirements"] + after["requirements"])]
        if not reaches:
            failures.append(f"{f}: pip reads it differently, and it reaches no service of the plan")
        else:
            roots[f] = reaches[0]
            oracle_before[f] = prev
    for f, s in sorted(roots.items()):
        prev = oracle_before.get(f)
        after = parse(f)
        if prev is None:
            continue
        b, a = by_name(prev), by_name(after)
        listed = {c["package"]: c for c in s["changes"]}
        for pkg in sorted(set(b) | set(a)):
            if b.get(pkg, set()) == a.get(pkg, set()):
                continue
            c = listed.get(pkg)
            if c is None:
                failures.append(f"{f} ({s['name']}): {pkg} changed but the plan does not list it: "
                                f"{sorted(b.get(pkg, []))} -> {sorted(a.get(pkg, []))}")
            elif not b.get(pkg) and c["kind"] != "added":
                failures.append(f"{f} ({s['name']}): {pkg} is new but listed as {c['kind']}")
            elif c["kind"] == "moved":
                failures.append(f"{f} ({s['name']}): {pkg} listed as moved but pip reads it differently: "
                                f"{sorted(b.get(pkg, []))} -> {sorted(a.get(pkg, []))}")
        # ... and every listed change happened: pip now reads the plan's `to` for the package.
        if f == s["manifest"]:
            for c in s["changes"]:
                want = canonical_spec("" if c["to"] == "(any)" else c["to"])
                if not any(json.loads(k)[2] == want for k in a.get(c["package"], ())):
                    failures.append(f"{f} ({s['name']}): the plan says {c['package']} {c['kind']} to {c['to']}, "
                                    f"pip reads {sorted(a.get(c['package'], []))}")

    rewritten = [f for f in files if f != base]
    changes = [c for s in plan["services"] for c in s["changes"]]
    return {
        "repo": name, "base": base, "services": len(plan["services"]), "rewritten": len(rewritten),
        "base_packages": len(plan["base_packages"]),
        "moved": sum(1 for c in changes if c["kind"] == "moved"),
        "version": sum(1 for c in changes if c["kind"] == "version"),
        "added": sum(1 for c in changes if c["kind"] == "added"),
        "kept": len(plan["kept"]), "skipped": len(plan.get("skipped", [])),
        "checked_roots": len(roots), "seconds": round(took, 2),
        "status": err.strip().splitlines()[-1] if err.strip() else "",
        "failures": failures,
    }


# ---------------------------------------------------------------- main
def main(argv):
    if len(argv) >= 3 and argv[0] == "--worker":
        shared, source, name, cargs = argv[1], argv[2], argv[3], json.loads(argv[4])
        print(json.dumps(worker(shared, source, name, cargs)))
        return 0
    cargs = []
    if "--" in argv:
        cargs = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    as_json = "--json" in argv
    argv = [a for a in argv if a != "--json"]
    only, extra = None, []
    while "--only" in argv:
        i = argv.index("--only")
        only = set((only or set()) | set(argv[i + 1].split(",")))
        argv = argv[:i] + argv[i + 2:]
    while "--repo" in argv:
        i = argv.index("--repo")
        extra.append(os.path.abspath(argv[i + 1]))
        argv = argv[:i] + argv[i + 2:]
    shared = os.path.abspath(argv[0] if argv else os.path.join(REPO, "..", "shared"))
    if not os.path.exists(os.path.join(shared, "oracle", "pip_oracle.py")):
        print(f"no oracle under {shared}", file=sys.stderr)
        return 2
    if not os.path.exists(CLI):
        print("dist/cli.js missing: run npm run build", file=sys.stderr)
        return 2
    corpus = os.path.join(shared, "corpus")
    sources = [] if only is None and extra else [
        os.path.join(corpus, d) for d in sorted(os.listdir(corpus))
        if os.path.isdir(os.path.join(corpus, d)) and (only is None or d in only)]
    sources += extra
    procs = [(s, subprocess.Popen([sys.executable, os.path.abspath(__file__), "--worker", shared, s, os.path.basename(s), json.dumps(cargs)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUTF8": "1"}))
             for s in sources]
    results = []
    for s, p in procs:
        out, err = p.communicate()
        try:
            results.append(json.loads(out.strip().splitlines()[-1]))
        except Exception:
            results.append({"repo": os.path.basename(s), "failures": [f"worker crashed: {err.strip()[-1500:]}"]})
    if as_json:
        print(json.dumps(results, indent=1))
    else:
        print(f"consolidate {' '.join(cargs) or '(defaults)'}")
        print(f"{'repo':45} {'svcs':>5} {'rewr':>5} {'base':>5} {'moved':>6} {'vers':>5} {'added':>6} {'kept':>5} {'roots':>6} {'write s':>8}  result")
        for r in results:
            ok = "ok" if not r["failures"] else f"{len(r['failures'])} FAILURE(S)"
            if "services" not in r:
                print(f"{r['repo']:45} {ok}")
            else:
                print(f"{r['repo']:45} {r['services']:5} {r['rewritten']:5} {r['base_packages']:5} {r['moved']:6} {r['version']:5} {r['added']:6} {r['kept']:5} {r['checked_roots']:6} {r['seconds']:8}  {ok} ({r['status'][:60]})")
        for r in results:
            for f in r["failures"][:40]:
                print(f"  {r['repo']}: {f}")
            if len(r["failures"]) > 40:
                print(f"  {r['repo']}: ... {len(r['failures']) - 40} more")
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
