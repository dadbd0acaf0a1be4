"""Types of the v0.0.4x family beyond the catalogue's: overloads that read one C field several ways."""
from ..types import (FLOAT, FLOAT64_NO_VAL, INT32, NO_VAL, UINT32_NO_VAL, UINT64_AS_INT64, UINT64_NO_VAL, Flags, NoVal,
                     PerVersion, Scalar, const)
from . import V39

# a time_t: {set, infinite, number} from v0.0.40 on; v0.0.39 writes the plain number
TIMESTAMP_NO_VAL = PerVersion(UINT64_NO_VAL, V39, UINT64_AS_INT64)
UINT32 = INT32
UINT16 = INT32
# numbers v0.0.39 wrote with flags and v0.0.40 on plainly (a node's cpu_load, a QOS' grace_time), and
# the other way round (a QOS' limit factor)
UINT32_NO_VAL_IN_V39 = PerVersion(UINT32, V39, UINT32_NO_VAL)
FLOAT64_NO_VAL_FROM_V40 = PerVersion(FLOAT64_NO_VAL, V39, FLOAT)


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


class _MemoryLimit(Derived):
    """A partition's memory limit (def_mem_per_cpu, max_mem_per_cpu): dumped per CPU or per node;
    a body's value parsed as a job description's (POST partitions/, v0.0.45)."""

    def __init__(self, per_cpu):
        super().__init__(_mem(per_cpu), UINT64_NO_VAL)
        self.per_cpu = per_cpu

    def parse(self, value, at, report):
        from .job_desc import MEM_PER_CPUS as CPUS, MEM_PER_NODE as NODE

        return (CPUS if self.per_cpu else NODE).parse(value, at, report)


MEM_PER_CPUS = _MemoryLimit(True)
MEM_PER_NODE = _MemoryLimit(False)

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
            n = p.to_int(value) if report.rules.timestamp_strings_detected else None
            if n is not None:
                return n
            from ...api.option_values import parse_time

            t = parse_time(value)
            if not t:
                report.fail(at, p.CONVERSION_FAILED, f"Parsing of {value} for timestamp failed")
            return t
        return super().parse(value, at, report)


TIMESTAMP_IN = TimestampNoVal()


def _job_state_string(state):
    from ...slurm._lib import load

    ffi, lib = load()
    return ffi.string(lib.slurm_job_state_string(state)).decode()


# v0.0.39's job state: one string, as Slurm's job_state_string() says it (a flag such as COMPLETING
# before the base state); v0.0.40 on: the list of base state and flags
JOB_STATE_STRING = Scalar({"type": "string"}, _job_state_string, unset="")


class JobExitCodeV39(Scalar):
    """v0.0.39's JOB_EXIT_CODE (slurmdb jobs and steps): a wait() status as {status, return_code
    [, signal{signal_id, name}]}; a normal exit is SUCCESS with return code 0 whatever its code,
    as its dumper has it (WIFEXITED first)."""

    def __init__(self):
        self.name, self.unset = "job_exit_code", {"status": "PENDING", "return_code": 0}

    def dump(self, value):
        import os
        import signal

        value &= 0xFFFFFFFF
        if value == 0xFFFFFFFE:  # NO_VAL
            return {"status": "PENDING", "return_code": 0}
        status = value - (1 << 32) if value >= (1 << 31) else value
        if os.WIFEXITED(status):
            return {"status": "SUCCESS", "return_code": 0}
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            return {"status": "SIGNALED", "return_code": -127,
                    "signal": {"signal_id": sig, "name": signal.strsignal(sig) or ""}}
        if os.WCOREDUMP(status):
            return {"status": "CORE_DUMPED", "return_code": -127}
        return {"status": "ERROR", "return_code": os.WEXITSTATUS(status)}

    def body(self, schemas):
        return {"type": "object", "description": "job exit details", "properties": {
            "status": {"type": "string", "description": "exit status"},
            "return_code": {"type": "integer", "format": "int32", "description": "return code (numeric)"},
            "signal": {"type": "object", "description": "signal details (if signaled)", "properties": {
                "signal_id": {"type": "integer", "format": "int32", "description": "signal number"},
                "name": {"type": "string", "description": "signal name"}}}}}


JOB_EXIT_CODE_V39 = JobExitCodeV39()
