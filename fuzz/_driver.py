"""Runs a fuzz target: under atheris (libFuzzer, coverage-guided) when it is installed, else under a
plain-Python mutation driver that takes the same command line, so every target runs anywhere:

    python fuzz/media.py fuzz/corpus/media -runs=100000
    python fuzz/media.py --plain fuzz/corpus/media -runs=2000 -seed=7   # force the plain driver
    python fuzz/media.py crash-0123abcd                                  # replay one input

A target is a module with `check(data: bytes)` that returns normally for every input and raises
(an AssertionError, or whatever escaped the code under test) when an invariant breaks.
"""
import contextlib
import hashlib
import os
import random
import resource
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def _atheris_wanted(argv):
    if "--plain" in argv:
        return None
    try:
        import atheris
    except ImportError:
        return None
    return atheris


def instrumented(name):
    """Context for the target's imports: atheris instruments them when it will drive the target."""
    if name == "__main__":
        # The package Python finds ($PYTHONPATH's, else the installed one), as the tests import it;
        # the checkout this file sits in only when there is neither (it needs its compiled module).
        sys.path.append(ROOT)
        atheris = _atheris_wanted(sys.argv)
        if atheris is not None:
            return atheris.instrument_imports()
    return contextlib.nullcontext()


def main(check, argv=None):
    argv = list(sys.argv if argv is None else argv)
    atheris = _atheris_wanted(argv)
    if atheris is not None:
        atheris.Setup(argv, check)
        atheris.Fuzz()
        return 0
    return plain(check, [a for a in argv[1:] if a != "--plain"])


# -- the plain driver -------------------------------------------------------------------------
class InputTimeout(BaseException):
    """One input ran past -timeout (a BaseException: the code under test must not swallow it)."""


def _options(args):
    opts = {"runs": 10000, "seed": None, "max_total_time": 0, "max_len": 4096, "timeout": 10,
            "rss_limit_mb": 2048, "dict": None, "artifact_prefix": "./"}
    paths = []
    for a in args:
        if a.startswith("-") and "=" in a:
            name, _, value = a.lstrip("-").partition("=")
            if name in opts:
                opts[name] = value if name in ("dict", "artifact_prefix") else int(value)
            # other libFuzzer flags (-jobs, -workers ...) mean nothing here
        else:
            paths.append(a)
    return opts, paths


def _inputs(paths):
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                full = os.path.join(path, name)
                if os.path.isfile(full):
                    with open(full, "rb") as f:
                        yield full, f.read()
        elif os.path.isfile(path):
            with open(path, "rb") as f:
                yield path, f.read()


def read_dict(path):
    """libFuzzer dictionary entries: lines `name="value"` (or `"value"`) with \\xNN and \\" escapes."""
    tokens = []
    with open(path, "rb") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith(b"#") or b'"' not in line:
                continue
            body = line[line.index(b'"') + 1:line.rindex(b'"')]
            tokens.append(body.decode("unicode_escape").encode("latin-1"))
    return tokens


_INTERESTING = [b"0", b"-1", b"1e999", b"-1e999", b"NaN", b"Infinity", b"9" * 30, b"4294967295",
                b"4294967296", b"2147483647", b"9223372036854775808", b"0x" + b"f" * 40, b"\xff",
                b"\xc3", b"\xed\xa0\x80", b"\x00", b"\r\n", b"\r\n\r\n", b"\\ud800", b"[" * 80,
                b"&a", b"*a", b"!!python/object:os.system", b"ffffffffffffffffffff\r\n"]


def mutate(rng, data, corpus, tokens, max_len):
    """A few of libFuzzer's mutations: bit flips, byte sets, inserts, erases, copies, tokens, splices."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        op = rng.randrange(8)
        pos = rng.randint(0, len(buf))
        if op == 0 and buf:
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1 and buf:
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        elif op == 2:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 3 and buf:
            end = min(len(buf), pos + rng.randint(1, 16))
            del buf[pos:end]
        elif op == 4 and buf:
            start = rng.randrange(len(buf))
            piece = buf[start:start + rng.randint(1, 32)]
            buf[pos:pos] = piece * rng.randint(1, 4)
        elif op == 5:
            buf[pos:pos] = rng.choice(tokens or _INTERESTING)
        elif op == 6:
            buf[pos:pos] = rng.choice(_INTERESTING)
        elif op == 7 and corpus:
            other = rng.choice(corpus)
            cut = rng.randint(0, len(other))
            buf = buf[:pos] + bytearray(other[cut:])
    return bytes(buf[:max_len])


def plain(check, args, out=None):
    """Replay the corpus, then run `-runs` mutated inputs. Returns 0, or raises on the first failure
    after writing it to `<artifact_prefix>crash-<sha1>`."""
    out = out or sys.stderr
    opts, paths = _options(args)
    tokens = read_dict(opts["dict"]) if opts["dict"] else []
    seed = opts["seed"] if opts["seed"] is not None else int.from_bytes(os.urandom(4), "little")
    rng = random.Random(seed)
    seeds = list(_inputs(paths))
    corpus = [data for _, data in seeds] or [b""]
    started = time.monotonic()
    signal.signal(signal.SIGALRM, _on_alarm)
    executed = slowest = 0.0
    replay_only = paths and all(os.path.isfile(p) for p in paths)
    planned = 0 if replay_only else opts["runs"]

    def run(data):
        nonlocal slowest
        t0 = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, opts["timeout"])
        try:
            check(data)
        except BaseException:
            _save(opts["artifact_prefix"], data, out)
            raise
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        slowest = max(slowest, time.monotonic() - t0)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if rss_mb > opts["rss_limit_mb"]:
            _save(opts["artifact_prefix"], data, out)
            raise MemoryError(f"rss {rss_mb:.0f} MB over -rss_limit_mb={opts['rss_limit_mb']}")

    for _, data in seeds:
        run(data)
        executed += 1
    i = 0
    while planned < 0 or i < planned:
        if opts["max_total_time"] and time.monotonic() - started > opts["max_total_time"]:
            break
        run(mutate(rng, rng.choice(corpus), corpus, tokens, opts["max_len"]))
        executed += 1
        i += 1
    out.write(f"plain driver: seed {seed}, {len(seeds)} corpus inputs, {int(executed)} runs in "
              f"{time.monotonic() - started:.1f} s, slowest {slowest * 1000:.0f} ms, "
              f"max rss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB\n")
    return 0


def _on_alarm(signum, frame):
    raise InputTimeout("input ran past -timeout")


def _save(prefix, data, out):
    path = f"{prefix}crash-{hashlib.sha1(data).hexdigest()}"
    try:
        with open(path, "wb") as f:
            f.write(data)
        out.write(f"plain driver: failing input written to {path}\n")
    except OSError:
        pass
    out.write(f"plain driver: failing input {data[:4000]!r}\n")
