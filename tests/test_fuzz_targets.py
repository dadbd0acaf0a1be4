"""The fuzz/ targets as `python fuzz/x.py corpus -runs=N` runs them: a short pass of each under the
plain driver in CI, and under atheris where it is installed (fuzz/README.md has the long runs)."""
import io
import os
import subprocess
import sys

import pytest

from fuzzing import FUZZ, SEED, target

pytestmark = pytest.mark.randomised

TARGETS = ("protocol", "media", "job_desc")
RUNS = int(os.environ.get("FUZZ_RUNS", "1500"))


@pytest.mark.parametrize("name", TARGETS)
def test_plain_driver_pass(name, tmp_path):
    sys.path.insert(0, FUZZ)
    import _driver

    out = io.StringIO()
    args = [os.path.join(FUZZ, "corpus", name), f"-runs={RUNS}", "-timeout=5", f"-seed={SEED}",
            f"-artifact_prefix={tmp_path}/"]
    try:
        assert _driver.plain(target(name).check, args, out) == 0
    finally:
        sys.stderr.write(out.getvalue())  # the seed, and a failing input, for the report
    assert f"{RUNS + len(os.listdir(args[0]))} runs" in out.getvalue()


def test_plain_driver_reports_a_failure(tmp_path):
    sys.path.insert(0, FUZZ)
    import _driver

    def check(data):
        assert b"x" not in data

    (tmp_path / "seed").write_bytes(b"x")
    with pytest.raises(AssertionError):
        _driver.plain(check, [str(tmp_path / "seed"), f"-artifact_prefix={tmp_path}/"], io.StringIO())
    assert [p.name for p in tmp_path.glob("crash-*")] == ["crash-11f6ad8ec52a2984abaafd7c3b516503785c2072"]


@pytest.mark.parametrize("name", TARGETS)
def test_under_atheris(name, tmp_path):
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in os.listdir(os.path.join(FUZZ, "corpus", name)):
        (corpus / f).write_bytes(open(os.path.join(FUZZ, "corpus", name, f), "rb").read())
    proc = subprocess.run([sys.executable, "-W", "ignore", os.path.join(FUZZ, f"{name}.py"), str(corpus),
                           "-runs=3000", "-timeout=10", "-rss_limit_mb=2048", f"-seed={SEED}",
                           f"-artifact_prefix={tmp_path}/"],
                          capture_output=True, text=True, timeout=300, cwd="/")
    # no PYTHONPATH of ours: the package under test is the installed one (a clone has no compiled
    # module, and a handler that loads libslurm must find it), or $PYTHONPATH's while developing
    # atheris prints an uncaught exception's traceback on stdout; stderr only has libFuzzer's
    # "fuzz target exited"
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Done 3000 runs" in proc.stderr


def test_targets_import_the_package_under_test():
    """`python fuzz/x.py` imports the slurmrestd_py these tests import ($PYTHONPATH's, else the
    installed one), not a checkout without its compiled module shadowing it."""
    import slurmrestd_py

    code = (f"import sys; sys.argv = ['target', '--plain']; sys.path.insert(0, {FUZZ!r})\n"
            "import _driver\n"
            "with _driver.instrumented('__main__'):\n"
            "    import slurmrestd_py\n"
            "print(slurmrestd_py.__file__)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd="/", check=True)
    assert proc.stdout.strip() == slurmrestd_py.__file__
