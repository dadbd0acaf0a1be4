"""Faults injected into a private cluster (tests/faultcluster.py), ours against the reference.

Daemons stopped, paused or killed: slurmctld, slurmdbd, MariaDB, munged. Both servers must give
the same status and errors[] the same bounded time later, and nothing may be half-written (read
back with sacctmgr/squeue once the daemon is back). Then the client side: a client that goes away
mid-response or mid-body, stdout closed, /dev/full, a reader that is gone or stops reading.
The shared cluster is never touched. Figures are printed at the end (pytest -s shows them).
"""
import json
import pathlib
import shlex
import subprocess
import threading
import time

import pytest

from compare import differences
from daemons import shared_dir
from faultcluster import ADMIN, MSG_TIMEOUT, FaultCluster
from reference import build_request, raw_reference
from service import COMMAND, raw_ours, responses

S = "/slurm/v0.0.38/"
D = "/slurmdb/v0.0.38/"
BOUND = 3 * MSG_TIMEOUT + 5  # seconds: any answer with a daemon gone comes before this
STATS = {"faults": 0, "requests": 0, "failures": 0, "ctld_down": {}}
SUBMIT = {"script": "#!/bin/sh\ntrue", "job": {"name": "faults", "hold": True, "environment": {"PATH": "/bin"},
                                               "current_working_directory": "/tmp"}}


@pytest.fixture(scope="module")
def fc():
    cluster = FaultCluster()
    cluster.up()
    _clean(cluster)  # the database outlives a run: what an interrupted one wrote
    yield cluster
    _clean(cluster)
    STATS["faults"] += cluster.faults
    cluster.down()
    print("\nfaults: injected %(faults)d, requests %(requests)d, mismatches %(failures)d" % STATS)
    for path, (ref, ours) in sorted(STATS["ctld_down"].items()):
        print(f"faults: slurmctld down, {path}: reference {ref:.2f}s, ours {ours:.2f}s")


@pytest.fixture
def restore(fc):
    yield fc
    for name in ("munged", "mariadb", "slurmdbd", "slurmctld"):
        if not fc.running(name):
            fc.start(name)


def _decode(raw):
    answers = responses(raw)
    if not answers:
        return None, None
    status, _, body = answers[0]
    try:
        doc = json.loads(body)
    except ValueError:
        return status, body
    if isinstance(doc, dict):
        doc.pop("meta", None)
    return status, doc


def timed(fn):
    t = time.monotonic()
    out = fn()
    return out, time.monotonic() - t


def both(fc, method, path, body=None, user="alice"):
    """(ref status, ref body, ref seconds), (ours ...) for one request on the private cluster."""
    req = build_request(method, path, body)
    ref, rt = timed(lambda: raw_reference(req, user, conf=fc.conf))
    ours, ot = timed(lambda: raw_ours(req, user, conf=fc.conf))
    STATS["requests"] += 2
    return (*_decode(ref), rt), (*_decode(ours), ot)


def assert_same(fc, method, path, body=None, user="alice"):
    (rs, rb, rt), (os_, ob, ot) = both(fc, method, path, body, user)
    diff = ([f"status {rs} != {os_}"] if rs != os_ else []) + (
        differences(rb, ob) if isinstance(rb, dict) else ([] if rb == ob else [f"{rb!r} != {ob!r}"]))
    STATS["failures"] += bool(diff)
    assert not diff, f"{method} {path}:\n" + "\n".join(diff)
    assert rt < BOUND and ot < BOUND, (rt, ot)
    return os_, ob, rt, ot


def squeue_names(fc):
    out = subprocess.run(["squeue", "-h", "-o", "%j"], env=fc.env, capture_output=True, text=True,
                         timeout=30).stdout
    return out.split()


def accounts(fc):
    return set(fc.sacctmgr("show", "account", "format=account").stdout.split())


# -- slurmctld down ----------------------------------------------------------------------------
CTLD_REQUESTS = [("GET", S + "ping"), ("GET", S + "jobs"), ("GET", S + "nodes"), ("GET", S + "diag"),
                 ("GET", S + "licenses"), ("GET", S + "partitions"), ("GET", S + "reservations"),
                 ("GET", S + "job/1"), ("POST", S + "job/submit")] + [
    ("GET", f"/slurm/{version}/{what}") for version in ("v0.0.37", "v0.0.36")
    for what in ("ping", "diag", "jobs", "nodes", "partitions", "job/1")]


