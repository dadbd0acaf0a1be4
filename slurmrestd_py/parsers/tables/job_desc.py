"""Job descriptions (job_desc_msg_t) as the v0.0.4x family reads them: POST job/submit's
`job` and `jobs[]`, POST job/{job_id}. The parse side of the catalogue's types, in the
reference's table order (which is the order of its warnings).

Rows: (key, C field, type, description[, versions]). A row whose C field is None is read by its
type into several fields (environment -> environment + env_size, cpu_frequency -> cpu_freq_min/
max/gov), or with the fields read so far (`parse_into`: distribution, step_id). Rows the reference
reads that we did not read yet were refused with an error of ours rather than ignored: a job that
silently lost an option is worse than a refused one; every field is read now (`flags` into bitflags
by the version's job flag list; `crontab` skipped with the reference's own warning, as every
release's parser skips it). A flag name the version knows but the release has no bit for (its
release layer's 0: STEPMGR_ENABLED on 22.05, EXTERNAL_JOB and later before 26.05) is refused
(ESLURM_NOT_SUPPORTED) rather than dropped. So is a field the
release's job_desc_msg_t lacks (slurm/jobs.py: ESLURM_NOT_SUPPORTED; resv_port_cnt on 22.05,
container_type, mem_update_* and step_id before 26.05), and one whose slurmctld would be hurt by
it (extra on 22.05, whose slurmctld frees the request's string twice: not declared there).
Removed rows (power_flags) are known keys skipped without a word, as the reference skips them.
"""
from ..parsing import (
    CONVERSION_FAILED,
    EXPECT_DICT,
    EXPECT_LIST,
    EXPECT_STRING,
    EXPECTED_DICT,
    EXPECTED_LIST,
    PATH_NOT_FOUND,
    Failed,
    check,
    child,
    item,
    slurm_type,
    to_string,
)
from ..types import (
    BOOL,
    INFINITE,
    INT32,
    INT64,
    REQUIRED,
    NO_VAL,
    STRING,
    UINT16_NO_VAL,
    UINT32_NO_VAL,
    UINT64_NO_VAL,
    Flags,
    List,
    Type,
    parse_no_val64,
    table,
)
from . import UNTIL_V41, V39, V40, V40_ON, V40_ONLY, V41, V41_ON, V42, V42_ON, V43, V44, V44_ON, V45
from .controller import HOSTLIST_STRING
from .jobs import (ACCT_GATHER_PROFILE, CSV_STRING, EMPTY_FLAGS, JOB_EXCLUSIVE, JOB_FLAGS, JOB_FLAGS_V39,
                   JOB_FLAGS_V40, JOB_FLAGS_V43, JOB_FLAGS_V44, JOB_FLAGS_V45,
                   JOB_MAIL_FLAGS, JOB_SHARED, JOB_STATE, JOB_STATE_V44, POWER_FLAGS_V40)
from .meta import STRING_ARRAY
from .numbers import UINT16, UINT32


class _Described(Type):
    """A parse-side type described in the document as `doc` describes itself (the schema the
    reference's parser of the field has)."""

    doc = None

    def ref(self, schemas, description=None):
        return self.doc.ref(schemas, description)


class _Width(_Described):
    """UINT16 / UINT32 of the parse side: the catalogue's integer read into `bits` bits."""

    def __init__(self, inner, bits):
        self.inner, self.bits, self.doc = inner, bits, inner

    def parse(self, value, at, report):
        return self.inner.parse(value, at, report, bits=self.bits)


class _Deprecated(_Described):
    """A field the version still reads but documents as deprecated."""

    def __init__(self, inner):
        self.inner, self.doc = inner, inner

    def parse(self, value, at, report):
        return self.inner.parse(value, at, report)

    def ref(self, schemas, description=None):
        return {**self.inner.ref(schemas, description), "deprecated": True}


P_UINT16, P_UINT32 = _Width(UINT16, 16), _Width(UINT32, 32)


class _Environment(_Described):
    doc = STRING_ARRAY

    """A list of "NAME=value" strings -> environment and env_size."""

    def parse(self, value, at, report):
        check(EXPECT_LIST, value, at, report)
        if value is None:
            return {}
        if isinstance(value, dict):  # converted to a list of NAME=value
            value = [f"{k}={to_string(v) or ''}" for k, v in value.items()]
        if not isinstance(value, list):
            report.fail(at, EXPECTED_LIST, f"expected a list of strings but got {report.shown(value)}")
        items = [to_string(v) for v in value]
        if any(v is None for v in items):
            report.silent()
        return {"environment": items, "env_size": len(items)}


class _Argv(_Described):
    doc = STRING_ARRAY

    def parse(self, value, at, report):
        check(EXPECT_LIST, value, at, report)
        if value is None:
            return {}
        if not isinstance(value, list):
            report.fail(at, EXPECTED_LIST, f"expected a list of strings but got {report.shown(value)}")
        items = [to_string(v) for v in value]
        if any(v is None for v in items):
            report.silent()
        return {"argv": items, "argc": len(items)}


class _Nodes(_Described):
    doc = STRING

    """"N" or "MIN-MAX" (or [min, max]) -> min_nodes, max_nodes."""

    def parse(self, value, at, report):
        if value is None:
            return {}
        if isinstance(value, list):
            if not 1 <= len(value) <= 2:
                report.fail(at, CONVERSION_FAILED, "Node count in format of a list must have a cardinality of 2 or 1")
            from ..parsing import to_int
            numbers = [to_int(v) for v in value]
            for n, v, what in zip(numbers, value, ("Minimum", "Maximum") if len(value) == 2 else ("Maximum",)):
                if n is None:
                    report.fail(at, CONVERSION_FAILED, f"{what} nodes must be an integer instead of {slurm_type(v)}")
            return {"min_nodes": numbers[0], "max_nodes": numbers[-1]} if len(numbers) == 2 else \
                {"max_nodes": numbers[0]}
        spec = to_string(value)
        low, _, high = (spec or "").partition("-")
        try:
            lo = int(low)
            hi = int(high) if high else lo
        except ValueError:
            report.fail(at, CONVERSION_FAILED, f"Invalid node count specification: {spec}")
        return {"min_nodes": lo, "max_nodes": hi}


class _Memory(_Described):
    """MEM_PER_CPUS / MEM_PER_NODE: megabytes (a number, a string with units, a number with
    flags) -> pn_min_memory, MEM_PER_CPU set for per CPU; infinite is 0."""

    doc = UINT64_NO_VAL

    def __init__(self, per_cpu):
        self.per_cpu = per_cpu

    def parse(self, value, at, report):
        from ...api.job_desc import str_to_mbytes
        from ..types import const

        if report.rules.numbers_are_objects and not isinstance(value, str):  # v0.0.40 takes units silently
            check(EXPECT_DICT, value, at, report)
        if value is None:
            return const("NO_VAL64")
        if isinstance(value, str):
            mb = str_to_mbytes(value)
            if mb is None:
                report.fail(at, CONVERSION_FAILED, f"Invalid formatted memory size: {value}")
        else:
            mb = parse_no_val64(value, at, report)
        if mb == const("NO_VAL64"):
            return mb
        if mb == const("INFINITE64"):
            mb = 0
        return mb | const("MEM_PER_CPU") if self.per_cpu else mb


class _Hold(_Described):
    doc = BOOL

    def parse(self, value, at, report):
        from ..parsing import EXPECT_BOOL, to_bool

        check(EXPECT_BOOL, value, at, report)
        if value is None:
            return NO_VAL[32]
        held = to_bool(value)
        if held is None:
            report.silent()
        return 0 if held else INFINITE[32]


class _Unsupported(_Described):
    """A field the reference reads that we do not yet: refused (see the module's note); described
    as the reference's parser of it is (`doc`)."""

    def __init__(self, doc):
        self.doc = doc

    def parse(self, value, at, report):
        report.fail(at, CONVERSION_FAILED, "slurmrestd-py does not read this field yet")


class _Csv(_Described):
    """CSV_STRING: a list (or a dict, as "key=value") of strings joined with commas, or one string."""

    doc = CSV_STRING

    def parse(self, value, at, report):
        check(EXPECT_LIST, value, at, report)
        if isinstance(value, (list, dict)):
            items = value if isinstance(value, list) else [(k, v) for k, v in value.items()]
            out = []
            for entry in items:
                key, v = entry if isinstance(value, dict) else (None, entry)
                text = to_string(v) if v is not None else ""
                if text is None:
                    report.fail(at, CONVERSION_FAILED, f"unable to convert csv entry {slurm_type(v)} to string")
                out.append(text if key is None else f"{key}={text}")
            return ",".join(out)
        return "" if value is None else to_string(value)


class _Nice(_Described):
    """NICE: a signed change of priority, within +/- (NICE_OFFSET - 3), stored over NICE_OFFSET."""

    doc = INT32
    OFFSET = 0x80000000  # NICE_OFFSET

    def parse(self, value, at, report):
        from ..parsing import EXPECT_INT32, to_int
        from ..types import const

        check(EXPECT_INT32, value, at, report)  # NICE's own check, then INT32's
        check(EXPECT_INT32, value, at, report)
        n = 0 if value is None else to_int(value)
        if n is None:
            report.fail(at, CONVERSION_FAILED, f"Expected integer but got {report.shown(value)}")
        if abs(n) > self.OFFSET - 3:
            report.fail(at, const("ESLURM_INVALID_NICE"), "Nice value not within +/- 2147483645")
        return (n + self.OFFSET) & 0xFFFFFFFF


