"""The value syntaxes of Slurm's job options (sbatch's, and so the v0.0.38 job description's):
dates, durations, task distributions, CPU frequencies, signals, memory and GPU bindings, GPU
frequencies, profiles. Each parser returns the value(s) libslurm would store, or None when libslurm
would refuse the text. Pure Python, written from Slurm 22.05's behaviour (src/common/parse_time.c,
proc_args.c, cpu_frequency.c, slurm_resource_info.c, tres_bind.c, tres_frequency.c).
"""
import re
import time

from ..slurm.sentinels import INFINITE, NO_VAL  # noqa: F401 - re-exported
LONG_MIN, LONG_MAX, ULONG_MAX = -(2**63), 2**63 - 1, 2**64 - 1
C_SPACE = " \t\n\v\f\r"  # isspace() in the C locale
_DIGIT_VALUES = {c: i for i, c in enumerate("0123456789abcdefghijklmnopqrstuvwxyz")}
_DIGIT_VALUES.update((c.upper(), i) for c, i in list(_DIGIT_VALUES.items()))


# -- C's integer parsing: every option's numbers go through strtol() -------------------------
def strtol(text, base=10, unsigned=False):
    """C's strtol() (strtoul() when `unsigned`) -> (value, end): the number after C whitespace
    and a sign at the start of `text` (base 0: "0x" hex, "0" octal, else decimal; base 16 takes
    a "0x" too), and the index where parsing stopped, 0 when there was no number. Only ASCII
    digits count; out of range saturates as C does (LONG_MIN/LONG_MAX; strtoul: ULONG_MAX, and
    a negative value wraps), so no text is too long for it."""
    n, i = len(text), 0
    while i < n and text[i] in C_SPACE:
        i += 1
    negative = i < n and text[i] == "-"
    if i < n and text[i] in "+-":
        i += 1
    if base in (0, 16) and text[i:i + 2] in ("0x", "0X") and _DIGIT_VALUES.get(text[i + 2:i + 3], 16) < 16:
        i, base = i + 2, 16
    elif base == 0:
        base = 8 if text[i:i + 1] == "0" else 10
    j = i
    while j < n and _DIGIT_VALUES.get(text[j], base) < base:
        j += 1
    if j == i:
        return 0, 0
    digits = text[i:j].lstrip("0")
    magnitude = int(digits, base) if digits and len(digits) <= 64 else (0 if not digits else None)
    if unsigned:
        if magnitude is None or magnitude > ULONG_MAX:
            return ULONG_MAX, j
        return (-magnitude) % 2**64 if negative else magnitude, j
    if negative:
        return (LONG_MIN if magnitude is None or magnitude > -LONG_MIN else -magnitude), j
    return (LONG_MAX if magnitude is None or magnitude > LONG_MAX else magnitude), j


def c_int(n):
    """An integer stored into a C int (two's complement truncation)."""
    return (n + 2**31) % 2**32 - 2**31


def c_long(n):
    """An integer in a C long after wrap-around arithmetic."""
    return (n + 2**63) % 2**64 - 2**63


def c_whitespace(text):
    """xstring_is_whitespace(): nothing but C whitespace."""
    return all(ch in C_SPACE for ch in text)

# -- dates: parse_time(text, past=0) -> a Unix time, 0 when invalid ------------------------------
_UNITS = (("seconds", 1), ("second", 1), ("minutes", 60), ("minute", 60), ("hours", 3600),
          ("hour", 3600), ("days", 86400), ("day", 86400), ("weeks", 604800), ("week", 604800))
_NAMED_TIMES = (("midnight", 0), ("noon", 12), ("fika", 15), ("teatime", 16))


def _digit(s, i):
    return i < len(s) and "0" <= s[i] <= "9"


def _delta(s, i):
    """Seconds in "+N[unit]" / "-N[unit]" from the sign at i -> (seconds, index of the last char
    used), or None. Digits accumulate (in a wrapping C long) until a unit name ends the count."""
    count = digits = 0
    j = i + 1
    while j < len(s) and s[j] != "\n":
        if s[j] in C_SPACE:
            j += 1
            continue
        unit = next(((n, m) for n, m in _UNITS if s[j:j + len(n)].lower() == n), None)
        if unit:
            j += len(unit[0])
            count = c_long(count * unit[1])
            break
        if not _digit(s, j):
            return None
        count = c_long(count * 10 + int(s[j]))
        digits += 1
        j += 1
    return (count, j - 1) if digits else None


