"""Field tables as data: how an older version's record differs from the newest, by path.

    TABLES = {"qos": reshape(move={"limits/max/jobs/active_jobs/per/account":
                                   "limits/max/jobs/per/account"},
                             drop=("limits/factor",))}

Paths are "a/b/c" as in the reference's parser tables. A table changes the record it is given (a
fresh one per request) and returns it; keys keep their order unless a step moves them.
"""


def _parent(record, path, create=False):
    *keys, last = path.split("/")
    for key in keys:
        if not isinstance(record, dict):
            return None, last
        if key not in record and create:
            record[key] = {}
        record = record.get(key)
    return (record if isinstance(record, dict) else None), last


def _pop(record, path):
    parent, last = _parent(record, path)
    if parent is None or last not in parent:
        return False, None
    return True, parent.pop(last)


def _set(record, path, value):
    target, key = _parent(record, path, create=True)
    target[key] = value


def _rebuild(obj, items):
    """Refill `obj` in place (it may be a slurm.convert.Record: its `raw` stays)."""
    obj.clear()
    obj.update(items)


def _rename(record, path, new):
    parent, last = _parent(record, path)
    if parent is not None and last in parent:
        _rebuild(parent, [(new if k == last else k, v) for k, v in list(parent.items())])


def _place_after(record, path, names):
    parent, last = _parent(record, path)
    if parent is None or last not in parent:
        return
    placed = [(n, parent.pop(n)) for n in names if n in parent]
    items = []
    for k, v in list(parent.items()):
        items.append((k, v))
        if k == last:
            items += placed
    _rebuild(parent, items)


def reshape(copy=None, move=None, drop=(), values=None, after=None, then=None):
    """A table. Its steps, in this order:
    `values` (path -> callable(record)) are computed first, from the record as given (a
    slurm.convert.Record also carries C values only older versions print: see raw());
    `copy` (path -> new path) and `move` (path -> new path) applied, a move within one object
    renaming the key where it is, one to another object adding it there last (after the drops);
    the `drop` paths removed (an object left empty by a drop goes too);
    the computed values set (where the key is, else last in its object);
    `after` (path -> sibling names): those keys put right after the path's key;
    then `then(record)` for what is not a matter of paths."""
    copy = tuple((copy or {}).items())
    renames = tuple((s, d) for s, d in (move or {}).items() if _same_object(s, d))
    moves = tuple((s, d) for s, d in (move or {}).items() if not _same_object(s, d))
    values = tuple((values or {}).items())
    after = tuple((after or {}).items())

    def table(record):
        computed = [(path, value(record)) for path, value in values]
        for src, dst in copy:
            parent, last = _parent(record, src)
            if parent is not None and last in parent:
                _set(record, dst, parent[last])
        for src, dst in renames:
            _rename(record, src, dst.rsplit("/", 1)[-1])
        moved = [(dst, _pop(record, src)) for src, dst in moves]
        for path in drop:
            _pop(record, path)
            _prune(record, path)
        for dst, (found, value) in moved:
            if found:
                _set(record, dst, value)
        for path, value in computed:
            _set(record, path, value)
        for path, names in after:
            _place_after(record, path, names)
        return then(record) if then else record

    return table


def _same_object(src, dst):
    return src.rpartition("/")[0] == dst.rpartition("/")[0]


def _prune(record, path):
    """Remove the objects along `path` that a drop left empty, innermost first."""
    keys = path.split("/")[:-1]
    while keys:
        parent, last = _parent(record, "/".join(keys))
        if parent is not None and parent.get(last) == {}:
            del parent[last]
        keys.pop()


# Values for `values`.
def raw(name):
    """The value a record keeps for older versions only (slurm.convert.Record.raw)."""
    return lambda record: record.raw[name]


def replaced(path, mapping):
    """The record's value at `path` with the words in `mapping` replaced (None: dropped), for
    lists of flag names or one name."""

    def value(record):
        parent, last = _parent(record, path)
        v = parent[last]
        if isinstance(v, list):
            return [mapping.get(x, x) for x in v if mapping.get(x, x) is not None]
        return mapping.get(v, v)

    return value