ENVIRONMENT, ARGV, NODES, HOLD = _Environment(), _Argv(), _Nodes(), _Hold()


class _SpankEnvironment(_Environment):
    """JOB_DESC_MSG_SPANK_ENV: a list of "NAME=value" strings -> spank_job_env and its size."""

    def parse(self, value, at, report):
        got = super().parse(value, at, report)
        return {"spank_job_env": got["environment"], "spank_job_env_size": got["env_size"]} if got else {}


class _Timestamp(_Described):
    """TIMESTAMP_NO_VAL (`unset_ok`: null is NO_VAL64) and TIMESTAMP (a time it must have) of
    request bodies: a number, a string parse_time() reads, or {set, infinite, number}."""

    def __init__(self, doc, unset_ok):
        self.doc, self.unset_ok = doc, unset_ok

    def parse(self, value, at, report):
        from .numbers import TIMESTAMP_IN

        t = TIMESTAMP_IN.parse(value, at, report)
        if t == NO_VAL[64] and not self.unset_ok:
            report.fail(at, CONVERSION_FAILED, "Invalid or unset timestamp value")
        return t - 2**64 if t >= 2**63 else t  # into a time_t (NO_VAL64 is -2)


class _Spec(_Described):
    """CORE_SPEC / THREAD_SPEC: a count of specialized cores (or threads: CORE_SPEC_THREAD set)."""

    doc = INT32

    def __init__(self, threads):
        self.threads = threads

    def parse(self, value, at, report):
        from ..parsing import to_int
        from ..types import const

        from ..parsing import EXPECT_INT32

        what = "thread" if self.threads else "core"
        check(EXPECT_INT32, value, at, report)
        n = to_int(value)
        if n is None:
            report.fail(at, CONVERSION_FAILED, f"Expected integer for {what} specification but got {report.shown(value)}")
        code = const("ESLURM_BAD_THREAD_PER_CORE" if self.threads else "ESLURM_INVALID_CORE_CNT")
        limit = const("CORE_SPEC_THREAD")
        if n >= limit:
            report.fail(at, code, f"Invalid {what} specification {n} >= {limit}")
        if n <= 0:
            report.fail(at, code, f"Invalid {what} specification {n}" + ("<= 0" if self.threads else " <= 0"))
        return n | limit if self.threads else n


class _Id(_Described):
    """USER_ID / GROUP_ID: a number or a name -> the id; null or "" is SLURM_AUTH_NOBODY, which is
    what slurm_init_job_desc_msg() leaves from 23.02 on: None, the field left as it is (NO_VAL on
    22.05, whose slurmctld then takes the authenticated id as later ones take NOBODY)."""

    doc = STRING
    NOBODY = None

    def __init__(self, group):
        self.group = group

    def parse(self, value, at, report):
        import grp
        import pwd

        from ..parsing import to_int
        from ..types import const

        from ..parsing import EXPECT_STRING

        what = "group" if self.group else "user"
        check(EXPECT_STRING, value, at, report)
        if report.rules.messages_name_types:  # v0.0.40: a number or a name, nothing else ("" reads as null)
            if value == "" or not isinstance(value, (int, str)) or isinstance(value, bool):
                shown = report.shown(None if value == "" else value)
                report.fail(at, CONVERSION_FAILED, f"Invalid {what} field value type: {shown}")
        elif value is None or value == "":
            return self.NOBODY
        elif isinstance(value, (dict, list, bool)):
            report.fail(at, CONVERSION_FAILED, f"Invalid {what} field: {report.shown(value)}")
        n = to_int(value) if not isinstance(value, float) else int(value)
        if n is None:
            try:
                n = (grp.getgrnam(value).gr_gid if self.group else pwd.getpwnam(value).pw_uid)
            except KeyError:
                code = const("ESLURM_GROUP_ID_UNKNOWN" if self.group else "ESLURM_USER_ID_UNKNOWN")
                report.fail(at, code, f"Unable to resolve {what}: {value}")
        if report.rules.ids_overflow_checked:
            if not 0 <= n <= 0xFFFFFFFF:
                code = const("ESLURM_GROUP_ID_INVALID" if self.group else "ESLURM_USER_ID_INVALID")
                report.fail(at, code, f"Invalid {what} ID (overflow): {n}")
            return n
        n &= 0xFFFFFFFF  # into a uid_t / gid_t
        if n >= 2**31 - 1:
            code = const("ESLURM_GROUP_ID_INVALID" if self.group else "ESLURM_USER_ID_INVALID")
            report.fail(at, code, f"Invalid {what} ID: {n - 2**32 if n >= 2**31 else n}")
        return n


def _dist_name(task_dist):
    from ...api.option_values import distribution_name

    return distribution_name(task_dist)


def _set_distribution(task_dist):
    """set_distribution(): the SLURM_DISTRIBUTION text of a task distribution (None: not set)."""
    from ...api.option_values import SLURM_DIST_STATE_BASE, SLURM_DIST_UNKNOWN

    if not 0 < task_dist < 2**31 or task_dist == SLURM_DIST_UNKNOWN:
        return None
    text = _dist_name(task_dist) if task_dist & SLURM_DIST_STATE_BASE != SLURM_DIST_UNKNOWN else None
    flag = task_dist & 0xFF0000  # SLURM_DIST_STATE_FLAGS
    if flag in (0x800000, 0x400000):  # SLURM_DIST_PACK_NODES, SLURM_DIST_NO_PACK_NODES
        text = (text + "," if text else "") + ("pack" if flag == 0x800000 else "nopack")
    return text


def _plane_envs(out):
    _setenv(out, (("SLURM_DISTRIBUTION", "plane"), ("SLURM_DIST_PLANESIZE", str(out["plane_size"]))))


class _PlaneSize(_Described):
    """JOB_DESC_MSG_PLANE_SIZE: the plane distribution's size -> task_dist (plane) and plane_size,
    and their variables in the environment."""

    def __init__(self, doc):
        self.doc = doc

    def parse_into(self, value, at, report, out):
        from ...api.option_values import SLURM_DIST_PLANE, SLURM_DIST_STATE_BASE
        from ..types import const

        size = UINT16_NO_VAL.parse(value, at, report)
        task_dist = out.get("task_dist", NO_VAL[32])
        dist = task_dist & SLURM_DIST_STATE_BASE
        if size == NO_VAL[16]:
            if dist == SLURM_DIST_PLANE:
                report.fail(at, const("ESLURM_BAD_DIST"),
                            f"Plane size left unset but distribution specifications specified {_dist_name(dist)}")
            out["plane_size"] = NO_VAL[16]
            return
        if task_dist != NO_VAL[32]:
            if dist != SLURM_DIST_PLANE:
                report.fail(at, const("ESLURM_BAD_DIST"),
                            f"Plane size distribution specifications cannot be combined with {_dist_name(dist)}")
            if out.get("plane_size", NO_VAL[16]) not in (NO_VAL[16], size):
                report.fail(at, const("ESLURM_BAD_DIST"), "Plane size set by distribution_plane_size and distribution "
                                                          f"do not match. ({out['plane_size']} != {size})")
        out["task_dist"], out["plane_size"] = SLURM_DIST_PLANE, size
        _plane_envs(out)


class _Distribution(_Described):
    """JOB_DESC_MSG_TASK_DISTRIBUTION: "block", "cyclic:cyclic,pack", "plane=N", "arbitrary" ->
    task_dist (and plane_size), and SLURM_DISTRIBUTION (and its kin) in the environment."""

    doc = STRING

    def parse_into(self, value, at, report, out):
        from ...api.option_values import SLURM_DIST_ARBITRARY, SLURM_DIST_PLANE, SLURM_DIST_STATE_BASE, \
            SLURM_DIST_UNKNOWN, distribution
        from ..types import const

        check(EXPECT_STRING, value, at, report)
        plane = out.get("plane_size", NO_VAL[16])
        if value is None:
            if plane == NO_VAL[16]:
                out["task_dist"] = SLURM_DIST_UNKNOWN
            return
        text = to_string(value)
        if text is None:
            report.fail(at, CONVERSION_FAILED, "Invalid distribution")
        got = distribution(text)
        if got is None:
            report.fail(at, const("ESLURM_BAD_DIST"), "Invalid distribution specification")
        task_dist, size = got
        if task_dist & SLURM_DIST_STATE_BASE == SLURM_DIST_PLANE:
            size &= 0xFFFF  # (into a uint16_t)
            if plane not in (NO_VAL[16], size):
                report.fail(at, const("ESLURM_BAD_DIST"), "Plane distribution set by distribution_plane_size and "
                                                          f"distribution do not match. ({plane} != {size})")
            out["plane_size"] = size
        elif plane != NO_VAL[16]:
            report.fail(at, const("ESLURM_BAD_DIST"),
                        "Plane size distribution specifications cannot be combined with other options")
        out["task_dist"] = task_dist
        if task_dist & SLURM_DIST_STATE_BASE == SLURM_DIST_PLANE:
            _plane_envs(out)
            return
        if task_dist & SLURM_DIST_STATE_BASE == SLURM_DIST_ARBITRARY:
            if not out.get("req_nodes"):
                report.fail(at, const("ESLURM_BAD_DIST"), "Arbitrary distribution needs required_nodes to be specified")
            _setenv(out, (("SLURM_ARBITRARY_NODELIST", out["req_nodes"]),))
        name = _set_distribution(task_dist)
        _setenv(out, (("SLURM_DISTRIBUTION", "(null)" if name is None else name),))


