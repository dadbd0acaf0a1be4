"""Building blocks of the older versions' field tables: a record in the newest shape -> a new dict,
in the same key order, with keys left out, renamed, recomputed or added after a given key."""


def table(drop=(), rename=None, values=None, after=None):
    """callable(record) -> dict. `drop`: keys left out; `rename`: old -> new name; `values`: name
    (the new one) -> callable(record) giving its value; `after`: key -> names added right after it
    (each computed by `values`)."""
    drop, rename, values, after = frozenset(drop), rename or {}, values or {}, after or {}

    def render(record):
        out = {}
        for key, value in record.items():
            if key not in drop:
                name = rename.get(key, key)
                out[name] = values[name](record) if name in values else value
            for name in after.get(key, ()):
                out[name] = values[name](record)
        return out

    return render


def raw(name):
    """The value a record keeps for older versions only (slurm.convert.Record.raw)."""
    return lambda record: record.raw[name]


def replaced(key, mapping):
    """The record's `key` with the words in `mapping` replaced (None: dropped), for lists of
    flag names or one name."""

    def value(record):
        v = record[key]
        if isinstance(v, list):
            return [mapping.get(x, x) for x in v if mapping.get(x, x) is not None]
        return mapping.get(v, v)

    return value