def _clock(s, i):
    """"HH:MM[:SS] [AM|PM]" at i -> (hour, minute, second, index of the last char used), or None."""
    if not _digit(s, i):
        return None
    hour = int(s[i])
    i += 1
    if i < len(s) and s[i] != ":":
        if not _digit(s, i):
            return None
        hour = hour * 10 + int(s[i])
        i += 1
    if hour > 23 or i >= len(s) or s[i] != ":":
        return None
    i += 1
    if not (_digit(s, i) and _digit(s, i + 1)):
        return None
    minute = int(s[i:i + 2])
    i += 2
    if minute > 59:
        return None
    second = 0
    if i < len(s) and s[i] == ":":
        i += 1
        if not (_digit(s, i) and _digit(s, i + 1)):
            return None
        second = int(s[i:i + 2])
        i += 2
        if second > 59:
            return None
    while i < len(s) and s[i].isspace():
        i += 1
    suffix = s[i:i + 2].lower()
    if suffix == "pm":
        hour += 12
        if hour > 23:
            if hour != 24:
                return None
            hour = 12
        i += 2
    elif suffix == "am":
        if hour > 11:
            if hour != 12:
                return None
            hour = 0
        i += 2
    return hour, minute, second, i - 1


def _date(s, i):
    """"YYYY-MM-DD", "MMDD[YY]", "MM/DD[/YY]", "MM.DD[.YY]" at i -> (month0, mday, year-1900 or
    None, index of the last char used), or None."""
    def two(i):  # one or two digits
        if not _digit(s, i):
            return None, i
        n, i = int(s[i]), i + 1
        if _digit(s, i):
            n, i = n * 10 + int(s[i]), i + 1
        return n, i

    if len(s) >= i + 7 and s[i + 4:i + 5] == "-" and s[i + 7:i + 8] == "-":
        if not all(_digit(s, k) for k in range(i, i + 4)):
            return None
        year = int(s[i:i + 4])
        month, j = two(i + 5)
        if month is None or not 1 <= month <= 12:
            return None
        day, j = two(j + 1)
        if day is None or not 1 <= day <= 31:
            return None
        return month - 1, day, year - 1900, j - 1
    month, j = two(i)
    if month is None or not 1 <= month <= 12:
        return None
    if j < len(s) and s[j] in "./":
        j += 1
    day, j = two(j)
    if day is None or not 1 <= day <= 31:
        return None
    if j < len(s) and s[j] in "./":
        j += 1
    year = None
    if _digit(s, j):
        if not _digit(s, j + 1):
            return None
        year = int(s[j:j + 2]) + 100
        j += 2
    return month - 1, day, year, j - 1