class _NotParsed(_Described):
    """A field whose parser the version cannot parse with (v0.0.40's TASK_DISTRIBUTION): a warning
    naming the parser's number, and the field left as it was."""

    def __init__(self, doc, number):
        self.doc, self.number = doc, number

    def parse(self, value, at, report):
        check(EXPECT_STRING, value, at, report)
        report.warn(at, f"data_parser/{report.ctx.parser.version} does not support parser {self.number} for "
                        "parsing. Output may be incomplete.")
        return {}


class _ParsedAs(_Described):
    """Described as `doc`, read by `parser` (a catalogue type whose rows carry the masks)."""

    def __init__(self, doc, parser):
        self.doc, self.parser = doc, parser

    def parse(self, value, at, report):
        return self.parser.parse(value, at, report)


# the parse side of cpu_bind_type and mem_bind_type: "equal" values under their masks, as the
# reference's flag arrays (CPU_BIND_RANK went in 24.11: not read)
_CPU_BIND_PARSE = Flags("cpu_binding_flags", [
    *((n, n, "CPU_BIND_T_TO_MASK") for n in ("CPU_BIND_TO_THREADS", "CPU_BIND_TO_CORES", "CPU_BIND_TO_SOCKETS",
                                              "CPU_BIND_TO_LDOMS")),
    *((n, n, "CPU_BIND_T_MASK") for n in ("CPU_BIND_NONE", "CPU_BIND_MAP", "CPU_BIND_MASK", "CPU_BIND_LDRANK",
                                           "CPU_BIND_LDMAP", "CPU_BIND_LDMASK")),
    ("VERBOSE", "CPU_BIND_VERBOSE"), ("CPU_BIND_ONE_THREAD_PER_CORE", "CPU_BIND_ONE_THREAD_PER_CORE")])
_MEM_BIND_PARSE = Flags("memory_binding_type", [
    *((n, f"MEM_BIND_{n}", "MEM_BIND_TYPE_MASK") for n in ("NONE", "RANK", "MAP", "MASK", "LOCAL")),
    ("VERBOSE", "MEM_BIND_VERBOSE"), ("SORT", "MEM_BIND_SORT"), ("PREFER", "MEM_BIND_PREFER")])
CSV, NICE = _Csv(), _Nice()
NOT_YET = _Unsupported(STRING)  # (hetjob allocations' old refusal; rows say what each field is)


def not_yet(doc):
    return _Unsupported(doc)


class _CpuFreq(_Described):
    """JOB_DESC_MSG_CPU_FREQ: "<p1>[-p2][:p3]" -> cpu_freq_min, cpu_freq_max and cpu_freq_gov as
    the release's libslurm reads it (cpu_freq_verify_cmdline(), which 23.11 changed: 22.05's own
    rules there); null sets all three NO_VAL. Refused: -1 "Invalid cpu_frequency"."""

    doc = STRING
    FIELDS = ("cpu_freq_min", "cpu_freq_max", "cpu_freq_gov")

    def parse(self, value, at, report):
        from ...api.option_values import cpu_frequency, cpu_frequency_verified
        from ...slurm._lib import release

        check(EXPECT_STRING, value, at, report)
        if value is None:
            return dict.fromkeys(self.FIELDS, NO_VAL[32])
        text = to_string(value)
        if text is None:
            report.fail(at, CONVERSION_FAILED, f"string expected but got {report.shown(value)}")
        conf = report.ctx.slurm.lib.slurm_conf
        got = (cpu_frequency(text, conf.cpu_freq_govs) if release() == "22.05"
               else cpu_frequency_verified(text, conf.cpu_freq_govs, conf.cpu_freq_def))
        if got is None:
            report.fail(at, -1, "Invalid cpu_freuency" if report.rules.cpu_frequency_typo
                        else "Invalid cpu_frequency")
        return dict(zip(self.FIELDS, got))


class _Removed(_Described):
    """A removed field (add_removed: power_flags): its key known, its value skipped without a word."""

    def __init__(self, doc):
        self.doc = doc

    def parse(self, value, at, report):
        return {}


# v0.0.39's exclusive flags (24.05: no topo)
_JOB_EXCLUSIVE_V39 = Flags("job_exclusive", [row for row in JOB_EXCLUSIVE.rows if row[0] != "topo"])
class _SharedOverload(_Described):
    """exclusive (JOB_EXCLUSIVE) and oversubscribe (BOOL16): overloads of `shared` (v0.0.39-41),
    read after it (the last given wins). Deprecated in v0.0.41's document (v0.0.40's does not say
    it), and though the reference's parser table marks both deprecated from v0.0.40, neither of
    24.11's warns about them. exclusive: null is JOB_SHARED_OK, a boolean NONE (true) or OK
    (false), else its flag names (an empty list leaves shared as it was)."""

    def __init__(self, key, doc, deprecated):
        self.key, self.doc, self.deprecated = key, doc, deprecated

    def ref(self, schemas, description=None):
        got = self.doc.ref(schemas, description)
        return {**got, "deprecated": True} if self.deprecated else got

    def parse(self, value, at, report):
        from ..types import const

        if self.key == "oversubscribe":
            return BOOL.parse(value, at, report)
        if value is None or isinstance(value, bool):
            return const("JOB_SHARED_NONE" if value else "JOB_SHARED_OK")
        if value == []:
            return None
        return self.doc.parse(value, at, report)


_CB32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32, as sluid.c's cb32map
_STEP_NAMES = Flags("step_names", [
    ("TBD", "SLURM_PENDING_STEP", "INFINITE"), ("extern", "SLURM_EXTERN_CONT", "INFINITE"),
    ("batch", "SLURM_BATCH_SCRIPT", "INFINITE"), ("interactive", "SLURM_INTERACTIVE_STEP", "INFINITE"),
    ("entire", "NO_VAL", "INFINITE")])


def _str2sluid(text):
    """str2sluid(): "s" and 13 Crockford base-32 digits (O read as 0, I and L as 1) -> a SLUID
    (64 bits); 0 when it is none."""
    if len(text) != 14 or text[0] not in "sS":
        return 0
    sluid = 0
    for i, c in enumerate(text[1:]):
        c = c.upper() if "a" <= c <= "z" else c
        value = _CB32.find(c) if c else -1
        if value < 0:
            if c == "O":
                value = 0
            elif c in "IL":
                value = 1
            else:
                return 0
        sluid |= value << (5 * (12 - i))
    return sluid & 0xFFFFFFFFFFFFFFFF


def _parse_sluid(value, at, report):
    """SLUID: null, false-ish zeros and 0 unset; a SLUID's text; anything else refused."""
    from ..types import const

    check(EXPECT_STRING, value, at, report)
    code = const("ESLURM_INVALID_SLUID")
    if value is None:
        return 0
    if isinstance(value, bool):  # (the reference tests the type, not the value: both refused)
        report.fail(at, code, "Unable to parse true as SLUID")
    if isinstance(value, float):
        if not value:
            return 0
        report.fail(at, code, f"Unable to parse {value:f} as SLUID")
    if isinstance(value, int):
        if not value:
            return 0
        report.fail(at, code, f"Unable to parse {value} as SLUID")
    if isinstance(value, str):
        got = _str2sluid(value)
        if not got:
            report.fail(at, code, f"Unable to convert string \"{value}\" to SLUID")
        return got
    report.fail(at, CONVERSION_FAILED, f"Unable to convert {report.shown(value)} to string to parse SLUID")


def _parse_step(value, at, report):
    """STEP_ID: a number up to SLURM_MAX_NORMAL_STEP_ID (data_convert_type()'s detection: "5" is
    5) or a step's name; a negative or too large number fails without a word, as the reference's
    parser returns its code alone."""
    from ..parsing import to_int

    check(EXPECT_STRING, value, at, report)
    n = None
    if isinstance(value, int) and not isinstance(value, bool):
        n = value
    elif isinstance(value, str) and to_int(value) is not None and not value.lower().startswith("0x"):
        n = to_int(value)
    if n is not None:
        if n > 0xFFFFFFF0 or n < 0:
            report.silent()
        return n
    if isinstance(value, (dict, list)):
        report.silent()
    text = "" if value is None else to_string(value)
    return _STEP_NAMES.parse(text, at, report)


