"""slurmdb GET tres in the parser versions, against the release's reference."""
import pytest

from parsed import VERSIONS, assert_same, ours, served


@pytest.mark.parametrize("version", VERSIONS)
def test_tres(version):
    served(version)
    doc = assert_same("GET", f"/slurmdb/{version}/tres")
    assert {"cpu", "mem", "node"} <= {t["type"] for t in doc["TRES"]}


@pytest.mark.parametrize("version", VERSIONS)
def test_same_facts_as_dbv0_0_38(version):
    status, _, old = ours("GET", "/slurmdb/v0.0.38/tres")
    assert status == 200, old
    status, _, new = ours("GET", f"/slurmdb/{version}/tres")
    assert status == 200, new
    assert [{**t, "name": t["name"] or ""} for t in old["TRES"]] == new["TRES"]  # v0.0.38: null names


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("body", [{"TRES": [{"type": "license", "name": "dbc-lic", "count": 5}]}, {"TRES": []}, {}])
def test_post_tres_refused(version, body):
    """The reference refuses every TRES update (its release builds); nothing is added."""
    import subprocess

    served(version)
    assert_same("POST", f"/slurmdb/{version}/tres/", body)
    listed = subprocess.run(["sacctmgr", "-n", "-P", "show", "tres", "format=name"], capture_output=True, text=True)
    assert "dbc-lic" not in listed.stdout.split()
