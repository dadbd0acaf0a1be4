"""A slurmdbd Administrator for the tests that write: an OS user (made here when missing, removed
again) with an Administrator record in testacct, removed when the block ends."""
import os
import subprocess
from contextlib import contextmanager


def _sacctmgr(*args):
    subprocess.run(["sacctmgr", "-i", *args], capture_output=True, check=False, env={**os.environ})


@contextmanager
def administrator(name):
    created_os = subprocess.run(["id", name], capture_output=True).returncode != 0
    if created_os:
        subprocess.run(["useradd", "-M", "-s", "/usr/sbin/nologin", name], check=True)
    _sacctmgr("add", "user", name, "account=testacct", "adminlevel=Administrator")
    try:
        yield name
    finally:
        _sacctmgr("delete", "user", name)
        if created_os:
            subprocess.run(["userdel", name], check=False)