class _StepId(_Described):
    """SLURM_STEP_ID (v0.0.44 on): {sluid, job_id, step_het_component, step_id} -> job_desc_msg_t's
    step_id, over what the description has so far (job_id's row sets its job_id). A release
    whose job_desc_msg_t has none (before 26.05) refuses the description (ESLURM_NOT_SUPPORTED)."""

    KEYS = ("sluid", "job_id", "step_het_component", "step_id")

    def ref(self, schemas, description=None):
        return SLURM_STEP_ID.ref(schemas, description)

    def parse_into(self, value, at, report, out):
        expect_dict(value, at, report)
        sluid, job_id, het, step = out.get("step_id") or (0, out.get("job_id", NO_VAL[32]), NO_VAL[32],
                                                          NO_VAL[32])
        if "sluid" in value:
            sluid = _parse_sluid(value["sluid"], child(at, "sluid"), report)
        if "job_id" in value:
            job_id = UINT32_NO_VAL.parse(value["job_id"], child(at, "job_id"), report)
        if "step_het_component" in value:
            het = UINT32_NO_VAL.parse(value["step_het_component"], child(at, "step_het_component"), report)
        if "step_id" in value:
            step = _parse_step(value["step_id"], child(at, "step_id"), report)
        for key, v in value.items():
            if key not in self.KEYS:
                unknown(v, child(at, key), report, "DATA_PARSER_SLURM_STEP_ID")
        out["step_id"] = (sluid, job_id, het, step)


CPU_BINDING_FLAGS = Flags("cpu_binding_flags", [
    ("CPU_BIND_TO_THREADS", "CPU_BIND_TO_THREADS"), ("CPU_BIND_TO_CORES", "CPU_BIND_TO_CORES"),
    ("CPU_BIND_TO_SOCKETS", "CPU_BIND_TO_SOCKETS"), ("CPU_BIND_TO_LDOMS", "CPU_BIND_TO_LDOMS"),
    ("CPU_BIND_NONE", "CPU_BIND_NONE"), ("CPU_BIND_RANK", "CPU_BIND_RANK"), ("CPU_BIND_MAP", "CPU_BIND_MAP"),
    ("CPU_BIND_MASK", "CPU_BIND_MASK"), ("CPU_BIND_LDRANK", "CPU_BIND_LDRANK"), ("CPU_BIND_LDMAP", "CPU_BIND_LDMAP"),
    ("CPU_BIND_LDMASK", "CPU_BIND_LDMASK"), ("VERBOSE", "CPU_BIND_VERBOSE"),
    ("CPU_BIND_ONE_THREAD_PER_CORE", "CPU_BIND_ONE_THREAD_PER_CORE")])
MEMORY_BINDING_TYPE = Flags("memory_binding_type", [
    ("NONE", "MEM_BIND_NONE"), ("RANK", "MEM_BIND_RANK"), ("MAP", "MEM_BIND_MAP"), ("MASK", "MEM_BIND_MASK"),
    ("LOCAL", "MEM_BIND_LOCAL"), ("VERBOSE", "MEM_BIND_VERBOSE"), ("SORT", "MEM_BIND_SORT"),
    ("PREFER", "MEM_BIND_PREFER")])
OPEN_MODE = Flags("open_mode", [("APPEND", "OPEN_MODE_APPEND"), ("TRUNCATE", "OPEN_MODE_TRUNCATE")])
X11_FLAGS = Flags("x11_flags", [
    ("FORWARD_ALL_NODES", "X11_FORWARD_ALL"), ("BATCH_NODE", "X11_FORWARD_BATCH"),
    ("FIRST_NODE", "X11_FORWARD_FIRST"), ("LAST_NODE", "X11_FORWARD_LAST")])
CRON_ENTRY_FLAGS = Flags("cron_entry_flags", [
    ("WILD_MINUTE", "CRON_WILD_MINUTE"), ("WILD_HOUR", "CRON_WILD_HOUR"),
    ("WILD_DAY_OF_MONTH", "CRON_WILD_DOM"), ("WILD_MONTH", "CRON_WILD_MONTH"), ("WILD_DAY_OF_WEEK", "CRON_WILD_DOW")])


def _cron_entry(version):
    return table("cron_entry", (
        ("flags", None, CRON_ENTRY_FLAGS, "Flags"),
        ("minute", None, STRING, "Ranged string specifying eligible minute values (e.g. 0-10,50)"),
        ("hour", None, STRING, "Ranged string specifying eligible hour values (e.g. 0-5,23)"),
        ("day_of_month", None, STRING, "Ranged string specifying eligible day of month values (e.g. 0-10,29)"),
        ("month", None, STRING, "Ranged string specifying eligible month values (e.g. 0-5,12)"),
        ("day_of_week", None, STRING, "Ranged string specifying eligible day of week values (e.g.0-3,7)"),
        ("specification", None, STRING,
         "Time specification (* means valid for all allowed values) - minute hour day_of_month month day_of_week",
         UNTIL_V41),
        ("specification", None, STRING, "Complete time specification (* means valid for all allowed values) - "
                                        "minute hour day_of_month month day_of_week", V42_ON),
        ("command", None, STRING, "Command to run"),
        ("line/start", None, INT32, "Start of this entry in file"),
        ("line/end", None, INT32, "End of this entry in file"),
    ), version)


# setrlimit()'s resources (v0.0.40-41 describe them with a full stop)
_RLIMITS = (("cpu", "Per-process CPU limit, in seconds"), ("fsize", "Largest file that can be created, in bytes"),
            ("data", "Maximum size of data segment, in bytes"), ("stack", "Maximum size of stack segment, in bytes"),
            ("core", "Largest core file that can be created, in bytes"),
            ("rss", "Largest resident set size, in bytes. This affects swapping; processes that are exceeding "
                    "their resident set size will be more likely to have physical memory taken from them"),
            ("nproc", "Number of processes"), ("nofile", "Number of open files"),
            ("memlock", "Locked-in-memory address space"), ("as", "Address space limit"))


def _rlimits(version):
    from ..types import inline

    def text(key, desc):
        if version not in UNTIL_V41 or key == "memlock":
            return desc
        return desc + (". " if key == "data" else ".")
    return inline([_doc_field(key, UINT64_NO_VAL, text(key, desc)) for key, desc in _RLIMITS])


def _doc_field(key, type_, description):
    from ..types import Field

    return Field(key, key, type_, description)


class _Rlimits(_Described):
    """RLIMITS: described per version (an inline object); each limit set (UINT64_NO_VAL) goes into
    the job's environment as SLURM_RLIMIT_<NAME>, as the reference's parsers put it."""

    def parse(self, value, at, report):
        if not isinstance(value, dict):
            unknown(value, at, report, "DATA_PARSER_JOB_DESC_MSG")
            return {}
        env = []
        for key, _ in _RLIMITS:
            if key in value:
                limit = parse_no_val64(value[key], child(at, key), report)
                if limit != NO_VAL[64]:
                    env.append((f"SLURM_RLIMIT_{key.upper()}", str(limit)))
        known = {key for key, _ in _RLIMITS}
        for key, v in value.items():
            if key not in known:
                unknown(v, child(at, key), report, "DATA_PARSER_JOB_DESC_MSG")
        return {ENV_SET: env}

    def ref(self, schemas, description=None):
        return _rlimits(schemas.version).ref(schemas, description)


class _Crontab(_Described):
    """JOB_DESC_MSG_CRON_ENTRY: every release's parser (v0.0.40-45) reads nothing of it, whatever
    it is (null, a string, an invalid entry): it is skipped with the warning "crontab submissions
    are not supported" (crontab_entry stays NULL: no scrontab entry is ever sent through
    slurmrestd, so slurmctld never sees one from here)."""

    def parse(self, value, at, report):
        report.warn(at, "crontab submissions are not supported")
        return {}

    def ref(self, schemas, description=None):
        return _cron_entry(schemas.version).ref(schemas, description)


MEM_PER_CPUS, MEM_PER_NODE = _Memory(True), _Memory(False)

class _FlagBits(_Described):
    """A list of flag names (or one) -> their bits (unknown: errors; v0.0.40 then refuses the body)."""

    def __init__(self, flags, v40=None, lacking=False):
        self.flags, self.v40, self.lacking = flags, v40 or flags, lacking

    def ref(self, schemas, description=None):
        return (self.v40 if schemas.version == "v0.0.40" else self.flags).ref(schemas, description)

    def parse(self, value, at, report):
        from ..types import const

        if not isinstance(value, (list, str)):
            report.ctx.error(9206, at, f"Expected a List but found a {slurm_type(value)}",
                             "Data parser expects flags to be a list")  # ESLURM_DATA_FLAGS_INVALID_TYPE
            report.silent()
        names = value if isinstance(value, list) else [value]
        rows = {row[0].lower(): row[1] for row in self.flags.rows}
        bits, bad = 0, False
        for i, name in enumerate(names):
            # as Flags.parse: v0.0.40 reads a non-string as no name at all ("(null)"); later
            # versions convert it (null to ""), and skip a list or a dict with a warning
            if report.rules.bad_flag_rejects_query:
                text = name if isinstance(name, str) else None
            else:
                text = "" if name is None else to_string(name)
                if text is None:
                    report.warn(item(at, i), f"Ignoring unexpected field of type {slurm_type(name)}")
                    continue
            const_name = rows.get(text.lower()) if text is not None else None  # (xstrcasecmp: no trimming)
            if const_name is None:
                shown = "(null)" if text is None else text
                report.ctx.error(9207, item(at, i), f"Unknown flag \"{shown}\"", "Data parser unable to parse invalid flag")
                bad = True
                if report.rules.bad_flag_rejects_query:  # v0.0.40 stops at the first
                    break
                continue
            bit = const(const_name)
            if not bit and self.lacking:  # a flag this release's slurm lacks (its release layer's 0)
                report.fail(item(at, i), const("ESLURM_NOT_SUPPORTED"),
                            f"Flag {text_of(name)} is not supported by this release of Slurm")
            bits |= bit
        if bad and report.rules.bad_flag_rejects_query:
            report.fail(at, 9207, "Parsing flags failed")
        return bits


