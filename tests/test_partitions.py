"""GET /partitions and /partition/{name} against the reference: scripts/local-cluster's partitions
(default, many options, hidden and inactive), one created here with more options, errors, update_time."""
import pytest

from differential import assert_same, both, scontrol

NAME = "pytest-partitions"


@pytest.fixture(scope="module")
def extra_partition():
    """A DOWN partition on a FUTURE node: memory per node/CPU, billing weights, preemption, ..."""
    scontrol("create", f"partitionname={NAME}", "nodes=fakefut1", "state=down", "OverTimeLimit=5",
             "MaxMemPerCPU=50", "DefMemPerNode=500", "TRESBillingWeights=CPU=1.0,Mem=0.25G", "ReqResv=YES",
             "DisableRootJobs=YES", "PreemptMode=REQUEUE", "DenyQos=normal", "GraceTime=7",
             "MaxNodes=UNLIMITED", "DefaultTime=UNLIMITED", "AllocNodes=fakedown1")
    try:
        yield NAME
    finally:
        scontrol("delete", f"partitionname={NAME}", check=False)


def test_all_partitions(extra_partition):
    body = assert_same("partitions")
    parts = {p["name"]: p for p in body["partitions"]}
    assert {"debug", "fakepart", "fakehidden", NAME} <= parts.keys()
    # The reference's quirks: INFINITE default time is printed raw, its key has spaces.
    assert parts[NAME]["default_time_limit"] == 0xFFFFFFFF
    assert "min nodes per job" in parts[NAME]


@pytest.mark.parametrize("name", ["debug", "fakepart", "fakehidden", "FAKEPART", NAME])
def test_one_partition(extra_partition, name):
    body = assert_same(f"partition/{name}")
    assert len(body["partitions"]) == 1


@pytest.mark.parametrize("path", [
    "partition/nosuch",
    "partitions?update_time=abc",
    "partitions?update_time=",
    "partition/debug?update_time=abc",  # parsed for one partition too
    "partitions?update_time=1",
    "partitions?update_time=99999999999",
    "partition/debug?update_time=99999999999",
])
def test_odd_requests(path):
    assert_same(path)


def test_unchanged_since_is_304():
    (rs, _, rb), (os_, _, ob) = both("partitions?update_time=99999999999")
    assert rs == os_ == 304 and rb is ob is None
