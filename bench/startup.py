#!/usr/bin/env python3
"""Where an inetd-mode connection's milliseconds go: `GET /slurm/v0.0.38/ping`, one process per
connection on a pipe, broken into interpreter, site, imports (by module), slurm_init and the rest
(the request: authentication, the RPC, the answer), against the reference in the same run.

    sudo bench/startup.py [--runs 30] [--user alice] [--version v0.0.42]

--version: the ping of another version (v0.0.40 on for 24.11 and 26.05, whose references no longer
serve v0.0.38), served by ours with its default set of versions, as installed. --reference-version:
the reference's ping, when it does not serve --version (22.05's serves v0.0.36-38 only).

Every figure is a median over --runs, the runs of all stages interleaved so each sees the same
machine. Wall time is what a client waits; CPU time (user + system, of the process and its
children) is far less noisy on a shared machine and is what each cut is counted in. As root it
re-runs itself as USER (rest_auth/local wants the pipe to be the user's). Ours runs as
$SLURMRESTD_PY_CMD (default: the installed launcher).
"""
import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import time

REQUEST = b"GET /slurm/v0.0.38/ping HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
OURS = os.environ.get("SLURMRESTD_PY_CMD", "/opt/slurmrestd-py/bin/slurmrestd-py")
REFERENCE = "slurmrestd"


REFERENCE_REQUEST = REQUEST


def use_version(version, reference_version=None):
    """Ping `version` instead of v0.0.38; the reference `reference_version` (default: the same)."""
    global REQUEST, REFERENCE_REQUEST
    REQUEST = REQUEST.replace(b"v0.0.38", version.encode())
    REFERENCE_REQUEST = REFERENCE_REQUEST.replace(b"v0.0.38", (reference_version or version).encode())