class _Bool16NoVal(_Described):
    """BOOL16_NO_VAL: null or -1 is NO_VAL16, else a boolean."""

    doc = BOOL

    def parse(self, value, at, report):
        from ..parsing import EXPECT_BOOL, to_bool

        check(EXPECT_BOOL, value, at, report)  # (the parse's type check comes first, for -1 too)
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and value == -1):
            return NO_VAL[16]
        if isinstance(value, (list, dict)):
            report.silent()
        # data_convert_type()'s forced boolean: a string it does not recognise is true, "" false
        got = to_bool(value)
        return int(bool(value.strip()) if got is None and isinstance(value, str) else bool(got))


def text_of(value):
    return f"\"{value}\"" if isinstance(value, str) else str(value)


class _Signal(_Described):
    doc = STRING

    """A signal's number or name (USR1, SIGUSR1); unknown: an error (v0.0.40: EINVAL, and refused)."""

    def parse(self, value, at, report):
        import signal

        from ..parsing import to_int

        check(EXPECT_STRING, value, at, report)
        n = to_int(value)
        if n is not None:
            return n
        name = (to_string(value) or "").strip().upper()
        member = signal.Signals.__members__.get(name if name.startswith("SIG") else "SIG" + name)
        if member is not None:
            return int(member)
        if report.rules.signal_error_einval:
            report.fail(at, 22, "Unknown signal (null)")
        report.ctx.error(0, at, "Unknown signal (null)")
        return 0


def _kill_flags(cron, name="kill_jobs_flags"):
    return Flags(name, [
        ("BATCH_JOB", "KILL_JOB_BATCH"), ("ARRAY_TASK", "KILL_ARRAY_TASK"), ("FULL_STEPS_ONLY", "KILL_STEPS_ONLY"),
        ("FULL_JOB", "KILL_FULL_JOB"), ("FEDERATION_REQUEUE", "KILL_FED_REQUEUE"), ("HURRY", "KILL_HURRY"),
        ("OUT_OF_MEMORY", "KILL_OOM"), ("NO_SIBLING_JOBS", "KILL_NO_SIBS"), ("RESERVATION_JOB", "KILL_JOB_RESV"),
        *((("NO_CRON_JOBS", "KILL_NO_CRON"),) if cron else ()), ("VERBOSE", "KILL_JOBS_VERBOSE"),
        ("CRON_JOBS", "KILL_CRON"), ("WARNING_SENT", "WARN_SENT")])


