"""The libslurm backend against the live cluster and the reference slurmrestd (v0.0.38).

CI always has the cluster: nothing here skips. Collection never touches Slurm; the fixtures do.
"""
import os
import subprocess
import sys

import pytest

from reference import reference

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# diag fields that move between two calls (counters, clocks, load); everything else must be equal.
DIAG_MOVING = {
    "rpcs_by_message_type", "rpcs_by_user", "req_time", "server_thread_count",
    "agent_queue_size", "agent_count", "agent_thread_count", "dbd_agent_queue_size",
    "schedule_cycle_max", "schedule_cycle_last", "schedule_cycle_total", "schedule_cycle_mean",
    "schedule_cycle_mean_depth", "schedule_cycle_per_minute", "schedule_queue_length",
    "jobs_submitted", "jobs_started", "jobs_completed", "jobs_canceled", "jobs_failed",
    "jobs_pending", "jobs_running", "job_states_ts",
    "bf_backfilled_jobs", "bf_last_backfilled_jobs", "bf_backfilled_het_jobs", "bf_cycle_counter",
    "bf_cycle_mean", "bf_depth_mean", "bf_depth_mean_try", "bf_cycle_last", "bf_cycle_max",
    "bf_queue_len", "bf_queue_len_mean", "bf_table_size", "bf_table_size_mean",
    "bf_when_last_cycle", "bf_active",
}


@pytest.fixture(scope="module")
def backend():
    conf = os.environ.get("SLURM_CONF")
    assert conf, "SLURM_CONF must point at the test cluster's slurm.conf"
    from slurmrestd_py import slurm

    return slurm.open(conf)


def ref(path):
    status, _, body = reference("GET", f"/slurm/v0.0.38/{path}")
    assert status == 200, body
    assert body["errors"] == [], body["errors"]
    return body


def shape(value):
    """Keys (in order) and types, recursively; list items must all share one shape."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value[:1]]
    return type(value).__name__


def test_import_has_no_side_effects():
    code = ("import sys, slurmrestd_py.slurm as s; "
            "assert 'slurmrestd_py.slurm._libslurm' not in sys.modules, 'compiled module loaded'; "
            "assert not any('libslurm' in l for l in open('/proc/self/maps')), 'libslurm mapped'")
    subprocess.run([sys.executable, "-c", code], cwd="/", check=True)  # the installed package


def test_open_is_idempotent(backend):
    from slurmrestd_py import slurm

    again = slurm.open()
    assert again.ping() == backend.ping()


def test_version_matches_reference_meta():
    from slurmrestd_py import slurm

    assert slurm.version() == ref("ping")["meta"]["Slurm"]


def test_sentinels_match_headers(backend):
    from slurmrestd_py.slurm import sentinels as convert

    for name in ("NO_VAL8", "NO_VAL16", "NO_VAL", "NO_VAL64",
                 "INFINITE8", "INFINITE16", "INFINITE", "INFINITE64"):
        assert getattr(convert, name) == getattr(backend.lib, name), name


def test_ping(backend):
    expected = ref("ping")["pings"]
    got = backend.ping()
    assert got == expected
    assert shape(got) == shape(expected)
    assert [list(p) for p in got] == [list(p) for p in expected]  # key order


def test_licenses(backend):
    expected = ref("licenses")["licenses"]
    got = backend.licenses()
    assert got == expected
    assert shape(got) == shape(expected)


def test_license_record_keys_follow_schema(backend):
    import json

    with open(os.path.join(ROOT, "slurmrestd_py/openapi/v0.0.38.json")) as f:
        schema = json.load(f)["components"]["schemas"]["v0.0.38_license"]["properties"]
    types = {"string": str, "integer": int, "boolean": bool}
    for lic in backend.licenses():
        assert list(lic) == list(schema)
        for key, value in lic.items():
            assert type(value) is types[schema[key]["type"]], key


def test_diag(backend):
    expected = ref("diag")["statistics"]
    got = backend.diag()

    assert list(got) == list(expected)  # same keys, same order
    for key, value in expected.items():
        assert type(got[key]) is type(value), key
        if key not in DIAG_MOVING:
            assert got[key] == value, key

    # Moving values only move forward (we asked after the reference did).
    assert got["req_time"] >= expected["req_time"]
    assert got["schedule_cycle_total"] >= expected["schedule_cycle_total"]
    assert got["bf_cycle_counter"] >= expected["bf_cycle_counter"]

    for listed, ident, name in (("rpcs_by_message_type", "type_id", "message_type"),
                                ("rpcs_by_user", "user_id", "user")):
        theirs = {r[ident]: r for r in expected[listed]}
        ours = {r[ident]: r for r in got[listed]}
        assert set(theirs) <= set(ours), listed
        for ident_value, record in theirs.items():
            mine = ours[ident_value]
            assert list(mine) == list(record), listed
            assert shape(mine) == shape(record), listed
            assert mine[name] == record[name], (listed, ident_value)
            assert mine["count"] >= record["count"]
            assert mine["total_time"] >= record["total_time"]
            assert mine["average_time"] == mine["total_time"] // mine["count"]


def test_diag_rpc_names_cover_every_reference_name():
    from slurmrestd_py.slurm._rpc_names import RPC_NAMES

    for record in ref("diag")["statistics"]["rpcs_by_message_type"]:
        assert RPC_NAMES.get(record["type_id"], str(record["type_id"])) == record["message_type"]


def test_check_raises_slurm_error(backend):
    from slurmrestd_py.errors import SlurmError
    from slurmrestd_py.slurm._lib import check

    assert check(0, "noop") == 0
    with pytest.raises(SlurmError) as info:
        check(-1, "slurm_get_statistics", "request failed")
    err = info.value
    assert err.entry() == {"description": "request failed", "error_number": -1,
                           "error": "Unspecified error", "source": "slurm_get_statistics"}
    assert err.status == 500