def parse_time(text, past=0, now=None):
    """Slurm's parse_time(): "now[+N unit]", "today", "tomorrow", "midnight", "noon", "fika",
    "teatime", "HH:MM[:SS][AM|PM]", "YYYY-MM-DD[THH:MM[:SS]]", "MM/DD[/YY][-HH:MM[:SS]]",
    "uts<seconds>" -> Unix time; 0 when invalid or when nothing was given. A date beyond what
    localtime() can represent is invalid here (the reference goes on with an uninitialised
    struct tm: no answer to reproduce)."""
    s = text
    if s[:3].lower() == "uts":
        n, end = strtol(s[3:])
        return n if 1000000 <= n < LONG_MAX and end == len(s) - 3 else 0
    now = int(time.time()) if now is None else now
    today = time.localtime(now)
    hour = minute = month = mday = year = -1
    second = 0
    i = 0
    while i < len(s) and s[i] != "\n":
        c = s[i]
        low = s[i:].lower()
        if c in " \t-T":
            i += 1
            continue
        if low.startswith("today"):
            month, mday, year = today.tm_mon - 1, today.tm_mday, today.tm_year - 1900
            i += 5
            continue
        if low.startswith("tomorrow"):
            t = time.localtime(now + 86400)
            month, mday, year = t.tm_mon - 1, t.tm_mday, t.tm_year - 1900
            i += 8
            continue
        named = next(((n, h) for n, h in _NAMED_TIMES if low.startswith(n)), None)
        if named:
            hour, minute, second = named[1], 0, 0
            i += len(named[0])
            continue
        if low.startswith("now"):
            delta = 0
            j = i + 3
            while True:
                if j < len(s) and s[j] in "+-":
                    got = _delta(s, j)
                    if got is None:
                        return 0
                    delta = got[0] if s[j] == "+" else c_long(-got[0])
                    j = got[1] + 1
                    break
                if j < len(s) and s[j] in " \t":
                    j += 1
                    continue
                if j >= len(s) or s[j] == "\n":
                    break
                return 0
            try:
                t = time.localtime(c_long(now + delta))
            except (OverflowError, OSError):
                return 0
            month, mday, year = t.tm_mon - 1, t.tm_mday, t.tm_year - 1900
            hour, minute, second = t.tm_hour, t.tm_min, t.tm_sec
            i = j
            continue
        if not _digit(s, i):
            return 0
        if s[i + 1:i + 2] == ":" or s[i + 2:i + 3] == ":":
            got = _clock(s, i)
            if got is None:
                return 0
            hour, minute, second, i = got
        else:
            got = _date(s, i)
            if got is None:
                return 0
            month, mday, y, i = got
            if y is not None:
                year = y
        i += 1
    if hour == -1 and month == -1:
        return 0
    if hour == -1:
        hour = minute = 0
    elif month == -1:
        now_hm = (today.tm_hour, today.tm_min)
        t = today if past or (hour, minute) > now_hm else time.localtime(now + 86400)
        month, mday, year = t.tm_mon - 1, t.tm_mday, t.tm_year - 1900
    if year == -1:
        this = (today.tm_mon - 1, today.tm_mday, today.tm_hour, today.tm_min)
        if past:
            year = today.tm_year - 1900 - (1 if month > today.tm_mon - 1 else 0)
        else:
            later = (month, mday, hour, minute) > this
            year = today.tm_year - 1900 + (0 if later else 1)
    try:
        return int(time.mktime((year + 1900, month + 1, mday, hour, minute, second, 0, 0, -1)))
    except (OverflowError, ValueError):
        return 0


# -- durations --------------------------------------------------------------------------------
def _valid_timespec(text):
    """Digits, at most one "-" (before any ":") and two ":", with enough numbers around them."""
    if not re.fullmatch(r"[0-9:-]*", text) or re.search(r":.*-", text):
        return False
    numbers = len(re.findall(r"\d+", text))
    dashes, colons = text.count("-"), text.count(":")
    if not numbers or dashes > 1 or colons > 2:
        return False
    return numbers >= colons + 1 + (1 if dashes else 0) if colons else True


def _scan(text, separators):
    """sscanf("%d<sep>%d<sep>%d...") -> the integers read before the first mismatch (each
    strtol() stored into an int, as glibc does)."""
    out = []
    for i, sep in enumerate(("",) + separators):
        if i and not text.startswith(sep):
            break
        text = text[len(sep):]
        n, end = strtol(text)
        if not end:
            break
        out.append(c_int(n))
        text = text[end:]
    return out


def time_str2secs(text):
    """"m", "m:s", "h:m:s", "d-h", "d-h:m", "d-h:m:s" -> seconds; INFINITE for "-1",
    "INFINITE", "UNLIMITED"; NO_VAL when invalid. C's int arithmetic wraps, and a sum that
    lands on NO_VAL is invalid there too."""
    if not text:
        return NO_VAL
    if text.lower() in ("-1", "infinite", "unlimited"):
        return INFINITE
    if not _valid_timespec(text):
        return NO_VAL
    if "-" in text:
        d, h, m, s = (_scan(text, ("-", ":", ":")) + [0, 0, 0, 0])[:4]
        return (d * 86400 + h * 3600 + m * 60 + s) & 0xFFFFFFFF
    fields = _scan(text, (":", ":"))
    if len(fields) == 3:
        return (fields[0] * 3600 + fields[1] * 60 + fields[2]) & 0xFFFFFFFF
    m, s = (fields + [0, 0])[:2]
    return (m * 60 + s) & 0xFFFFFFFF


