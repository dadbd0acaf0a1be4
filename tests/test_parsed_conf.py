"""GET /slurmdb/v0.0.45/conf (new in 26.05): slurmdbd's configuration, against 26.05's reference
as a plain user and as an Administrator, and the facts `sacctmgr show config` gives of it."""
import os
import re
import subprocess

import pytest

from db_admin import administrator
from parsed import assert_same, ours, reference_serves

ADMIN = "v45dbadm"


def _served(version):
    if not reference_serves(version):
        pytest.skip(f"this release's slurmrestd does not serve {version}: see the *_same_facts_* tests")


@pytest.mark.parametrize("user", ["alice", ADMIN])
def test_slurmdbd_conf(user):
    _served("v0.0.45")
    with administrator(ADMIN):
        assert_same("GET", "/slurmdb/v0.0.45/conf", user=user)


def _sacctmgr_config():
    out = subprocess.run(["sacctmgr", "show", "config"], capture_output=True, text=True, env={**os.environ}).stdout
    out = out[out.find("SlurmDBD configuration:"):]
    return dict(m.groups() for m in re.finditer(r"^(\w+)\s+= (.*)$", out, re.M))


def test_slurmdbd_conf_same_facts_as_sacctmgr():
    """Our answer carries what `sacctmgr show config` says of slurmdbd (26.05); releases before
    it answer key pairs slurmrestd-py does not read: an error, no document (README)."""
    status, _, doc = ours("GET", "/slurmdb/v0.0.45/conf")
    if not reference_serves("v0.0.45"):
        assert status == 422 and doc["errors"][0]["source"] == "_dump_conf" and "slurmdbd_conf" not in doc, doc
        return
    assert status == 200 and not doc["errors"], doc
    conf, facts = doc["slurmdbd_conf"], _sacctmgr_config()
    for key in ("ArchiveDir", "DbdAddr", "DbdHost", "LogFile", "PidFile", "DebugLevel", "MaxQueryTimeRange"):
        assert conf[key] == facts[key], (key, conf[key], facts[key])
    assert conf["DbdPort"] == int(facts["DbdPort"])
    assert conf["TrackWCKey"] == (facts["TrackWCKey"].lower() == "yes")
    assert conf["PurgeJobAfter"]["set"] == (facts["PurgeJobAfter"] != "NONE")
