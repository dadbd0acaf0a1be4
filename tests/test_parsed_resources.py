"""GET resources/{job_id} (v0.0.44 on, new in 26.05) against the reference of the release under
test, field for field: a running job of our own (nw_res, submitted as alice, cancelled at the end),
a pending one, another user's, unknown and unparsable ids. Before 26.05 libslurm cannot tell a
job's layout: ours answers ESLURM_NOT_SUPPORTED (checked where no reference serves these versions);
on 26.05 the same facts as `scontrol show job -d` are checked too.
"""
import re
import subprocess
import time

import pytest

from parsed import assert_same, ours, served

VERSIONS = ("v0.0.44", "v0.0.45")
NAME = "nw_res"


def _sh(command):
    return subprocess.run(["su", "alice", "-s", "/bin/sh", "-c", command], capture_output=True, text=True,
                          timeout=60, cwd="/tmp")


def _sbatch(args):
    out = _sh(f"cd /tmp && sbatch --parsable {args}")
    assert out.returncode == 0, out.stderr
    return int(re.match(r"\d+", out.stdout.strip()).group(0))


@pytest.fixture(scope="module")
def jobs():
    made = {}
    try:
        made["running"] = _sbatch(f"-J {NAME}-run -t 5 -o /dev/null --wrap 'sleep 300'")
        made["pending"] = _sbatch(f"-J {NAME}-pend -t 1 --begin=now+3600 --wrap true")
        deadline = time.time() + 60
        while time.time() < deadline and _sh(f"squeue -h -j {made['running']} -o %T").stdout.strip() != "RUNNING":
            time.sleep(1)
        yield made
    finally:
        for job_id in made.values():
            _sh(f"scancel {job_id}")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("kind", ["running", "pending"])
@pytest.mark.parametrize("user", ["alice", "bob"])
def test_resources(version, kind, user, jobs):
    served(version)
    assert_same("GET", f"/slurm/{version}/resources/{jobs[kind]}", user=user)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("job_id", ["999999", "abc", "0", "67108864", "{running}_1", "{running}%2B0", "{running}.0"])
def test_resources_ids(version, job_id, jobs):
    served(version)
    assert_same("GET", f"/slurm/{version}/resources/{job_id.format(**jobs)}")


@pytest.mark.parametrize("version", VERSIONS)
def test_resources_same_facts_as_scontrol(version, jobs):
    """Where no reference serves v0.0.44+ (22.05, 24.11) ours says the library cannot; on 26.05 the
    layout names the job's nodes and memory as scontrol does."""
    status, _, doc = ours("GET", f"/slurm/{version}/resources/{jobs['running']}")
    release = subprocess.run(["scontrol", "--version"], capture_output=True, text=True).stdout.split()[-1]
    if not release.startswith("26."):
        assert doc["nodes"] == [] and [e["error"] for e in doc["errors"]] == \
            ["Requested operation not supported on this system"], doc
        return
    assert status == 200, doc
    shown = subprocess.run(["scontrol", "show", "job", "-d", str(jobs["running"])], capture_output=True,
                           text=True).stdout
    layouts = dict(re.findall(r"Nodes=(\S+) CPU_IDs=\S+ Mem=(\d+)", shown))
    assert {n["node"]: str(n["mem_alloc"]) for n in doc["nodes"]} == layouts