# the reference's kill flags' schema is named warn_flags (v0.0.40's lists NO_CRON_JOBS)
_WARN_FLAGS_V40, _WARN_FLAGS = _kill_flags(True, "warn_flags"), _kill_flags(False, "warn_flags")
SLURM_STEP_ID = table("slurm_step_id", (
    ("sluid", None, STRING, "SLUID (Slurm Lexicographically-sortable Unique ID)"),
    ("job_id", None, UINT32_NO_VAL, "Job ID"),
    ("step_het_component", None, UINT32_NO_VAL, "HetJob component"),
    ("step_id", None, STRING, "Job step ID"),
))
_RLIMITS_ROW = _Rlimits()
_TRES = "Semicolon delimited list of TRES=# values"
# In the reference's order (which is its warnings' order): rows marked with versions where they differ.
# Descriptions are 24.11's (v0.0.40-42); 26.05 rewrote many for v0.0.43 on (not compared: issue 16).
JOB_DESC = (
    ("account", "account", STRING, "Account associated with the job"),
    ("account_gather_frequency", "acctg_freq", STRING, "Job accounting and profiling sampling intervals in seconds"),
    ("admin_comment", "admin_comment", STRING, "Arbitrary comment made by administrator"),
    ("allocation_node_list", "alloc_node", STRING, "Local node making the resource allocation"),
    ("allocation_node_port", "alloc_resp_port", P_UINT16, "Port to send allocation confirmation to"),
    ("argv", None, ARGV, "Arguments to the script", UNTIL_V41),
    ("argv", None, ARGV, "Arguments to the script. Note: The slurmstepd always overrides argv[0] with the path to "
                         "the created script file. If this option is used, argv[0] should be a throwaway value.",
     V42_ON),
    ("array", "array_inx", STRING, "Job array index value specification"),
    ("batch_features", "batch_features", STRING, "Features required for batch script's node"),
    ("begin_time", "begin_time", _Timestamp(UINT64_NO_VAL, True),
     "Defer the allocation of the job until the specified time (UNIX timestamp)"),
    # job flags: the version's list (job_info_t's, tables/jobs.py) into bitflags; slurmctld
    # clears the bits it keeps for itself (_validate_job_desc(): BACKFILL_TEST, BF_WHOLE_NODE_TEST,
    # JOB_ACCRUE_OVER, JOB_KILL_HURRY, SIB_JOB_FLUSH, TRES_STR_CALC, JOB_WAS_RUNNING, CRON_JOB
    # without a crontab entry) on 22.05, 24.11 and 26.05 alike, and keeps the others
    ("flags", "bitflags", _FlagBits(JOB_FLAGS_V39, lacking=True), "Job flags", V39),
    ("flags", "bitflags", _FlagBits(JOB_FLAGS_V40, lacking=True), "Job flags", V40_ONLY),
    ("flags", "bitflags", _FlagBits(JOB_FLAGS, lacking=True), "Job flags", V41 | V42),
    ("flags", "bitflags", _FlagBits(JOB_FLAGS_V43, lacking=True), "Job flags", V43),
    ("flags", "bitflags", _FlagBits(JOB_FLAGS_V44, lacking=True), "Job flags", V44),
    ("flags", "bitflags", _FlagBits(JOB_FLAGS_V45, lacking=True), "Job flags", V45),
    ("burst_buffer", "burst_buffer", STRING, "Burst buffer specifications"),
    ("clusters", "clusters", STRING, "Clusters that a federated job can run on"),
    ("cluster_constraint", "cluster_features", STRING,
     "Required features that a federated cluster must have to have a sibling job submitted to it"),
    ("comment", "comment", STRING, "Arbitrary comment made by user"),
    ("contiguous", "contiguous", BOOL, "True if job requires contiguous nodes"),
    ("container", "container", STRING, "Absolute path to OCI container bundle"),
    ("container_id", "container_id", STRING, "OCI container ID"),
    ("container_type", "container_type", STRING, "Job container type", V45),
    ("cores_per_socket", "cores_per_socket", P_UINT16, "Cores per socket required", V40_ONLY),  # (not v0.0.39's)
    ("core_specification", "core_spec", _Spec(False), "Specialized core count"),
    ("thread_specification", "core_spec", _Spec(True), "Specialized thread count"),
    ("cpu_binding", "cpu_bind", STRING, "Method for binding tasks to allocated CPUs"),
    ("cpu_binding_flags", "cpu_bind_type", _ParsedAs(CPU_BINDING_FLAGS, _CPU_BIND_PARSE), "Flags for CPU binding"),
    ("cpu_frequency", None, _CpuFreq(), "Requested CPU frequency range <p1>[-p2][:p3]"),
    ("cpus_per_tres", "cpus_per_tres", STRING, f"{_TRES} values indicating how many CPUs should be allocated for "
                                               "each specified TRES (currently only used for gres/gpu)"),
    ("crontab", None, _Crontab(), "crontab entry", V40),
    ("crontab", None, _Crontab(), "Specification for scrontab job", V41_ON),
    ("deadline", "deadline", _Timestamp(INT64, False), "Latest time that the job may start (UNIX timestamp)"),
    ("delay_boot", "delay_boot", P_UINT32,
     "Number of seconds after job eligible start that nodes will be rebooted to satisfy feature specification"),
    ("dependency", "dependency", STRING, "Other jobs that must meet certain criteria before this job can start"),
    ("end_time", "end_time", _Timestamp(INT64, False), "Expected end time (UNIX timestamp)"),
    # v0.0.39 requires it in every job description, updates included (its parser refuses one without)
    ("environment", None, ENVIRONMENT, "Environment variables to be set for the job", V39, REQUIRED),
    ("environment", None, ENVIRONMENT, "Environment variables to be set for the job", V40_ON),
    ("rlimits", None, _RLIMITS_ROW, None, V40_ON),  # v0.0.40 on (not v0.0.39's)
    ("excluded_nodes", "exc_nodes", CSV, "Comma separated list of nodes that may not be used"),
    ("extra", "extra", STRING, "Arbitrary string used for node filtering if extra constraints are enabled"),
    ("constraints", "features", STRING, "Comma separated list of features that are required"),
    ("group_id", "group_id", _Id(True), "Group ID of the user that owns the job"),
    ("hetjob_group", "het_job_offset", P_UINT32, "Unique sequence number applied to this component of the heterogeneous job"),
    ("immediate", "immediate", BOOL, "If true, exit if resources are not available within the time period specified"),
    ("job_id", "job_id", P_UINT32, "Job ID"),
    ("kill_on_node_fail", "kill_on_node_fail", BOOL, "If true, kill job on node failure"),
    ("licenses", "licenses", STRING, "License(s) required by the job"),
    ("mail_type", "mail_type", _FlagBits(JOB_MAIL_FLAGS), "Mail event type(s)"),
    ("mail_user", "mail_user", STRING, "User to receive email notifications"),
    ("mcs_label", "mcs_label", STRING, "Multi-Category Security label on the job"),
    ("memory_binding", "mem_bind", STRING, "Binding map for map/mask_cpu"),
    ("memory_binding_type", "mem_bind_type", _ParsedAs(MEMORY_BINDING_TYPE, _MEM_BIND_PARSE), "Method for binding tasks to memory"),
    ("memory_per_tres", "mem_per_tres", STRING, f"{_TRES} indicating how much memory in megabytes should be "
                                                "allocated for each specified TRES (currently only used for gres/gpu)"),
    ("memory_update_margin", "mem_update_margin", P_UINT16, "Auto-reduce memory margin percent", V45),
    ("memory_update_delay", "mem_update_delay", P_UINT16, "Auto-reduce memory delay in minutes", V45),
    ("name", "name", STRING, "Job name"),
    ("network", "network", STRING, "Network specs for job step"),
    ("nice", "nice", NICE, "Requested job priority change"),
    ("tasks", "num_tasks", P_UINT32, "Number of tasks"),
    ("oom_kill_step", "oom_kill_step", P_UINT16, "Kill whole step in case of OOM in one of the tasks", V42_ON),
    ("open_mode", "open_mode", _FlagBits(OPEN_MODE), "Open mode used for stdout and stderr files"),
    ("reserve_ports", "other_port", P_UINT16, "Port to send various notification msg to"),
    ("overcommit", "overcommit", BOOL, "Overcommit resources"),
    ("partition", "partition", STRING, "Partition assigned to the job"),
    ("distribution_plane_size", "plane_size", P_UINT16, "Plane size specification when distribution specifies plane",
     V40),
    ("distribution_plane_size", None, _PlaneSize(UINT16_NO_VAL),
     "Plane size specification when distribution specifies plane", V41_ON),
    ("power_flags", None, _Removed(POWER_FLAGS_V40), None, V40),
    ("power_flags", None, _Removed(EMPTY_FLAGS), None, V41_ON - V45),
    ("prefer", "prefer", STRING, "Comma separated list of features that are preferred but not required"),
    ("hold", "priority", HOLD, "Job held", V40),
    ("hold", "priority", HOLD, "Hold (true) or release (false) job", V41_ON),
    ("priority", "priority", UINT32_NO_VAL, "Request specific job priority"),
    ("profile", "profile", ACCT_GATHER_PROFILE, "Profile used by the acct_gather_profile plugin"),
    ("qos", "qos", STRING, "Quality of Service assigned to the job"),
    ("reboot", "reboot", BOOL, "Node reboot requested before start"),
    ("required_nodes", "req_nodes", CSV, "Comma separated list of required nodes"),
    ("requeue", "requeue", BOOL, "Determines whether the job may be requeued"),
    ("reservation", "reservation", STRING, "Name of reservation to use"),
    ("resv_mpi_ports", "resv_port_cnt", P_UINT16,
     "Number of reserved communication ports; can only be used if slurmstepd step manager is enabled", V41),
    ("script", "script", STRING, "Job batch script; only the first component in a HetJob is populated or honored"),
    ("shared", "shared", JOB_SHARED, "How the job can share resources with other jobs, if at all"),
    ("exclusive", "shared", _SharedOverload("exclusive", _JOB_EXCLUSIVE_V39, False), None, V39),
    ("exclusive", "shared", _SharedOverload("exclusive", JOB_EXCLUSIVE, False), None, V40_ONLY),
    ("exclusive", "shared", _SharedOverload("exclusive", JOB_EXCLUSIVE, True), None, V41),
    ("oversubscribe", "shared", _SharedOverload("oversubscribe", BOOL, False), None, V39),
    ("oversubscribe", "shared", _SharedOverload("oversubscribe", BOOL, False), None, V40_ONLY),
    ("oversubscribe", "shared", _SharedOverload("oversubscribe", BOOL, True), None, V41),
    ("site_factor", "site_factor", P_UINT32, "Site-specific priority factor"),
    ("spank_environment", None, _SpankEnvironment(),
     "Environment variables for job prolog/epilog scripts as set by SPANK plugins"),
    ("step_id", None, _StepId(), "Job step ID", V44_ON),
    ("distribution", None, _NotParsed(STRING, 208), "Layout", V40),
    ("distribution", None, _Distribution(), "Layout", V41_ON),
    ("time_limit", "time_limit", UINT32_NO_VAL, "Maximum run time in minutes"),
    ("time_minimum", "time_min", UINT32_NO_VAL, "Minimum run time in minutes"),
    ("tres_bind", "tres_bind", STRING, "Task to TRES binding directives"),
    ("tres_freq", "tres_freq", STRING, "TRES frequency directives"),
    ("tres_per_job", "tres_per_job", STRING, "Comma separated list of TRES=# values to be allocated for every job"),
    ("tres_per_node", "tres_per_node", STRING, "Comma separated list of TRES=# values to be allocated for every node"),
    ("tres_per_socket", "tres_per_socket", STRING,
     "Comma separated list of TRES=# values to be allocated for every socket"),
    ("tres_per_task", "tres_per_task", STRING, "Comma separated list of TRES=# values to be allocated for every task"),
    ("user_id", "user_id", _Id(False), "User ID that owns the job"),
    ("wait_all_nodes", "wait_all_nodes", _Bool16NoVal(), "If true, wait to start until after all nodes have booted"),
    ("kill_warning_flags", "warn_flags", _FlagBits(_WARN_FLAGS, _WARN_FLAGS_V40), "Flags related to job signals", V40),
    ("kill_warning_flags", "warn_flags", _FlagBits(_WARN_FLAGS), "Flags related to job signals", V41_ON),
    ("kill_warning_signal", "warn_signal", _Signal(),
     "Signal to send when approaching end time (e.g. \"10\" or \"USR1\")"),
    ("kill_warning_delay", "warn_time", UINT16_NO_VAL, "Number of seconds before end time to send the warning signal"),
    ("current_working_directory", "work_dir", STRING, "Working directory to use for the job"),
    ("cpus_per_task", "cpus_per_task", P_UINT16, "Number of CPUs required by each task"),
    ("minimum_cpus", "min_cpus", P_UINT32, "Minimum number of CPUs required"),
    ("maximum_cpus", "max_cpus", P_UINT32, "Maximum number of CPUs required"),
    ("nodes", None, NODES, "Node count range specification (e.g. 1-15:4)"),
    ("minimum_nodes", "min_nodes", P_UINT32, "Minimum node count"),
    ("maximum_nodes", "max_nodes", P_UINT32, "Maximum node count"),
    ("minimum_boards_per_node", "boards_per_node", P_UINT16, "Boards per node required"),
    ("minimum_sockets_per_board", "sockets_per_board", P_UINT16, "Sockets per board required"),
    ("sockets_per_node", "sockets_per_node", P_UINT16, "Sockets per node required"),
    ("cores_per_socket", "cores_per_socket", P_UINT16, "Cores per sockets required", V45),
    ("threads_per_core", "threads_per_core", P_UINT16, "Threads per core required"),
    ("tasks_per_node", "ntasks_per_node", P_UINT16, "Number of tasks to invoke on each node"),
    ("tasks_per_socket", "ntasks_per_socket", P_UINT16, "Number of tasks to invoke on each socket"),
    ("tasks_per_core", "ntasks_per_core", P_UINT16, "Number of tasks to invoke on each core"),
    ("tasks_per_board", "ntasks_per_board", P_UINT16, "Number of tasks to invoke on each board"),
    ("ntasks_per_tres", "ntasks_per_tres", P_UINT16, "Number of tasks that can access each GPU"),
    ("minimum_cpus_per_node", "pn_min_cpus", P_UINT16, "Minimum number of CPUs per node"),
    ("memory_per_cpu", "pn_min_memory", MEM_PER_CPUS, "Minimum memory in megabytes per allocated CPU"),
    # (v0.0.41's document says "per allocated CPU" here too)
    ("memory_per_node", "pn_min_memory", MEM_PER_NODE, "Minimum memory in megabytes per allocated CPU", V41),
    ("memory_per_node", "pn_min_memory", MEM_PER_NODE, "Minimum memory in megabytes per allocated node", V40 | V42_ON),
    ("temporary_disk_per_node", "pn_min_tmp_disk", P_UINT32, "Minimum tmp disk space required per node"),
    ("selinux_context", "selinux_context", STRING, "SELinux context"),
    ("required_switches", "req_switch", UINT32_NO_VAL, "Maximum number of switches"),
    ("segment_size", "segment_size", UINT16_NO_VAL, "Segment size for topology/block", V41_ON),
    ("standard_error", "std_err", STRING, "Path to stderr file"),
    ("standard_input", "std_in", STRING, "Path to stdin file"),
    ("standard_output", "std_out", STRING, "Path to stdout file"),
    ("wait_for_switch", "wait4switch", P_UINT32, "Maximum time to wait for switches in seconds"),
    ("wckey", "wckey", STRING, "Workload characterization key"),
    ("x11", "x11", X11_FLAGS, "X11 forwarding options"),
    ("x11_magic_cookie", "x11_magic_cookie", STRING, "Magic cookie for X11 forwarding"),
    ("x11_target_host", "x11_target", STRING, "Hostname or UNIX socket if x11_target_port=0"),
    ("x11_target_port", "x11_target_port", P_UINT16, "TCP port"),
)