# -- task distribution -----------------------------------------------------------------------
SLURM_DIST_ARBITRARY = 0x0003
SLURM_DIST_PLANE = 0x0004
SLURM_DIST_UNKNOWN = 0x2000
SLURM_DIST_STATE_BASE = 0xFFFF
_DIST_LEVELS = ({"cyclic": 0x1, "block": 0x2}, {"cyclic": 0x10, "block": 0x20, "fcyclic": 0x30},
                {"cyclic": 0x100, "block": 0x200, "fcyclic": 0x300})
_DIST_FLAGS = {"pack": 0x800000, "nopack": 0x400000}


def distribution(text):
    """"block", "cyclic:block", "*:*:fcyclic", "plane=N", "arbitrary", ",pack"... ->
    (task_dist, plane_size or None); None when invalid."""
    if text[:5].lower() == "plane":
        _, eq, size = text.partition("=")
        n, end = strtol(size)
        if not eq or not end or end < len(size) or not 0 < n <= 2**31 - 1:
            return None
        return SLURM_DIST_PLANE, n
    if not text or text[0] == ",":
        return None
    base, _, flags = text.partition(",")
    tokens = [t for t in base.split(":") if t]
    if not tokens or len(tokens) > 3:
        return None
    names, sock = [], None
    for i, token in enumerate(tokens):
        name = ("block", "cyclic", sock)[i] if token == "*" else token
        if i == 1:
            sock = name
        names.append(name.lower())
    if names in (["arbitrary"], ["hostfile"]):
        result = SLURM_DIST_ARBITRARY
    elif (len(names) == 1 and names[0] in _DIST_LEVELS[0]) or (
            len(names) > 1 and all(n in _DIST_LEVELS[i] for i, n in enumerate(names))
            and names[0] != "fcyclic"):
        result = sum(_DIST_LEVELS[i][n] for i, n in enumerate(names))
    elif len(names) == 1 and names[0] in _DIST_FLAGS:
        result = SLURM_DIST_UNKNOWN | _DIST_FLAGS[names[0]]
    else:
        return None
    if flags:
        if flags.lower() not in _DIST_FLAGS:
            return None
        result |= _DIST_FLAGS[flags.lower()]
    return result, None


def distribution_name(task_dist):
    """format_task_dist_states(): the name of a distribution's base ("block", "cyclic:fcyclic",
    "plane", ...; "unknown" for any other)."""
    base = task_dist & SLURM_DIST_STATE_BASE
    if base == SLURM_DIST_PLANE:
        return "plane"
    if base == SLURM_DIST_ARBITRARY:
        return "arbitrary"
    names = []
    for level, shift in zip(_DIST_LEVELS, (0, 4, 8)):
        part = base & (0xF << shift)
        if not part:
            break
        name = next((n for n, v in level.items() if v == part), None)
        if name is None:
            return "unknown"
        names.append(name)
    if not names or base & ~sum(0xF << s for s in (0, 4, 8)[:len(names)]) or names[0] == "fcyclic":
        return "unknown"
    return ":".join(names)


# -- CPU frequency ---------------------------------------------------------------------------
CPU_FREQ_RANGE_FLAG = 0x80000000
_FREQS = (("lo", 0x80000001, "Low"), ("him1", 0x80000004, "Highm1"),
          ("highm1", 0x80000004, "Highm1"), ("hi", 0x80000003, "High"),
          ("med", 0x80000002, "Medium"))
_GOVERNORS = (("co", 0x88000000, "Conservative"), ("perf", 0x82000000, "Performance"),
              ("pow", 0x81000000, "PowerSave"), ("user", 0x80800000, "UserSpace"),
              ("onde", 0x84000000, "OnDemand"), ("sche", 0x80400000, "SchedUtil"))
_FREQ_NAMES = {value: name for _, value, name in _FREQS + _GOVERNORS}


def _governor(text):
    return next((v for p, v, _ in _GOVERNORS if text.lower().startswith(p)), 0)


def _frequency(text):
    named = next((v for p, v, _ in _FREQS if text.lower().startswith(p)), None)
    if named:
        return named
    return strtol(text, unsigned=True)[0] & 0xFFFFFFFF  # strtoul() into a uint32_t; 0: invalid


