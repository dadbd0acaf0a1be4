"""Shared by the differential tests: ask both services the same GET, diff, and run scontrol as root."""
import subprocess
import time

from compare import differences
from reference import reference
from service import ours

PREFIX = "/slurm/v0.0.38/"


def both(path, **kw):
    """(reference answer, our answer) to GET PREFIX+path, each (status, headers, body)."""
    return reference("GET", PREFIX + path, **kw), ours("GET", PREFIX + path, **kw)


def assert_same(path, ignore=(), attempts=3):
    """Status and body equal field by field, but for `ignore`d paths. The cluster is shared and
    live: a difference is retried (a job may start between the two calls) before it fails."""
    for attempt in range(attempts):
        (rs, _, rb), (os_, _, ob) = both(path)
        diff = ([f"status {rs} != {os_}"] if rs != os_ else []) + differences(rb, ob, set(ignore))
        if not diff:
            return rb
        time.sleep(1)
    raise AssertionError(f"GET {path}:\n" + "\n".join(diff))


def scontrol(*args, check=True):
    """scontrol as root (the caller is root: the harness runs services through runuser)."""
    proc = subprocess.run(["scontrol", *args], capture_output=True, text=True, timeout=30)
    if check and proc.returncode != 0:
        raise AssertionError(f"scontrol {' '.join(args)}: {proc.stderr.strip()}")
    return proc.stdout
