#!/usr/bin/env python3
"""Accounting benchmark: GET /slurmdb/v0.0.38/jobs, ours vs the reference, on the test cluster's
few jobs and on a few thousand accounting records.

    sudo python3 bench/slurmdb_jobs.py [--jobs 3000] [--runs 3] [--keep]

The records are real: a slurmctld of our own (cluster "dbjobsbench", port 6927, state under
/var/lib/slurmrestd-py/bench-dbjobs, nodes FUTURE or DOWN so nothing runs) reports to the test
cluster's slurmdbd. Jobs are submitted as alice, named dbjobs-bench, then cancelled while pending:
each leaves one CANCELLED record in dbjobsbench's tables (no steps: nothing ran). The test cluster's
own jobs are not touched; its accounting gains the dbjobsbench cluster, deleted at the end with
its records (--keep keeps them for a later run). Note GET /jobs without a query lists the jobs of
every cluster (the reference passes no condition at all): while dbjobsbench exists, everyone's
unfiltered list holds its records. So the test cluster alone is measured first.

Each request is a fresh server process on a pipe owned by alice (as a site runs slurmrestd), timed
from start to exit, with its peak RSS; only the openapi/dbv0.0.38 plugin. Not part of the tests.
Ours runs as $SLURMRESTD_PY_CMD (default: the installed console script).
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))
from private_slurm_conf import write_slurm_conf  # noqa: E402
from scale import _records, measure, report, stop_slurmctld, wait_for  # noqa: E402

CLUSTER = "/var/lib/slurmrestd-py/22.05"
TEST_CONF = f"{CLUSTER}/etc/slurm.conf"
DIR = "/var/lib/slurmrestd-py/bench-dbjobs"
NAME = "dbjobsbench"
PORT = 6927
USER = "alice"
OURS = os.environ.get("SLURMRESTD_PY_CMD", "/opt/slurmrestd-py/venv/bin/slurmrestd-py")
PLUGIN = "openapi/dbv0.0.38"
PATH = "/slurmdb/v0.0.38/jobs"


def log(msg):
    print(f"slurmdb_jobs: {msg}", file=sys.stderr, flush=True)


def write_config():
    return write_slurm_conf(
        DIR, NAME, PORT, f"{CLUSTER}/munge/munge.socket", accounting=True,
        comment="# Written by bench/slurmdb_jobs.py; removed when it ends.",
        MaxJobCount=20000, MinJobAge=2, nodes="""\
NodeName=dbjb[1-2] CPUs=4 RealMemory=4000 State=FUTURE
NodeName=dbjb[3-4] NodeAddr=127.0.0.1 Port=9 CPUs=4 RealMemory=4000 State=DOWN
PartitionName=dbjb Nodes=ALL Default=YES MaxTime=INFINITE State=UP
""")


def sacctmgr(*args):
    return subprocess.run(["sacctmgr", "-i", *args], capture_output=True, text=True,
                          env={**os.environ, "SLURM_CONF": TEST_CONF})


def records():
    out = subprocess.run(["sacct", "-M", NAME, "-a", "-X", "-n", "-P", "-o", "JobID", "-S",
                          "2020-01-01", "--name", "dbjobs-bench"], capture_output=True, text=True,
                         env={**os.environ, "SLURM_CONF": TEST_CONF}).stdout
    return len(out.split())


def fill(conf, jobs):
    """Submit jobs (not held: a held job never becomes eligible, and slurmdbd's default time window
    leaves such records out), then cancel them all while pending."""
    env = {**os.environ, "SLURM_CONF": conf}
    have = records()
    if have >= jobs:
        log(f"{have} records already there")
        return
    subprocess.run(["slurmctld", "-c", "-i"], env=env, check=True)
    wait_for(["scontrol", "ping"], env)
    from concurrent.futures import ThreadPoolExecutor

    cmd = ["runuser", "-u", USER, "--", "env", f"SLURM_CONF={conf}", "sbatch", "--parsable",
           "-J", "dbjobs-bench", "-t", "10", "-o", "/dev/null", "-D", "/tmp", "--wrap", "true"]
    t = time.monotonic()
    with ThreadPoolExecutor(16) as pool:
        failed = sum(1 for p in pool.map(lambda _: subprocess.run(cmd, capture_output=True),
                                         range(jobs - have)) if p.returncode)
    subprocess.run(["scancel", "-u", USER, "-n", "dbjobs-bench"], env=env)
    end = time.monotonic() + 300
    while records() < jobs - failed and time.monotonic() < end:
        time.sleep(2)
    log(f"{records()} records after {time.monotonic() - t:.0f}s ({failed} submissions failed)")
    stop_slurmctld(DIR)


def bench(conf, runs, label):
    result = {}
    for name, server in (("reference", "slurmrestd"), ("ours", OURS)):
        samples = [measure(server, PATH, conf, PLUGIN) for _ in range(runs)]
        status, body = samples[-1][0], samples[-1][1]
        walls = sorted(s[2] for s in samples)
        result[name] = (status, len(body), _records(body), walls[len(walls) // 2],
                        max(s[3] for s in samples))
    return (f"{label}", result)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the dbjobsbench cluster")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("slurmdb_jobs: run as root (it starts a slurmctld and serves as alice)")
    stop_slurmctld(DIR)
    conf = write_config()
    sacctmgr("add", "cluster", NAME)
    try:
        rows = [bench(TEST_CONF, args.runs, "test cluster")]  # before: the list spans clusters
        fill(conf, args.jobs)
        rows.append(bench(conf, args.runs, f"+{NAME}"))
        report(rows)
    finally:
        stop_slurmctld(DIR)
        if not args.keep:
            sacctmgr("delete", "cluster", NAME)
            shutil.rmtree(DIR, ignore_errors=True)
            log(f"{NAME} removed")


if __name__ == "__main__":
    main()
