#!/usr/bin/env python3
"""Accounting benchmark: GET /slurmdb/vX/jobs, ours vs the reference, on the test cluster's
few jobs and on a few thousand accounting records.

    sudo python3 bench/slurmdb_jobs.py [--jobs 3000] [--runs 3] [--keep] [--versions v0.0.38,v0.0.42]
    scripts/local-cluster exec --release 26.05 -- python3 bench/slurmdb_jobs.py ...   (in a release's root)

As bench/scale.py: on the release whose cluster $SLURM_CONF names, against its own reference; a
parser version (v0.0.40 on) through the reference's openapi/slurmdbd with that data_parser only,
or, where the reference does not serve it (22.05), against its dbv0.0.38 answer ("ref v0.0.38").

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
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))
from private_slurm_conf import write_slurm_conf  # noqa: E402
from scale import CLUSTER, RELEASE, REFERENCE_VERSIONS, _records, measure, report, stop_slurmctld, wait_for  # noqa: E402

TEST_CONF = f"{CLUSTER}/etc/slurm.conf"
DIR = "/var/lib/slurmrestd-py/bench-dbjobs"
NAME = "dbjobsbench"
PORTS = {"22.05": 6927, "24.11": 6987, "26.05": 6997}  # the test clusters' use 68x7
PORT = PORTS.get(RELEASE, 6926)
USER = "alice"
OURS = os.environ.get("SLURMRESTD_PY_CMD", "/opt/slurmrestd-py/venv/bin/slurmrestd-py")
DEFAULT_VERSIONS = {"22.05": ("v0.0.38", "v0.0.42"), "24.11": ("v0.0.40", "v0.0.42"),
                    "26.05": ("v0.0.42", "v0.0.45")}


def _setting(name):
    """A setting of the release's test slurm.conf (the slurmdbd port it reports to)."""
    for line in open(TEST_CONF):
        key, _, value = line.strip().partition("=")
        if key.lower() == name.lower():
            return value
    return None


def plugins(version):
    """(ours' -s, the reference's version, the reference's -s/-d) for `version`."""
    served = REFERENCE_VERSIONS.get(RELEASE, ())
    ref = version if version in served else served[0]
    ref_plugin = f"openapi/db{ref}" if ref == "v0.0.38" else f"openapi/slurmdbd -d {ref}"
    return f"openapi/db{version}", ref, ref_plugin


def log(msg):
    print(f"slurmdb_jobs: {msg}", file=sys.stderr, flush=True)


def write_config():
    return write_slurm_conf(
        DIR, NAME, PORT, f"{CLUSTER}/munge/munge.socket", accounting=True,
        comment="# Written by bench/slurmdb_jobs.py; removed when it ends.",
        **({"AccountingStoragePort": _setting("AccountingStoragePort")} if _setting("AccountingStoragePort") else {}),
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


def bench(conf, runs, label, versions):
    """[(label, {server: figures as scale.bench})] per version, the servers' runs interleaved."""
    rows = []
    for version in versions:
        ours_plugin, ref, ref_plugin = plugins(version)
        servers = (("reference", "slurmrestd", f"/slurmdb/{ref}/jobs", ref_plugin),
                   ("ours", OURS, f"/slurmdb/{version}/jobs", ours_plugin))
        samples = {name: [] for name, *_ in servers}
        for _ in range(runs):
            for name, server, path, plugin in servers:
                samples[name].append(measure(server, path, conf, plugin))
        result = {}
        for name, *_ in servers:
            got = samples[name]
            walls = sorted(s[2] for s in got)
            result[name] = (got[-1][0], len(got[-1][1]), _records(got[-1][1]), statistics.median(walls),
                            max(s[3] for s in got), walls)
        rows.append((f"{label} {version}" + ("" if ref == version else f" (ref {ref})"), result))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the dbjobsbench cluster")
    parser.add_argument("--versions", help="API versions, comma-separated (default: DEFAULT_VERSIONS of the release)")
    args = parser.parse_args()
    versions = tuple(args.versions.split(",")) if args.versions else DEFAULT_VERSIONS[RELEASE]
    log(f"Slurm {RELEASE}, cluster {CLUSTER}, API versions {', '.join(versions)}")
    if os.geteuid() != 0:
        raise SystemExit("slurmdb_jobs: run as root (it starts a slurmctld and serves as alice)")
    stop_slurmctld(DIR)
    conf = write_config()
    sacctmgr("add", "cluster", NAME)
    try:
        rows = bench(TEST_CONF, args.runs, "test cluster", versions)  # before: the list spans clusters
        fill(conf, args.jobs)
        rows += bench(conf, args.runs, f"+{NAME}", versions)
        print(f"\nSlurm {RELEASE}, GET /slurmdb/vX/jobs:")
        report(rows)
    finally:
        stop_slurmctld(DIR)
        if not args.keep:
            sacctmgr("delete", "cluster", NAME)
            shutil.rmtree(DIR, ignore_errors=True)
            log(f"{NAME} removed")


if __name__ == "__main__":
    main()