def _rows(version):
    return tuple(r for r in JOB_DESC if len(r) == 4 or version in r[4])


def expect_dict(value, at, report):
    if not isinstance(value, dict):
        what = "list" if isinstance(value, list) else slurm_type(value)
        report.fail(at, EXPECTED_DICT, f"Rejecting {what} when dictionary expected")


def unknown(value, at, report, name):
    """A member no row reads: a warning (a dictionary's members each, as the reference walks them)."""
    if isinstance(value, dict):
        for k, v in value.items():
            unknown(v, child(at, k), report, name)
        return
    key = at.rstrip("/").rsplit("/", 1)[-1]
    report.warn(at, f"Ignoring unknown field \"{key}\" of type {slurm_type(value)} in {name}")


ENV_SET = "_setenv"  # a parse's (NAME, value) pairs set in the environment (setenvf(): replaced or appended)


def _setenv(out, pairs):
    env = list(out.get("environment") or [])
    for name, v in pairs:
        at = next((i for i, e in enumerate(env) if e.split("=", 1)[0] == name), None)
        if at is None:
            env.append(f"{name}={v}")
        else:
            env[at] = f"{name}={v}"
    out["environment"], out["env_size"] = env, len(env)


def parse_job_desc(version, value, at, report):
    """{C field: value} of one job description (the fields it sets over slurm_init_job_desc_msg())."""
    expect_dict(value, at, report)
    rows = _rows(version)
    out = {}
    for key, field, type_, *marks in rows:
        if key not in value:
            if REQUIRED in marks[1:]:
                report.fail(child(at, key), PATH_NOT_FOUND, f"Missing required field '{key}' in dictionary")
            continue
        if hasattr(type_, "parse_into"):  # a parser reading and setting several fields
            type_.parse_into(value[key], child(at, key), report, out)
            continue
        got = type_.parse(value[key], child(at, key), report)
        if field is None:
            got = dict(got)
            pairs = got.pop(ENV_SET, ())
            out.update(got)
            if pairs:
                _setenv(out, pairs)
        elif got is not None:
            out[field] = got
    known = {r[0] for r in rows}
    for key, v in value.items():
        if key not in known:
            unknown(v, child(at, key), report, "DATA_PARSER_JOB_DESC_MSG")
    return out


class ItemFailed(Failed):
    """A list's item failed to parse: the parse returns ESLURM_REST_FAIL_PARSING (a handler that
    returns DATA_PARSE's rc answers 400 whatever the item's error was)."""

    rc = 9001  # ESLURM_REST_FAIL_PARSING


def _desc_list(version, value, at, report):
    """JOB_DESC_MSG_LIST (_parse_list()): a list of job descriptions; any other value but a
    dictionary is taken as its string, one entry (null too: "")."""
    if isinstance(value, dict):
        report.fail(at, EXPECTED_LIST, "Expected List but found a dictionary")
    if not isinstance(value, list):
        value = ["" if value is None else to_string(value)]
    out = []
    for i, j in enumerate(value):
        try:
            out.append(parse_job_desc(version, j, item(at, i), report))
        except Failed:
            raise ItemFailed() from None
    return out


def parse_submit(version, value, at, report):
    """JOB_SUBMIT_REQ: {script, jobs, job} with the descriptions parsed (jobs: a list of them)."""
    expect_dict(value, at, report)
    out = {"script": None, "jobs": None, "job": None}
    if "script" in value:
        out["script"] = STRING.parse(value["script"], child(at, "script"), report)
    if value.get("jobs") is not None:
        out["jobs"] = _desc_list(version, value["jobs"], child(at, "jobs"), report)
    if value.get("job") is not None:
        out["job"] = parse_job_desc(version, value["job"], child(at, "job"), report)
    for key, v in value.items():
        if key not in out:
            unknown(v, child(at, key), report, "DATA_PARSER_JOB_SUBMIT_REQ")
    return out


__all__ = ("Failed", "parse_job_desc", "parse_submit")


# -- DELETE job/{job_id}: its query and answer -----------------------------------------------------
SIGNAL = "signal"  # a query row's type: a signal's number or name (parsers/queries.py)
QUERIES = {
    "job_delete": (
        ("signal", SIGNAL, "Signal to send to Job"),
        ("flags", _kill_flags(True), "Signalling flags", frozenset({"v0.0.40"})),
        ("flags", _kill_flags(False), "Signalling flags", V41_ON),
    ),
}


def objects(version):
    return {}


def responses(version, objects):
    from ..types import INT32, table
    from . import V40
    from .meta import response

    result = table("job_submit_response_msg", (
        ("job_id", "job_id", INT32, "New job ID"),
        ("step_id", "step_id", STRING, "New job step ID"),
        ("error_code", "error_code", INT32, "Error code"),
        ("error", "error", STRING, "Error message"),
        ("job_submit_user_msg", "job_submit_user_msg", STRING, "Message to user from job_submit plugin"),
    ), version)
    return {
        "job_submit": response("openapi_job_submit_response", (
            ("result", "result", result, "Job submission", UNTIL_V41),
            ("job_id", "job_id", INT32, "Submitted Job ID", UNTIL_V41),
            ("job_id", "job_id", INT32, "submitted Job ID", V42_ON),
            ("step_id", "step_id", STRING, "Submitted Step ID", UNTIL_V41),
            ("step_id", "step_id", STRING, "submitted Step ID", V42_ON),
            ("job_submit_user_msg", "job_submit_user_msg", STRING, "job submision user message", V40),
            ("job_submit_user_msg", "job_submit_user_msg", STRING, "Job submission user message", V41_ON),
        ), version),
        "job_delete": _kill_response(version),
        "job_update": _update_response(version),
        "jobs_delete": _kill_jobs_response(version),
        "job_alloc": _alloc_response(version),
        # request bodies, as the document describes them (what parse_* read)
        **_bodies(version),
    }


def _bodies(version):
    """The request bodies' schemas, from the rows that read them: job_desc_msg (POST job/{job_id}),
    job_submit_req, job_alloc_req and kill_jobs_msg."""
    desc = table("job_desc_msg", _rows(version), version)
    many = List(desc, "job_desc_msg_list")
    script = (("script", None, STRING, "Batch job script; must be specified in first component of jobs or in job "
                                       "if this field is not populated", V40),
              ("script", None, _Deprecated(STRING), "Deprecated; Populate script field in jobs[0] or job", V41_ON))
    return {
        "job_desc_msg": desc,
        "job_submit_req": table("job_submit_req", (
            *script,
            ("jobs", None, many, "HetJob description"),
            ("job", None, desc, "Job description"),
        ), version),
        "job_alloc_req": table("job_alloc_req", (
            ("hetjob", None, many, "HetJob description"),
            ("job", None, desc, "Job description"),
        ), version),
        "kill_jobs_msg": table("kill_jobs_msg", KILL_JOBS, version),
    }


def _update_response(version):
    from ..types import INT32, List, table
    from . import UNTIL_V41, V39, V40
    from .meta import response

    if version in V39:  # its JOB_ARRAY_RESPONSE_MSG dumper: these four, in this order
        entry = table("job_array_response_msg_entry", (
            ("job_id", "job_id", INT32, "JobId"),
            ("error_code", "error_code", INT32, "numeric error code"),
            ("error", "error", STRING, "error code description"),
            ("why", "why", STRING, "error message"),
        ), version)
        return response("job_update_response", (
            ("results", "results", List(entry, "job_array_response_msg"), "Result per ArrayJob"),
            ("job_id", "job_id", STRING, None),
            ("step_id", "step_id", STRING, None),
            ("job_submit_user_msg", "job_submit_user_msg", STRING, None),
        ), version)
    entry = table("job_array_response_msg_entry", (
        ("job_id", "job_id", INT32, "Job ID for updated Job" if version == "v0.0.40" else "Job ID for updated job"),
        ("step_id", "step_id", STRING, "Step ID for updated Job" if version == "v0.0.40" else "Step ID for updated job"),
        ("error", "error", STRING, "Verbose update status or error"),
        ("error_code", "error_code", INT32, "Verbose update status or error"),
        ("why", "why", STRING, "Update response message"),
    ), version)
    results = List(entry, "job_array_response_array")
    return response("openapi_job_post_response", (
        # v0.0.42 sends null when slurmctld answered no results, which its schema (an array) forbids:
        # ours follows the schema with [] (a repair, README)
        ("results", "results", results, "Job update results"),
        ("job_id", "job_id", STRING, "First updated Job ID - Use results instead", UNTIL_V41),
        ("step_id", "step_id", STRING, "First updated Step ID - Use results instead", UNTIL_V41),
        ("job_submit_user_msg", "job_submit_user_msg", STRING,
         "First updated Job submision user message - Use results instead", V40),
        ("job_submit_user_msg", "job_submit_user_msg", STRING,
         "First updated Job submission user message - Use results instead", V41),
    ), version)


