"""C values -> plain Python: Slurm's sentinels, strings, bit flags. No libslurm needed.

Sentinels (slurm.h): NO_VAL* = "not set", INFINITE* = "unlimited". What the reference renders for
them depends on the field, so callers pick: `unset(v, bits)` -> None for NO_VAL, `number(v, bits)`
-> None / "INFINITE" / int ... The test suite checks these numbers against the compiled constants.
"""

from .sentinels import (  # noqa: F401 - re-exported for the record modules
    INFINITE, INFINITE8, INFINITE16, INFINITE64, NO_VAL, NO_VAL8, NO_VAL16, NO_VAL64)
from .sentinels import INFINITE_BY_BITS as _INFINITE
from .sentinels import NO_VAL_BY_BITS as _NO_VAL



class Record(dict):
    """A record (a plain dict to the encoders) that also carries, in `raw`, C values only an older
    API version prints: the newest shape cannot always be turned back into them."""

    __slots__ = ("raw",)

    def __init__(self, fields, **raw):
        super().__init__(fields)
        self.raw = raw


def is_no_val(value, bits=32):
    return value == _NO_VAL[bits]


def is_infinite(value, bits=32):
    return value == _INFINITE[bits]


def unset(value, bits=32):
    """None for NO_VAL of that width, the value otherwise."""
    return None if value == _NO_VAL[bits] else value


def number(value, bits=32, no_val=None, infinite="INFINITE"):
    """A sentinel-aware integer: `no_val` for NO_VAL, `infinite` for INFINITE, else the int."""
    if value == _NO_VAL[bits]:
        return no_val
    if value == _INFINITE[bits]:
        return infinite
    return value


def string(ffi, ptr, null=None):
    """A `char *` as str (`null` for NULL); bytes that are not UTF-8 become U+FFFD."""
    if ptr == ffi.NULL:
        return null
    return ffi.string(ptr).decode("utf-8", "replace")


def string_list(ffi, array, count, null=None):
    return [string(ffi, array[i], null) for i in range(count)]


def flags(value, table):
    """Bit flags -> names, in `table` order: `table` is a sequence of (bit, name)."""
    return [name for bit, name in table if value & bit]


def uid_name(uid):
    """User name of a uid, or its decimal string if none (as Slurm's uid_to_string_or_null + "%u")."""
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def int64(value):
    """A uint64_t as the reference's data_set_int() prints it: as int64_t (NO_VAL64 -> -2)."""
    return value - (1 << 64) if value >= (1 << 63) else value


def user_or_none(uid):
    """User name of a uid, or None if there is none (Slurm's uid_to_string_or_null)."""
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except (KeyError, OverflowError):
        return None


def tres_counts(text):
    """slurmdb_tres_list_from_string(REPLACE): {id: count} in first-seen order,
    from an "id=count,..." string (a slurmdbd TRES limit)."""
    out = {}
    for part in text.lstrip(",").split(","):
        tres_id, sep, count = part.partition("=")
        if not sep or not tres_id.isdigit() or int(tres_id) <= 0:
            break
        out[int(tres_id)] = int(count) if count.isdigit() else 0
    return out