def cpu_frequency(text, allowed_governors):
    """"low", "2000", "low-high", "1000-2000:performance", "ondemand" -> (min, max, governor)
    with NO_VAL for each part not given; None when invalid or the governor is not one the
    cluster's CpuFreqGovernors allows."""
    head, colon, gov_text = text.partition(":")
    low, dash, high = head.partition("-")
    fmin = fmax = gov = NO_VAL
    g = _governor(low)
    if g:
        if colon:
            return None
        gov = g
    else:
        fmax = _frequency(low)
        if not fmax:
            return None
    if dash:
        f = _frequency(high)
        if not f:
            return None
        fmin, fmax = fmax, f
        if fmax < fmin:
            return None
    if colon:
        if not dash:
            return None
        gov = _governor(gov_text)
        if not gov:
            return None
    if gov != NO_VAL and not (gov & allowed_governors) & ~CPU_FREQ_RANGE_FLAG:
        return None
    return fmin, fmax, gov


def _check_freq(text):
    """_cpu_freq_check_freq() since 23.11: a synonym's value, or the whole text as decimal kHz
    (anything after the digits: 0, invalid), in a uint32_t."""
    named = next((v for p, v, _ in _FREQS if text.lower().startswith(p)), None)
    if named:
        return named
    value, end = strtol(text, unsigned=True)
    return value & 0xFFFFFFFF if end == len(text) else 0


def cpu_frequency_verified(text, allowed_governors, default_governor):
    """cpu_freq_verify_cmdline() of libslurm since 23.11 (24.11, 26.05): "p1[-p2][:p3]" ->
    (min, max, governor), NO_VAL for each part not set, or None when refused. Unlike 22.05's
    (cpu_frequency()), a range needs a governor (p3, or CpuFreqDef: `default_governor`, NO_VAL
    when unset), p3 alone may only be UserSpace, a range cannot be UserSpace, and one frequency
    alone sets UserSpace."""
    fmin = fmax = gov = NO_VAL
    head, colon, p3 = text.partition(":")
    dash = "-" in text
    if dash:
        p1, _, rest = text.partition("-")
        # up to the colon; a colon before the dash: all the rest (xstrndup() of a negative length)
        p2 = rest.partition(":")[0] if colon and text.index(":") > text.index("-") else rest
    else:
        p1, p2 = head, None
    ok = True
    g = _governor(p1)
    if g:
        if colon:
            ok = False
        else:
            gov = g
    else:
        fmax = _check_freq(p1)
        ok = bool(fmax)
    if ok and p2 is not None:
        if not colon and default_governor == NO_VAL:
            ok = False
        else:
            f = _check_freq(p2)
            fmin, fmax = fmax, f
            ok = bool(f) and fmax >= fmin
    if ok and colon:
        g = _governor(p3)
        if not g or (p2 is None and g != 0x80800000) or (p2 is not None and g == 0x80800000):
            ok = False
        else:
            gov = g
    elif ok and p2 is not None and gov == NO_VAL and default_governor != NO_VAL:
        gov = default_governor
    if ok and gov == NO_VAL and p2 is None and not colon:
        gov = 0x80800000  # CPU_FREQ_USERSPACE
    if gov != NO_VAL and not (gov & allowed_governors) & ~CPU_FREQ_RANGE_FLAG:
        ok = False
    return (fmin, fmax, gov) if ok else None


def cpu_frequency_text(fmin, fmax, gov):
    """The SLURM_CPU_FREQ_REQ form of a request (cpu_freq_to_cmdline()); None when unset.
    Plain kHz values are written as numbers."""
    def name(v):
        if v & CPU_FREQ_RANGE_FLAG:
            return _FREQ_NAMES.get(v, "Unknown")
        return str(v)

    parts = [None if v in (NO_VAL, 0) else name(v) for v in (fmin, fmax, gov)]
    lo, hi, g = parts
    if lo and hi and g:
        return f"{lo}-{hi}:{g}"
    if lo and hi:
        return f"{lo}-{hi}"
    return hi or g


# -- signals ---------------------------------------------------------------------------------
KILL_JOB_RESV = 1 << 8
_SIGNALS = {"HUP": 1, "INT": 2, "QUIT": 3, "ABRT": 6, "KILL": 9, "ALRM": 14, "TERM": 15,
            "USR1": 10, "USR2": 12, "URG": 23, "CONT": 18, "STOP": 19, "TSTP": 20, "TTIN": 21,
            "TTOU": 22, "XCPU": 24}