def test_slurmctld_down(restore):
    fc = restore
    fc.stop("slurmctld")
    for method, path in CTLD_REQUESTS:
        status, body, rt, ot = assert_same(fc, method, path, SUBMIT if method == "POST" else None)
        # v0.0.36's GET jobs reports nothing but the status
        assert status == 500 and (body["errors"] or path == "/slurm/v0.0.36/jobs"), (path, body)
        STATS["ctld_down"][f"{method} {path}"] = (rt, ot)
    # slurmdbd still answers: the slurmdb side is unaffected
    assert assert_same(fc, "GET", D + "accounts")[0] == 200
    fc.start("slurmctld")
    assert "faults" not in squeue_names(fc)
    assert assert_same(fc, "GET", S + "ping")[0] == 200


# -- slurmdbd and MariaDB down -----------------------------------------------------------------
DB_GETS = ["accounts", "account/faultsacct", "users", "user/alice", "associations",
           "association?account=faultsacct", "tres", "qos", "qos/normal", "clusters", "cluster/faults",
           "wckeys", "config"]
NEW_ACCOUNTS = {"accounts": [{"name": "faults_a1", "description": "d", "organization": "o"},
                             {"name": "faults_a2", "description": "d", "organization": "o"}]}
NEW_USERS = {"users": [{"name": "faults_u1", "default": {"account": "faultsacct"}}]}
NEW_ASSOCS = {"associations": [{"account": "faultsacct", "user": "root", "cluster": "faults",
                                "partition": "faultpart"},
                               {"account": "faultsacct", "user": ADMIN, "cluster": "faults",
                                "partition": "faultpart"}]}


def _clean(fc):
    fc.sacctmgr("delete", "user", "where", "partition=faultpart")
    fc.sacctmgr("delete", "user", "faults_u1")
    fc.sacctmgr("delete", "account", "faults_a1,faults_a2")


def _nothing_written(fc):
    assert not {"faults_a1", "faults_a2"} & accounts(fc)
    assert "faults_u1" not in fc.sacctmgr("show", "user", "format=user").stdout.split()
    assocs = fc.sacctmgr("show", "assoc", "where", "partition=faultpart", "format=user").stdout.split()
    assert assocs == [], assocs


@pytest.mark.parametrize("daemon", ["slurmdbd", "mariadb"])
def test_accounting_down(restore, daemon):
    fc = restore
    fc.stop(daemon)
    for path in DB_GETS:
        status, body, _, _ = assert_same(fc, "GET", D + path)
        assert body["errors"], path
    for path, body in (("accounts", NEW_ACCOUNTS), ("users", NEW_USERS), ("associations", NEW_ASSOCS)):
        status, doc, _, _ = assert_same(fc, "POST", D + path, body, user=ADMIN)
        assert status == 500 and doc["errors"]
    for path in ("account/faultsacct", "user/alice", "association?account=faultsacct&user=alice"):
        assert_same(fc, "DELETE", D + path, user=ADMIN)
    # slurmctld still answers
    assert assert_same(fc, "GET", S + "ping")[0] == 200
    fc.start(daemon)
    if daemon == "mariadb":  # slurmdbd reconnects on its next request
        fc.sacctmgr("show", "cluster")
    _nothing_written(fc)
    assert {"faultsacct"} <= accounts(fc)


def _post_while_mariadb_dies(fc, server):
    """POST two associations while MariaDB is paused (slurmdbd blocks inside its transaction),
    then kill MariaDB under it: the answer is an error, and nothing is written."""
    req = build_request("POST", D + "associations", NEW_ASSOCS)
    run = raw_reference if server == "reference" else raw_ours
    out = {}
    fc.pause("mariadb")
    thread = threading.Thread(target=lambda: out.update(raw=run(req, ADMIN, conf=fc.conf)))
    thread.start()
    time.sleep(1.5)
    fc.kill("mariadb")
    thread.join(60)
    fc.start("mariadb")
    fc.sacctmgr("show", "cluster")
    STATS["requests"] += 1
    return _decode(out.get("raw", b""))


def test_mariadb_dies_mid_post(restore):
    fc = restore
    ref = _post_while_mariadb_dies(fc, "reference")
    _nothing_written(fc)
    ours = _post_while_mariadb_dies(fc, "ours")
    _nothing_written(fc)
    assert ref[0] == ours[0] == 500, (ref, ours)
    assert [e.get("error_number") for e in ref[1]["errors"]] == [e.get("error_number") for e in ours[1]["errors"]]


