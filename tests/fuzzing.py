"""Shared by the tests/test_fuzz_*.py files: hypothesis settings for CI, and the fuzz/ targets."""
import importlib.util
import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUZZ = os.path.join(ROOT, "fuzz")
# FUZZ_EXAMPLES=5000 for a longer local run; CI's few hundred keep each file to seconds.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
CI = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=2), database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def target(name):
    """fuzz/<name>.py as a module (its `check(data)` is the invariant)."""
    spec = importlib.util.spec_from_file_location(f"fuzz_target_{name}", os.path.join(FUZZ, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus(name):
    folder = os.path.join(FUZZ, "corpus", name)
    return [os.path.join(folder, f) for f in sorted(os.listdir(folder))]