def signal_number(text):
    """sig_name2num(): "10", "USR1", "SIGUSR1" -> number (strtol() into an int); 0 when
    unknown."""
    n, end = strtol(text)
    if end:
        return c_int(n) if c_whitespace(text[end:]) else 0
    name = text.lstrip(C_SPACE)
    if name[:3].upper() == "SIG":
        name = name[3:]
    for sig, number in _SIGNALS.items():
        if name[:len(sig)].upper() == sig and c_whitespace(name[len(sig):]):
            return number
    return 0


def signal(text):
    """"[R][:]sig[@seconds]" -> (warn_signal, warn_time, warn_flags); None when invalid. A
    daemon does not take sbatch's "B" (batch shell only) flag."""
    flags = 0
    if text[:1].upper() == "R":
        flags |= KILL_JOB_RESV
        text = text[1:]
    if text[:1] == ":":
        text = text[1:]
    sig_text, at, when = text.partition("@")
    number = signal_number(sig_text) & 0xFFFF
    if number < 1:
        return None
    if not at:
        return number, 60, flags
    seconds, end = strtol(when)
    if not 0 <= seconds <= 0xFFFF or when[end:]:
        return None
    return number, seconds, flags


# -- memory binding --------------------------------------------------------------------------
MEM_BIND_VERBOSE, MEM_BIND_NONE, MEM_BIND_RANK, MEM_BIND_MAP = 0x01, 0x02, 0x04, 0x08
MEM_BIND_MASK, MEM_BIND_LOCAL, MEM_BIND_SORT, MEM_BIND_PREFER = 0x10, 0x20, 0x40, 0x80
MEM_BIND_MAX = 128 * 1024  # slurmctld refuses a longer mem_bind (ESLURM_PATHNAME_TOO_LONG)
_DEC = frozenset("0123456789")
_HEX = frozenset("0123456789abcdefABCDEF")
_MEM_BIND_TYPES = MEM_BIND_NONE | MEM_BIND_RANK | MEM_BIND_LOCAL | MEM_BIND_MAP | MEM_BIND_MASK