def run(argv, stdin=b"", env=None):
    """(wall s, stdout, stderr) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = proc.communicate(stdin)
    wall = time.perf_counter() - start
    # communicate() reaped it: its rusage is in RUSAGE_CHILDREN, measured around the call.
    return wall, out, err


class Clock:
    """CPU time of the children reaped between start() and stop()."""

    def __init__(self):
        import resource

        self._r = resource

    def start(self):
        u = self._r.getrusage(self._r.RUSAGE_CHILDREN)
        self._t = u.ru_utime + u.ru_stime

    def stop(self):
        u = self._r.getrusage(self._r.RUSAGE_CHILDREN)
        return u.ru_utime + u.ru_stime - self._t


def _python_and_prefix():
    """(interpreter, its options, the rest of the argv) of ours: a launcher script's `#!` line
    and the script, or $SLURMRESTD_PY_CMD as given (`env ... python -m slurmrestd_py`)."""
    words = shlex.split(OURS)
    path = words[0]
    if len(words) == 1 and os.path.isfile(path):
        with open(path, "rb") as f:
            first = f.readline()
        if first.startswith(b"#!"):
            shebang = first[2:].decode().split()
            return shebang[0], shebang[1:], [path]
    at = next((i for i, w in enumerate(words) if os.path.basename(w).startswith("python")), None)
    if at is None:
        sys.exit(f"startup: cannot tell the interpreter of {OURS!r}")
    return words[at], words[:at], words[at + 1:]  # the words before it (env ...) go in front


def _site_dirs(python):
    out = subprocess.run([python, "-I", "-c", "import sysconfig; print(sorted({sysconfig.get_path(p) "
                          "for p in ('purelib', 'platlib')}))"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def _launcher_path(rest):
    """A launcher script's own lines before it imports slurmrestd_py (its sys.path set-up: the
    installed one's site-packages, or a checkout's directory first), for the rungs to run as it
    does; None for `python -m slurmrestd_py`."""
    if len(rest) != 1 or not os.path.isfile(rest[0]):
        return None
    lines = []
    with open(rest[0]) as f:
        for line in f.read().splitlines()[1:]:
            if line.startswith(("from slurmrestd_py", "import slurmrestd_py")):
                return "\n".join(lines) + "\n"
            lines.append(line)
    return None


IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def imports(stderr):
    """{top-level import: cumulative µs} of one -X importtime run: every module imported at the
    outermost level (nested ones counted in the module that imported them)."""
    top = {}
    for line in stderr.decode(errors="replace").splitlines():
        m = IMPORTTIME.match(line)
        if m and not m.group(3):  # no indent: a top-level import
            top[m.group(4)] = top.get(m.group(4), 0) + int(m.group(2))
    return top


def _top_level(argv, env):
    """The modules a real request imports at the outermost level, in order, and their
    -X importtime figures {module: cumulative µs}; `argv` runs ours with -X importtime."""
    _, out, err = run(argv, REQUEST, env)
    if not out.startswith(b"HTTP/1.1 200"):
        sys.exit(f"slurmrestd-py: unexpected answer {out[:120]!r}")
    return imports(err)


def measure(runs):
    """Rungs of a ladder, each a process that stops later than the one before: the interpreter,
    site, the imports a real request makes (a -c importing them in the same order), slurm_init();
    then ours and the reference serving the request. Differences of medians are the stages."""
    python, flags, rest = _python_and_prefix()
    front = []
    if rest and rest[0] == "-m":  # env VAR=... python -m slurmrestd_py
        front = flags
        flags = []
    ours = front + [python, *flags, *rest, "-a", "rest_auth/local"]
    timed_imports = front + [python, *flags, "-X", "importtime", *rest, "-a", "rest_auth/local"]
    env = dict(os.environ)
    first = _top_level(timed_imports, env)
    wanted = [m for m in first if m not in sys.builtin_module_names and m not in
              ("_frozen_importlib_external", "site", "encodings", "_distutils_hack")]
    # Without site (-S), the launcher puts the site-packages on sys.path itself: so do the rungs.
    no_site = any(f.startswith("-") and "S" in f and not f.startswith("--") for f in flags)
    pre = _launcher_path(rest) or (f"import sys\nsys.path.extend({_site_dirs(python)})\n" if no_site else "")
    load = pre
    # As cli.main does first, where it does: no collection while starting (GC_THRESHOLD).
    load += ("import gc\nimport slurmrestd_py.cli as cli\n"
             "hasattr(cli, 'GC_THRESHOLD') and gc.set_threshold(cli.GC_THRESHOLD, *gc.get_threshold()[1:])\n")
    load += "".join(f"import {m}\n" for m in wanted)
    # Each rung ends as ours does, with os._exit(0) (no teardown of the modules it imported).
    end = "\nimport os\nos._exit(0)\n"
    rungs = (
        ("interpreter (python -I -S -c pass)", front + [python, "-I", "-S", "-c", "pass" + end]),
        (f"site (python {' '.join(flags)} -c pass)", front + [python, *flags, "-c", "pass" + end]),
        ("imports a request makes", front + [python, *flags, "-c", load + end]),
        ("slurm_init()", front + [python, *flags, "-c", load + "from slurmrestd_py.slurm import _lib\n_lib.init()" + end]),
        ("the request: auth, RPC, answer, exit", ours),
    )
    # Beside the ladder: h11 and the standard library it imports (re, typing, dataclasses, inspect)
    extra = (("h11 alone", front + [python, *flags, "-c", pre + "import h11" + end]),)
    jobs = rungs + extra + (("reference slurmrestd", [REFERENCE, "-a", "rest_auth/local"]),)
    clock = Clock()
    wall, cpu, mods = {}, {}, []
    for name, argv in jobs:  # warm the page cache
        run(argv, REFERENCE_REQUEST if argv is jobs[-1][1] else REQUEST)
    for _ in range(runs):
        for name, argv in jobs:
            clock.start()
            w, out, _ = run(argv, REQUEST if argv is ours else REFERENCE_REQUEST if argv is jobs[-1][1] else b"")
            cpu.setdefault(name, []).append(clock.stop())
            wall.setdefault(name, []).append(w)
            if argv in (ours, jobs[-1][1]) and not out.startswith(b"HTTP/1.1 200"):
                sys.exit(f"{name}: unexpected answer {out[:120]!r}")
        mods.append(_top_level(timed_imports, env))
    return [name for name, _ in rungs], wall, cpu, mods


def report(runs, rungs, wall, cpu, mods):
    med = statistics.median
    ref_wall, ref_cpu = med(wall["reference slurmrestd"]), med(cpu["reference slurmrestd"])
    ours_wall, ours_cpu = med(wall[rungs[-1]]), med(cpu[rungs[-1]])
    print(f"GET {REQUEST.split()[1].decode()} in inetd mode (a process per connection, a pipe), median of {runs}:")
    print(f"  {'':44} {'wall ms':>8} {'cpu ms':>8}")
    if REFERENCE_REQUEST != REQUEST:
        print(f"  (the reference answering GET {REFERENCE_REQUEST.split()[1].decode()}: it does not serve the other)")
    print(f"  {'reference slurmrestd':44} {ref_wall * 1e3:8.1f} {ref_cpu * 1e3:8.1f}")
    print(f"  {'slurmrestd-py':44} {ours_wall * 1e3:8.1f} {ours_cpu * 1e3:8.1f}")
    print(f"  {'ratio ours/reference (target <= 1.5)':44} {ours_wall / ref_wall:8.2f} {ours_cpu / ref_cpu:8.2f}")
    print("\nwhere slurmrestd-py's milliseconds go (each stage: its rung less the one before):")
    print(f"  {'':44} {'wall ms':>8} {'cpu ms':>8}")
    before_w = before_c = 0.0
    for name in rungs:
        w, c = med(wall[name]), med(cpu[name])
        print(f"  {name:44} {(w - before_w) * 1e3:8.1f} {(c - before_c) * 1e3:8.1f}")
        if name == "imports a request makes":  # (less sys.path set-up, with -S)
            # -X importtime's split, scaled to the stage's CPU time (it inflates every figure)
            names = {n for m in mods for n in m if n not in ("site", "encodings", "_frozen_importlib_external")}
            per = {n: med([m.get(n, 0) for m in mods]) for n in names}
            scale = (c - before_c) / max(sum(per.values()) / 1e6, 1e-9)
            print("    by module imported first (-X importtime, scaled; each with what it is first to import):")
            for n, us in sorted(per.items(), key=lambda kv: -kv[1]):
                if us * scale >= 200:
                    print(f"    {n:42} {'':8} {us / 1e3 * scale:8.1f}")
            hw, hc = med(wall["h11 alone"]) - before_w, med(cpu["h11 alone"]) - before_c
            print(f"    {'of all: h11 with re, typing, dataclasses, inspect':42} {hw * 1e3:8.1f} {hc * 1e3:8.1f}")
        before_w, before_c = w, c
    print(f"  {'total':44} {ours_wall * 1e3:8.1f} {ours_cpu * 1e3:8.1f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--user", default="alice")
    ap.add_argument("--version", default="v0.0.38", help="the ping of this OpenAPI version")
    ap.add_argument("--reference-version", help="the reference's ping, if it does not serve --version")
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner or os.getuid() != 0:
        use_version(args.version, args.reference_version)
        report(args.runs, *measure(args.runs))
        return
    conf = os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")
    extra = [f"PYTHONPATH={os.environ['PYTHONPATH']}"] if "PYTHONPATH" in os.environ else []
    sys.exit(subprocess.call(["runuser", "-u", args.user, "--", "env", f"SLURM_CONF={conf}", *extra,
                              f"PATH={os.environ['PATH']}", f"SLURMRESTD_PY_CMD={OURS}", sys.executable,
                              os.path.abspath(__file__), "--inner", "--runs", str(args.runs),
                              "--version", args.version]
                             + (["--reference-version", args.reference_version] if args.reference_version else [])))


if __name__ == "__main__":
    main()
