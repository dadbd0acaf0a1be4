"""Field tables as data: how an older version's record differs from the newest, by path.

    TABLES = {"qos": reshape(move={"limits/max/jobs/active_jobs/per/account":
                                   "limits/max/jobs/per/account"},
                             drop=("limits/factor",))}

Paths are "a/b/c" as in the reference's parser tables. A table changes the record it is given (a
fresh one per request) and returns it.
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


def reshape(move=None, copy=None, drop=(), then=None):
    """A table: `copy` (path -> new path) and `move` (path -> new path) applied first, then the
    `drop` paths removed (an object left empty by a drop goes too), then `then(record)` for what
    is not a matter of paths."""
    move = tuple((move or {}).items())
    copy = tuple((copy or {}).items())

    def table(record):
        for src, dst in copy:
            parent, last = _parent(record, src)
            if parent is not None and last in parent:
                target, key = _parent(record, dst, create=True)
                target[key] = parent[last]
        moved = [(dst, _pop(record, src)) for src, dst in move]
        for path in drop:
            _pop(record, path)
            _prune(record, path)
        for dst, (found, value) in moved:
            if found:
                target, key = _parent(record, dst, create=True)
                target[key] = value
        return then(record) if then else record

    return table


def _prune(record, path):
    """Remove the objects along `path` that a drop left empty, innermost first."""
    keys = path.split("/")[:-1]
    while keys:
        parent, last = _parent(record, "/".join(keys))
        if parent is not None and parent.get(last) == {}:
            del parent[last]
        keys.pop()