# -- munged down -------------------------------------------------------------------------------
def test_munge_down(restore):
    fc = restore
    fc.stop("munged")
    for method, path in (("GET", S + "ping"), ("GET", S + "jobs"), ("POST", S + "job/submit"),
                         ("GET", D + "accounts")):
        status, body, _, _ = assert_same(fc, method, path, SUBMIT if method == "POST" else None)
        assert status == 500 and body["errors"]
    fc.start("munged")
    assert "faults" not in squeue_names(fc)


# -- the client side ---------------------------------------------------------------------------
def _serve(shell, log_file, timeout=30):
    """Run `shell` as alice, where $SERVER is ours with SLURM_CONF and the log file set."""
    server = f"env SLURM_CONF={shlex.quote(FaultCluster.conf)} SLURMRESTD_PY_LOG_FILE={log_file} " \
             f"SLURMRESTD_PY_IDLE_TIMEOUT=2 {COMMAND} -a rest_auth/local"
    t = time.monotonic()
    proc = subprocess.run(["runuser", "-u", "alice", "--", "sh", "-c", shell.replace("$SERVER", server)],
                          capture_output=True, timeout=timeout, cwd="/")
    STATS["requests"] += 1
    return proc, time.monotonic() - t


@pytest.fixture
def log_file():
    with shared_dir("faults-", 0o777) as d:
        yield pathlib.Path(d) / "ours.log"


def _log(path):
    return path.read_text() if path.exists() else ""


def _request_text(method, path, body=None):
    return shlex.quote(build_request(method, path, body).decode())


@pytest.mark.parametrize("sink", ["closed", "full", "gone"])
def test_stdout_unusable(fc, log_file, sink):
    """No answer can be delivered: the process ends at once, says why in its log, no traceback;
    with stdout closed it does not even start (so nothing reaches Slurm)."""
    req = _request_text("POST", S + "job/submit", {**SUBMIT, "job": {**SUBMIT["job"], "name": f"faults-{sink}"}})
    redirect = {"closed": "$SERVER >&-", "full": "$SERVER >/dev/full", "gone": "$SERVER | true"}[sink]
    proc, seconds = _serve(f"printf %s {req} | {redirect}", log_file)
    log = _log(log_file)
    assert seconds < 10
    assert b"Traceback" not in proc.stderr and "Traceback" not in log
    if sink == "closed":
        assert proc.returncode == 1
        assert "stdout is closed" in log
        assert f"faults-{sink}" not in squeue_names(fc)
    else:
        assert "answer not delivered" in log, log
    fc.scontrol("cancel", f"jobname=faults-{sink}")  # what a lost answer may have submitted


def test_client_stops_reading(fc, log_file):
    """A client that keeps the connection but reads nothing holds the process for the idle timeout
    only (the OpenAPI document is larger than a pipe's buffer)."""
    req = _request_text("GET", "/openapi/v3")
    done = log_file.parent / "exited"
    proc, seconds = _serve(f"{{ printf %s {req}; sleep 15; }} | {{ $SERVER; echo $? > {done}; }} | sleep 15 >/dev/null 2>&1 & "
                           f"sleep 6; cat {done} 2>/dev/null || echo running", log_file)
    assert b"running" not in proc.stdout, _log(log_file)
    assert "the client read nothing for 2s" in _log(log_file)


@pytest.mark.parametrize("path", ["/openapi/v3", S + "nodes", D + "config"])
def test_client_closes_mid_response(fc, log_file, path):
    """The client reads a few bytes and closes: ours ends (EPIPE) with a warning, no traceback."""
    req = _request_text("GET", path)
    proc, seconds = _serve(f"printf %s {req} | $SERVER | head -c 10 >/dev/null; "
                           f"pgrep -u alice -f 'slurmrestd_py|slurmrestd-py' || true", log_file)
    assert seconds < 10
    assert b"Traceback" not in proc.stderr and "Traceback" not in _log(log_file)


def test_client_closes_mid_body(fc, log_file):
    """A POST /job/submit whose body stops half-way: nothing is submitted, by either server."""
    full = build_request("POST", S + "job/submit", {**SUBMIT, "job": {**SUBMIT["job"], "name": "faults-half"}})
    half = shlex.quote(full[:len(full) - 20].decode())
    proc, seconds = _serve(f"printf %s {half} | $SERVER", log_file)
    ref = raw_reference(full[:len(full) - 20], "alice", conf=fc.conf)
    STATS["requests"] += 1
    assert seconds < 10
    assert "faults-half" not in squeue_names(fc)
    assert b"Traceback" not in proc.stderr and "Traceback" not in _log(log_file)
    # The reference closes without a word; ours answers 400 (h11: the body ended early).
    assert _decode(ref)[0] is None and _decode(proc.stdout)[0] in (None, 400)
