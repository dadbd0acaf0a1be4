"""Shared by the randomised tests: their one seed, hypothesis settings for CI, and the fuzz/ targets.

Every randomised test draws from SEED, so a run is reproducible: a fixed seed unless FUZZ_SEED says
otherwise (FUZZ_SEED=N replays a run, FUZZ_SEED=random explores with a fresh seed). Tests marked
`randomised` get the seed and the command that replays them in their failure report (conftest.py).
"""
import importlib.util
import os
from datetime import timedelta

from hypothesis import HealthCheck, seed, settings

DEFAULT_SEED = 20261130
_SEED = os.environ.get("FUZZ_SEED", "").strip()
# libFuzzer reads -seed=0 as "pick one": keep the seed positive.
SEED = int.from_bytes(os.urandom(4), "little") | 1 if _SEED == "random" else int(_SEED or DEFAULT_SEED)


def replay(test_name):
    return f"randomised with seed {SEED}; replay: FUZZ_SEED={SEED} scripts/test -k {test_name}"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUZZ = os.path.join(ROOT, "fuzz")
# FUZZ_EXAMPLES=5000 for a longer local run; CI's few hundred keep each file to seconds.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
_SETTINGS = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=2), database=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def CI(test):
    """A hypothesis test's settings for CI, drawing from SEED."""
    return seed(SEED)(_SETTINGS(test))


def target(name):
    """fuzz/<name>.py as a module (its `check(data)` is the invariant)."""
    spec = importlib.util.spec_from_file_location(f"fuzz_target_{name}", os.path.join(FUZZ, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus(name):
    folder = os.path.join(FUZZ, "corpus", name)
    return [os.path.join(folder, f) for f in sorted(os.listdir(folder))]