def _expand_list(text, mask):
    """"1*4,2" -> "1,1,1,1,2" (a map or mask list with multipliers); None when invalid. The
    expansion stops just past MEM_BIND_MAX: slurmctld refuses it all the same, where the
    reference would spend minutes (or forever) writing out a multiplier of 10**18."""
    digits = _HEX if mask else _DEC
    out, size = [], 0
    for tok in (t for t in text.split(",") if t):
        if mask and tok.startswith("0x"):
            tok = tok[2:]
        value, star, count = tok.partition("*")
        times = 1
        if star:
            if any(ch not in _DEC for ch in count):
                return None
            times = strtol(count)[0]
            if times <= 0 or times == LONG_MAX:
                return None
        if any(ch not in digits for ch in value):
            return None
        times = min(times, max(0, MEM_BIND_MAX + 1 - size) // (len(value) + 1) + 1)
        out += [value] * times
        size += times * (len(value) + 1)
    return ",".join(out)


def memory_binding(text):
    """"local", "rank,v", "map_mem:0,1", "mask_mem:0x1*2", "sort,prefer"... ->
    (mem_bind list or None, mem_bind_type bits); None when invalid."""
    # "," before something that is not a value separates options; inside lists it separates values
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch == "," and not re.match(r"[0-9]|[0-9a-fA-F]*(,|$)", text[i + 1:]):
            chars[i] = ";"
    bind, flags = None, 0
    for tok in "".join(chars).split(";"):
        low = tok.lower()
        if low in ("p", "prefer"):
            flags |= MEM_BIND_PREFER
        elif low == "nosort":
            flags &= ~MEM_BIND_SORT
        elif low == "sort":
            flags |= MEM_BIND_SORT
        elif low in ("q", "quiet"):
            flags &= ~MEM_BIND_VERBOSE
        elif low in ("v", "verbose"):
            flags |= MEM_BIND_VERBOSE
        elif low in ("no", "none", "rank", "local"):
            kind = {"rank": MEM_BIND_RANK, "local": MEM_BIND_LOCAL}.get(low, MEM_BIND_NONE)
            flags, bind = (flags & ~_MEM_BIND_TYPES) | kind, None
        elif low.startswith(("map_mem", "mapmem", "mask_mem", "maskmem")):
            mask = low.startswith("mask")
            parts = re.split(r"[:=]", tok)
            listed = parts[1] if len(parts) > 1 else ""
            flags = (flags & ~_MEM_BIND_TYPES) | (MEM_BIND_MASK if mask else MEM_BIND_MAP)
            bind = _expand_list(listed, mask) if listed else None
            if bind is None:
                return None
        else:
            return None
    return bind, flags


# -- GPU binding and frequency (the gpu part of --tres-bind / --tres-freq) -------------------
def _gpu_tres_valid(text, valid_gpu):
    """tres_{bind,freq}_verify_cmdline() on "gpu:<text>": ";" separates TRES specifications,
    each "gpu:<spec>" (the only TRES supported)."""
    for tok in (t for t in f"gpu:{text}".split(";") if t):
        name, colon, spec = tok.partition(":")
        if not colon or name != "gpu" or not valid_gpu(spec):
            return False
    return True


def _valid_num(text):
    n = strtol(text, 0)[0]
    return 0 <= n < LONG_MAX


def _valid_num_list(text, hex_digits):
    """"0,1*2" (hex: "0x3,f*2"): each number, and count after "*", a non-negative long."""
    for tok in (t for t in text.split(",") if t):
        if hex_digits and tok.startswith("0x"):
            tok = tok[2:]
        if any(ch not in (_HEX if hex_digits else _DEC) and ch != "*" for ch in tok):
            return False
        n, end = strtol(tok, 16 if hex_digits else 10)
        if not 0 <= n < LONG_MAX or tok[end:end + 1] not in ("", "*"):
            return False
        if tok[end:end + 1] == "*":
            count = tok[end + 1:]
            n, end = strtol(count, 0)
            if not 0 <= n < LONG_MAX or end < len(count):
                return False
    return True


def _valid_gpu_bind(text):
    if text[:8].lower() == "verbose,":
        text = text[8:]
    low = text.lower()
    if low.startswith("c") or low.startswith("n"):
        return True
    if low.startswith("map_gpu:"):
        return _valid_num_list(text[8:], False)
    if low.startswith("mask_gpu:"):
        return _valid_num_list(text[9:], True)
    if low.startswith("per_task:"):
        return _valid_num(text[9:])
    if low.startswith("single:"):
        return _valid_num(text[7:])
    return False


def gpu_binding_valid(text):
    """--gpu-bind: "closest", "none", "map_gpu:0,1", "mask_gpu:0x3", "single:2", "per_task:1",
    each optionally after "verbose,"."""
    return _gpu_tres_valid(text, _valid_gpu_bind)


def _freq_value(text):
    if text[:1] in _DEC:
        n, end = strtol(text)
        return 0 <= n < LONG_MAX and end == len(text)
    return text in ("low", "medium", "high", "highm1")


def _valid_gpu_freq(text):
    if not text:
        return False
    for tok in (t for t in text.split(",") if t):
        name, eq, value = tok.partition("=")
        if eq:
            if name != "memory" or not _freq_value(value):
                return False
        elif not _freq_value(tok) and tok != "verbose":
            return False
    return True


def gpu_frequency_valid(text):
    """--gpu-freq: "low", "1000", "medium,memory=high", "verbose"..."""
    return _gpu_tres_valid(text, _valid_gpu_freq)


# -- acct_gather profile ---------------------------------------------------------------------
PROFILE_NONE, PROFILE_ALL = 0x1, 0xFFFFFFFF
_PROFILES = (("energy", 0x2, "Energy"), ("lustre", 0x8, "Lustre"), ("network", 0x10, "Network"),
             ("task", 0x4, "Task"))


def profile(text):
    """--profile: "none", "all", or any of energy/task/lustre/network found in the text."""
    low = text.lower()
    if "none" in low:
        return PROFILE_NONE
    if "all" in low:
        return PROFILE_ALL
    return sum(bit for name, bit, _ in _PROFILES if name in low)


def profile_text(value):
    if value == 0:
        return "NotSet"
    if value == PROFILE_NONE:
        return "None"
    return ",".join(label for _, bit, label in _PROFILES if value & bit)
