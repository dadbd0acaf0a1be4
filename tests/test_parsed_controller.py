"""GET ping, diag, licenses and reconfigure in the parser versions (v0.0.40 on), against the
reference of the release under test, field for field; on a release whose reference serves none of
them, the same facts as v0.0.38."""
import pytest

from parsed import VERSIONS, assert_same, ours, served

# diag's counters move between two calls (every request is an RPC): their keys are compared, not them
_COUNTERS = ("server_thread_count", "agent_queue_size", "agent_count", "agent_thread_count", "dbd_agent_queue_size",
             "schedule_cycle_max", "schedule_cycle_last", "schedule_cycle_sum", "schedule_cycle_total",
             "schedule_cycle_mean", "schedule_cycle_mean_depth", "schedule_cycle_per_minute", "schedule_cycle_depth",
             "schedule_queue_length", "jobs_submitted", "jobs_started", "jobs_completed", "jobs_canceled",
             "jobs_failed", "jobs_pending", "jobs_running", "bf_backfilled_jobs", "bf_last_backfilled_jobs",
             "bf_backfilled_het_jobs", "bf_cycle_counter", "bf_cycle_mean", "bf_depth_mean", "bf_depth_mean_try",
             "bf_cycle_sum", "bf_cycle_last", "bf_cycle_max", "bf_last_depth", "bf_last_depth_try", "bf_depth_sum",
             "bf_depth_try_sum", "bf_queue_len", "bf_queue_len_mean", "bf_queue_len_sum", "bf_table_size",
             "bf_table_size_sum", "bf_table_size_mean", "bf_active")
_TIMES = ("req_time", "job_states_ts", "bf_when_last_cycle")


def _keys(doc, path=""):
    """Every key path of a document, list items by position-free paths, values left out."""
    if isinstance(doc, dict):
        return {p for k, v in doc.items() for p in {f"{path}.{k}"} | _keys(v, f"{path}.{k}")}
    if isinstance(doc, list):
        return {p for v in doc for p in _keys(v, f"{path}[]")}
    return set()


@pytest.mark.parametrize("version", VERSIONS)
def test_ping(version):
    served(version)
    doc = assert_same("GET", f"/slurm/{version}/ping/", ignore={"$.pings[].latency"})
    assert doc["pings"] and doc["pings"][0].get("pinged", "UP") == "UP" and doc["pings"][0].get("responding", True)


@pytest.mark.parametrize("version", VERSIONS)
def test_licenses(version):
    """No licenses are configured: an empty list and the reference's warning."""
    served(version)
    assert_same("GET", f"/slurm/{version}/licenses/")


@pytest.mark.parametrize("version", VERSIONS)
def test_reconfigure_refused(version):
    """A plain user may not reconfigure: the reference's error (slurmrestd refuses to run as
    root or SlurmUser, so the allowed case has no reference to compare with)."""
    served(version)
    assert_same("GET", f"/slurm/{version}/reconfigure/")


@pytest.mark.parametrize("version", VERSIONS)
def test_diag(version):
    """Values that are not counters compared; every key, in order, everywhere (RPC lists' items
    too, whose counts move)."""
    from reference import reference

    served(version)
    stats = "$.statistics."
    ignore = {stats + k for k in _COUNTERS} | {f"{stats}{k}.number" for k in _TIMES}
    ignore |= {stats + k for k in ("rpcs_by_message_type", "rpcs_by_user", "pending_rpcs",
                                   "pending_rpcs_by_hostlist", "schedule_exit", "bf_exit")}
    doc = assert_same("GET", f"/slurm/{version}/diag/", ignore=ignore)
    status, _, ref = reference("GET", f"/slurm/{version}/diag/")
    assert status == 200
    assert _keys(ref) == _keys(doc)
    # the lists' items: same keys in the same order, and the RPC names of the ids both know
    for key in ("rpcs_by_message_type", "rpcs_by_user"):
        mine, theirs = doc["statistics"][key], ref["statistics"][key]
        assert [list(i) for i in mine[:1]] == [list(i) for i in theirs[:1]]
    names = lambda d: {r["type_id"]: r["message_type"] for r in d["statistics"]["rpcs_by_message_type"]}  # noqa
    both = names(doc).keys() & names(ref).keys()
    assert both and {i: names(doc)[i] for i in both} == {i: names(ref)[i] for i in both}
    users = lambda d: {r["user_id"]: r["user"] for r in d["statistics"]["rpcs_by_user"]}  # noqa
    assert {i: users(doc)[i] for i in users(doc).keys() & users(ref).keys()} == \
           {i: users(ref)[i] for i in users(doc).keys() & users(ref).keys()}
    for key in ("schedule_exit", "bf_exit"):
        assert list(doc["statistics"][key]) == list(ref["statistics"][key])


@pytest.mark.parametrize("version", VERSIONS)
def test_same_facts_as_v0_0_38(version):
    """Our v0.0.4x answers say what our v0.0.38 ones say (on a release with no v0.0.4x reference)."""
    status, _, old = ours("GET", "/slurm/v0.0.38/ping")
    assert status == 200, old
    status, _, new = ours("GET", f"/slurm/{version}/ping/")
    assert status == 200, new
    if version < "v0.0.45":
        assert [(p["hostname"], p["ping"], p["mode"]) for p in old["pings"]] == \
               [(p["hostname"], p["pinged"], p["mode"]) for p in new["pings"]]
    else:  # v0.0.45 says "responding" and the ping's error, no longer "pinged" or "mode"
        assert [(p["hostname"], p["ping"] == "UP", p["mode"] == "primary") for p in old["pings"]] == \
               [(p["hostname"], p["responding"], p["primary"]) for p in new["pings"]]
        assert all(p["status"] == "No error" for p in new["pings"] if p["responding"])
    status, _, old = ours("GET", "/slurm/v0.0.38/licenses")
    status2, _, new = ours("GET", f"/slurm/{version}/licenses/")
    assert status == status2 == 200
    assert [lic["LicenseName"] for lic in old["licenses"]] == [lic["LicenseName"] for lic in new["licenses"]]
    status, _, old = ours("GET", "/slurm/v0.0.38/diag")
    status2, _, new = ours("GET", f"/slurm/{version}/diag/")
    assert status == status2 == 200, new
    o, n = old["statistics"], new["statistics"]
    assert n.get("parts_packed", o["parts_packed"]) == o["parts_packed"]  # gone in v0.0.45
    assert n["req_time_start"]["number"] == o["req_time_start"]
    assert n["gettimeofday_latency"] == o["gettimeofday_latency"]
    assert {r["type_id"] for r in n["rpcs_by_message_type"]} >= {r["type_id"] for r in o["rpcs_by_message_type"]}
