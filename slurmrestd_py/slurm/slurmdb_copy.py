"""What copy.copier cannot follow in slurmdb records: their Lists of other records, copied out
whole in turn (`extras` functions for Connection.query_list)."""
from ._lib import load
from .copy import copier


def _list(c_list, ctype, extras=None):
    """The records of a C List of `ctype` structs ([] for NULL)."""
    from .slurmdb_records import walk

    ffi, lib = load()
    copy = copier(ffi, ctype, extras)
    return [copy(ffi.cast(ctype + " *", item)) for item in walk(ffi, lib, c_list)]


def wckey(c, record):
    record["accounting_list"] = []  # usage is not asked for where wckeys are listed in users


def account(c, record):
    record["assoc_list"] = _list(c.assoc_list, "slurmdb_assoc_rec_t")
    record["coordinators"] = _list(c.coordinators, "slurmdb_coord_rec_t")


def user(c, record):
    record["assoc_list"] = _list(c.assoc_list, "slurmdb_assoc_rec_t")
    record["coord_accts"] = _list(c.coord_accts, "slurmdb_coord_rec_t")
    record["wckey_list"] = _list(c.wckey_list, "slurmdb_wckey_rec_t", wckey)


def _strings(c_list):
    from .slurmdb_records import walk

    ffi, lib = load()
    if c_list == ffi.NULL:
        return None
    return [ffi.string(ffi.cast("char *", item)).decode("utf-8", "replace") for item in walk(ffi, lib, c_list)]


def assoc(c, record):
    """An association whole: its QOS (ids as strings, None for no list) and usage records."""
    record["qos_list"] = _strings(c.qos_list)
    record["accounting_list"] = _list(c.accounting_list, "slurmdb_accounting_rec_t")


def strings(c_list):
    """A C List of strings (what slurmdb_*_remove answer) -> [str]."""
    return _strings(c_list) or []
