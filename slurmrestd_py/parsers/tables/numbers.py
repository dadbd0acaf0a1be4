"""Types of the v0.0.4x family beyond the catalogue's: overloads that read one C field several ways."""
from ..types import INT32, NO_VAL, UINT64_NO_VAL, Flags, NoVal, Scalar, const

TIMESTAMP_NO_VAL = UINT64_NO_VAL
UINT32 = INT32
UINT16 = INT32


def _int64_or_null(value):
    # uint64_t: NO_VAL64 and INFINITE64 are null, anything else an int64
    if value >= 0xFFFFFFFFFFFFFFFE:
        return None
    return value - (1 << 64) if value >= (1 << 63) else value


UINT64 = Scalar({"type": "integer", "format": "int64"}, _int64_or_null)


class Derived(Scalar):
    """A value computed from the field before another type dumps it (overloads of one C field)."""

    def __init__(self, convert, inner):
        self._f, self.inner = convert, inner
        self.name = None

    def dump(self, value):
        return self.inner.dump(self._f(value))

    def ref(self, schemas, description=None):
        return self.inner.ref(schemas, description)


def _mem(per_cpu):
    """MEM_PER_CPUS / MEM_PER_NODE: a memory limit's MEM_PER_CPU bit says which it is; the other
    reads as NO_VAL64."""
    def get(value):
        bit = const("MEM_PER_CPU")
        if bool(value & bit) != per_cpu:
            return const("NO_VAL64")
        return value & ~bit if per_cpu else value
    return get


MEM_PER_CPUS = Derived(_mem(True), UINT64_NO_VAL)
MEM_PER_NODE = Derived(_mem(False), UINT64_NO_VAL)

SHOW_FLAGS = Flags("job_show_flags", [
    ("ALL", "SHOW_ALL"), ("DETAIL", "SHOW_DETAIL"), ("MIXED", "SHOW_MIXED"), ("LOCAL", "SHOW_LOCAL"),
    ("SIBLING", "SHOW_SIBLING"), ("FEDERATION", "SHOW_FEDERATION"), ("FUTURE", "SHOW_FUTURE")])


class Removed(Scalar):
    """A field a version still lists but Slurm no longer has: the reference writes `{}`, and
    describes it as the type it was."""

    def __init__(self, inner):
        self.inner, self.name = inner, None

    def dump(self, value):
        return {}

    def ref(self, schemas, description=None):
        return self.inner.ref(schemas, description)


class TimestampNoVal(NoVal):
    """TIMESTAMP_NO_VAL of request bodies (a time_t, written as UINT64_NO_VAL): a number, a time
    string Slurm's parse_time() reads, null (NO_VAL64), or {set, infinite, number}."""

    def __init__(self):
        super().__init__(64, "uint64_no_val")

    def parse(self, value, at, report):
        import math

        from .. import parsing as p

        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return NO_VAL[64]
        if isinstance(value, float):
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str):
            n = p.to_int(value)
            if n is not None:
                return n
            from ...api.option_values import parse_time

            t = parse_time(value)
            if not t:
                report.fail(at, p.CONVERSION_FAILED, f"Parsing of {value} for timestamp failed")
            return t
        return super().parse(value, at, report)


TIMESTAMP_IN = TimestampNoVal()
