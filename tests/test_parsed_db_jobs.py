"""slurmdb GET jobs and job/{job_id} in the parser versions, against the release's reference."""
import pytest

from parsed import VERSIONS, assert_same, ours, served

# A running job's times move between two answers; slurmdbd gives jobs still pending "now" as their start
MOVING = {"$.jobs[].time.elapsed", "$.jobs[].time.end", "$.jobs[].time.planned.number", "$.jobs[].time.start",
          "$.jobs[].steps[].time.elapsed", "$.jobs[].steps[].time.end.number",
          "$.warnings[].description"}  # "found nothing" names the connection's address


@pytest.mark.parametrize("version", VERSIONS)
def test_jobs(version):
    served(version)
    assert_same("GET", f"/slurmdb/{version}/jobs/", ignore=MOVING)


@pytest.mark.parametrize("version", VERSIONS)
def test_job(version):
    served(version)
    status, _, doc = ours("GET", f"/slurmdb/{version}/jobs/")
    assert status == 200, doc
    for job_id in sorted({j["job_id"] for j in doc["jobs"]})[:5]:
        assert_same("GET", f"/slurmdb/{version}/job/{job_id}", ignore=MOVING)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("query", ["skip_steps", "show_duplicates", "users=alice", "account=testacct",
                                   "state=COMPLETED", "job_name=dbjobs-none", "partition=debug",
                                   "scheduled_by_main", "step=1", "node=vm"])
def test_jobs_query(version, query):
    served(version)
    assert_same("GET", f"/slurmdb/{version}/jobs/?{query}", ignore=MOVING)


@pytest.mark.parametrize("version", VERSIONS)
def test_same_facts_as_dbv0_0_38(version):
    status, _, old = ours("GET", "/slurmdb/v0.0.38/jobs")
    assert status == 200, old
    status, _, new = ours("GET", f"/slurmdb/{version}/jobs/")
    assert status == 200, new
    # jobs come and go on the shared cluster: compare the ones both answers have
    both = {j["job_id"] for j in old["jobs"]} & {j["job_id"] for j in new["jobs"]}
    assert both
    facts = [(j["job_id"], j["name"], j["account"], j["user"], j["cluster"], len(j["steps"]))
             for j in old["jobs"] if j["job_id"] in both]
    assert facts == [(j["job_id"], j["name"], j["account"], j["user"], j["cluster"], len(j["steps"]))
                     for j in new["jobs"] if j["job_id"] in both]
