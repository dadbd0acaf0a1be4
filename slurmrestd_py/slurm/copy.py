"""C structs -> plain dicts keyed by Slurm's own field names, whole and unjudged.

Every field the binding declares is copied: integers as they are (NO_VAL and INFINITE stay what they
are: only a parser knows what a version makes of them), `char *` as str (None for NULL), embedded
structs as dicts. Pointers to anything else need knowledge of a count or a type: a struct's `extras`
copy those, by name. Which fields exist is the compiler's business (the binding is built per
release), so a field a release lacks is simply absent here; the parser decides what a version
writes instead.
"""


def _kinds(ffi, ctype):
    """(name, how) for each declared field of `ctype`: "int", "str", "struct" (with its copier),
    or None (a pointer only an `extras` function can follow)."""
    out = []
    for name, field in (ffi.typeof(ctype) if isinstance(ctype, str) else ctype).fields:
        t = field.type
        if t.kind in ("primitive", "enum"):
            out.append((name, "int"))
        elif t.kind == "pointer" and t.item.kind == "primitive" and t.item.cname == "char":
            out.append((name, "str"))
        elif t.kind == "struct":
            out.append((name, copier(ffi, t)))
        else:
            out.append((name, None))
    return out


_copiers = {}


def copier(ffi, ctype, extras=None):
    """A function: cdata of `ctype` (a struct, or a pointer to one) -> dict of every field.
    `extras(cdata, record)` adds what plain fields cannot say (arrays with their counts ...)."""
    key = (ctype if isinstance(ctype, str) else ctype.cname, extras)
    if key in _copiers:
        return _copiers[key]
    kinds = _kinds(ffi, ctype)
    ints = tuple(n for n, how in kinds if how == "int")
    strs = tuple(n for n, how in kinds if how == "str")
    structs = tuple((n, how) for n, how in kinds if callable(how))
    null, string = ffi.NULL, ffi.string

    def copy(c):
        record = {n: getattr(c, n) for n in ints}
        for n in strs:
            p = getattr(c, n)
            record[n] = None if p == null else string(p).decode("utf-8", "replace")
        for n, sub in structs:
            record[n] = sub(getattr(c, n))
        if extras is not None:
            extras(c, record)
        return record

    _copiers[key] = copy
    return copy


def strings(ffi, array, count):
    """A `char **` of `count` items -> [str] (None for a NULL item)."""
    if array == ffi.NULL:
        return []
    return [None if array[i] == ffi.NULL else ffi.string(array[i]).decode("utf-8", "replace")
            for i in range(count)]


def array(ptr, count, copy):
    """`count` structs from `ptr` (an array), each copied."""
    return [copy(ptr + i) for i in range(count)]
