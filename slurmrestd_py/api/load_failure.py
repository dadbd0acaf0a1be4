"""A version that reports any failed list load under one code of its own (v0.0.36: a nodes or
partitions handler with no list says "invalid name", whatever failed)."""
from contextlib import contextmanager

from ..errors import HandlerError


@contextmanager
def load_failure(ctx, kind):
    """Around a load of `kind` records: the version's `load_failure_codes[kind]`, if it has one,
    replaces a failure's own code, as {"error": slurm_strerror(code), "errno": code}."""
    try:
        yield
    except HandlerError:
        code = (ctx.plugin.rule("load_failure_codes") or {}).get(kind)
        if code is None:
            raise
        from ..slurm._lib import strerror

        raise HandlerError(code, [{"error": strerror(code), "errno": code}]) from None
