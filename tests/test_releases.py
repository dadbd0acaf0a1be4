"""What every Slurm release we run on answers (the portable tests run this on 22.05, 24.11 and 26.05):
the v0.0.36-v0.0.38 reads that need no per-version data, as alice through rest_auth/local, each a
200 with no errors and meta.Slurm saying the release libslurm really is."""
import pytest

from service import ours, slurm_release

pytestmark = pytest.mark.portable

PATHS = ["/slurm/v0.0.38/ping", "/slurm/v0.0.38/diag", "/slurm/v0.0.38/licenses", "/slurm/v0.0.37/ping",
         "/slurm/v0.0.36/diag", "/slurm/v0.0.38/jobs", "/slurm/v0.0.38/partitions",
         "/slurm/v0.0.38/reservations", "/slurmdb/v0.0.38/accounts"]



@pytest.mark.parametrize("path", PATHS)
def test_answers_on_this_release(path):
    status, _, body = ours("GET", path)
    assert status == 200 and body["errors"] == [], body
    major, minor, micro = (int(n) for n in slurm_release().split("."))
    assert body["meta"]["Slurm"] == {"version": {"major": major, "micro": micro, "minor": minor},
                                     "release": f"{major:02d}.{minor:02d}.{micro}"}


def test_the_openapi_document():
    status, _, body = ours("GET", "/openapi/v3")
    assert status == 200 and "/slurm/v0.0.38/ping" in body["paths"]