# -- DELETE jobs/: kill_jobs_msg_t --------------------------------------------------------------------
class _JobIds(_Described):
    """KILL_JOBS_MSG_JOBS_ARRAY: a list of job id strings."""

    doc = List(STRING, "kill_jobs_msg_jobs_array")

    def parse(self, value, at, report):
        check(EXPECT_LIST, value, at, report)
        if value is None:
            return {}
        if not isinstance(value, list):
            prefix = f"_v{report.ctx.parser.version[-2:]}" if report.ctx.parser.rules.versioned_parse_functions else ""
            report.fail(f"{prefix}_parse_KILL_JOBS_MSG_JOBS_ARRAY", CONVERSION_FAILED,
                        f"Unexpected type {slurm_type(value)} when expecting a list")
        items = [to_string(v) for v in value]
        if any(v is None for v in items):
            report.silent()
        return {"jobs": items}


class _KillUser(_Id):
    """USER_ID of kill_jobs_msg: null or "" leave KILL_JOB_MSG_INITIALIZER's SLURM_AUTH_NOBODY."""

    def parse(self, value, at, report):
        got = super().parse(value, at, report)
        return {} if got is None else {"user_id": got}


class _KillState(_Described):
    """JOB_STATE of kill_jobs_msg: the flag parser's bits (from 0: an unknown name alone is PENDING,
    as the reference reads it) into `state`."""

    def __init__(self, flags):
        self.doc = flags

    def parse(self, value, at, report):
        return {"state": self.doc.parse(value, at, report)}


class _KillNodes(_Described):
    """HOSTLIST_STRING of kill_jobs_msg: one host list expression, or a list of them (each converted
    to a string), -> one ranged expression into `nodelist`; null or "" none."""

    doc = HOSTLIST_STRING

    def parse(self, value, at, report):
        check(EXPECT_LIST, value, at, report)
        if value is None or value == "":
            return {}
        backend = report.ctx.slurm
        bad_input = 9216 if report.rules.hostlist_bad_input else CONVERSION_FAILED  # ESLURM_DATA_PARSE_BAD_INPUT
        if isinstance(value, str):
            ranged, bad = backend.ranged_hosts([value])
            if bad is not None:
                report.fail(at, bad_input, f"Invalid hostlist string: {value}")
            return {"nodelist": ranged}
        if not isinstance(value, list):
            report.fail(at, bad_input, f"string expected but got {report.shown(value)}")
        texts = []
        for v in value:
            text = None if isinstance(v, (list, dict)) else "" if v is None else to_string(v)
            if text is None:
                report.fail(at, bad_input, f"string expected but got {report.shown(v)}")
            texts.append(text)
        ranged, bad = backend.ranged_hosts(texts)
        if bad is not None:
            report.fail(at, bad_input, f"Invalid host string: {texts[bad]}")
        return {"nodelist": ranged}


# kill_jobs_msg_t as every version reads it (v0.0.40-45 alike; 26.05's admin_comment is read by none)
KILL_JOBS = (
    ("account", "account", STRING, "Filter jobs to a specific account"),
    ("flags", "flags", _FlagBits(_WARN_FLAGS, _WARN_FLAGS_V40), "Filter jobs according to flags"),
    ("job_name", "job_name", STRING, "Filter jobs to a specific name"),
    ("jobs", None, _JobIds(), "List of jobs to signal"),
    ("partition", "partition", STRING, "Filter jobs to a specific partition"),
    ("qos", "qos", STRING, "Filter jobs to a specific QOS"),
    ("reservation", "reservation", STRING, "Filter jobs to a specific reservation"),
    ("signal", "signal", _Signal(), "Signal to send to jobs"),
    ("job_state", None, _KillState(JOB_STATE), "Filter jobs to a specific state", V40 | V41 | V42 | V43),
    ("job_state", None, _KillState(JOB_STATE_V44), "Filter jobs to a specific state", V44_ON),
    ("user_id", None, _KillUser(False), "Filter jobs to a specific numeric user id"),
    ("user_name", "user_name", STRING, "Filter jobs to a specific user name"),
    ("wckey", "wckey", STRING, "Filter jobs to a specific wckey"),
    ("nodes", None, _KillNodes(), "Filter jobs to a set of nodes"),
)
# the filters' C fields, as slurm/jobs.py kill_jobs() takes them
KILL_FILTERS = ("account", "job_name", "partition", "qos", "reservation", "state", "user_id", "user_name", "wckey",
                "nodelist")


def parse_kill_jobs(version, value, at, report):
    """kill_jobs_msg: {jobs, signal, flags} and the filters (KILL_FILTERS: those the body gives;
    signal SIGKILL when not given, as KILL_JOB_MSG_INITIALIZER; flags 0)."""
    import signal

    expect_dict(value, at, report)
    out = {"jobs": [], "signal": int(signal.SIGKILL), "flags": 0}
    rows = [r for r in KILL_JOBS if not (len(r) > 4 and version not in r[4])]
    for key, field, type_, *_ in rows:
        if key in value:
            got = type_.parse(value[key], child(at, key), report)
            if field is None:
                out.update(got)
            else:
                out[field] = got
    known = {r[0] for r in rows}
    for key, v in value.items():
        if key not in known:
            unknown(v, child(at, key), report, "DATA_PARSER_KILL_JOBS_MSG")
    return out


def parse_alloc(version, value, at, report):
    """JOB_ALLOC_REQ: {hetjob, job} with the descriptions parsed (hetjob: a list of them, as
    parse_submit's jobs)."""
    expect_dict(value, at, report)
    out = {"hetjob": None, "job": None}
    if "hetjob" in value:
        out["hetjob"] = _desc_list(version, value["hetjob"], child(at, "hetjob"), report)
    if value.get("job") is not None:
        out["job"] = parse_job_desc(version, value["job"], child(at, "job"), report)
    for key, v in value.items():
        if key not in out:
            unknown(v, child(at, key), report, "DATA_PARSER_JOB_ALLOC_REQ")
    return out


def _alloc_response(version):
    from ..types import INT32
    from .meta import response

    return response("openapi_job_alloc_resp", (
        ("job_id", "job_id", INT32, "Submitted Job ID"),
        ("job_submit_user_msg", "job_submit_user_msg", STRING, "Job submission user message"),
    ), version)


def _kill_response(version):
    from ..types import INT32, List, table
    from .meta import response

    if version in UNTIL_V41:  # v0.0.40 and v0.0.41 answer with errors and warnings only
        return response("openapi_resp", (), version)
    job = table("kill_jobs_resp_job", (
        ("error/string", "string", STRING, "String error encountered signaling job"),
        ("error/code", "error_code", INT32, "Numeric error encountered signaling job"),
        ("error/message", "error_msg", STRING, "Error message why signaling job failed"),
        ("step_id", "id", STRING, "Job or Step ID that signaling failed"),
        ("job_id", "real_job_id", UINT32_NO_VAL, "Job ID that signaling failed"),
        ("federation/sibling", "sibling", STRING, "Name of federation sibling (may be empty for non-federation)"),
    ), version)
    return response("openapi_kill_job_resp", (
        ("status", "status", List(job, "kill_jobs_resp_msg"), "resultant status of signal request"),
    ), version)


def _kill_jobs_response(version):
    from ..types import INT32, List, table
    from .meta import response

    job = table("kill_jobs_resp_job", (
        ("error/string", "string", STRING, "String error encountered signaling job"),
        ("error/code", "error_code", INT32, "Numeric error encountered signaling job"),
        ("error/message", "error_msg", STRING, "Error message why signaling job failed"),
        ("step_id", "id", STRING, "Job or Step ID that signaling failed"),
        ("job_id", "real_job_id", UINT32_NO_VAL, "Job ID that signaling failed"),
        ("federation/sibling", "sibling", STRING, "Name of federation sibling (may be empty for non-federation)"),
    ), version)
    from ..types import REQUIRED
    from . import V40, V42, V43_ON

    status = List(job, "kill_jobs_resp_msg")
    out = response("openapi_kill_jobs_resp", (
        ("status", "status", status, "resultant status of signal request", V40 | V41 | V42),
        ("status", "status", status, "resultant status of signal request", V43_ON, REQUIRED),  # v0.0.43 on
    ), version)
    return out
