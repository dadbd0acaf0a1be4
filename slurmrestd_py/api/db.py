"""What the slurmdbd operations share: the request's connection, the reply they build, query flags.

The reference's dbv0.0.38 handlers gather errors[] as they go and may still answer 200 (a bad query
field on GET /accounts is reported, then ignored); `Reply` does the same, and a failure carries
every error and the payload built so far.
"""
from ..slurm.slurmdb import DbError, error_entry

ESLURM_REST_INVALID_QUERY = 9000
ESLURM_REST_FAIL_PARSING = 9001
ESLURM_REST_EMPTY_RESULT = 9003
ESLURM_DATA_PATH_NOT_FOUND = 9200

_TRUE = ("true", "yes", "1", "y", "t")
_FALSE = ("false", "no", "0", "n", "f")


def connection(ctx):
    """The request's slurmdbd connection, opened on first use; it commits when the request ends
    only if the handler succeeded, rolls back otherwise, and closes."""
    conn = getattr(ctx, "_slurmdb", None)
    if conn is None:
        conn = ctx.slurm.slurmdb()
        ctx._slurmdb = conn
        ctx.on_finish(conn.finish)
    return conn


class Reply:
    """A payload under construction and the errors[] gathered so far."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.errors = []
        self.data = {}

    @property
    def db(self):
        return connection(self.ctx)

    def call(self, fn, *args, **kw):
        """Run a backend call; a DbError joins errors[] and fails the request with this payload."""
        try:
            return fn(*args, **kw)
        except DbError as e:
            self.errors.extend(e.entries())
            self.data.update(e.payload or {})
            raise DbError(e.rc, self.errors, self.data) from None

    def error(self, code, description=None, source=None):
        self.errors.append(error_entry(code, description, source))
        return code

    def fail(self, rc):
        raise DbError(rc, self.errors, self.data)

    def item(self, fn, *args):
        """A backend call for one item of a POST: its failure is reported, and the request fails
        with ESLURM_REST_INVALID_QUERY, as the reference's per-item loops end."""
        try:
            return fn(*args)
        except DbError as e:
            self.errors.extend(e.entries())
            self.fail(ESLURM_REST_INVALID_QUERY)

    def parse(self, table, item, env):
        """One body item through db_parse; a parse failure fails the request as `item` does."""
        from .db_parse import Fail, parse

        try:
            return parse(table, item, env, self.errors)
        except Fail:
            self.fail(ESLURM_REST_INVALID_QUERY)

    def done(self):
        return {"errors": self.errors, **self.data}


def posting(step):
    """A handler running one POST step alone: its own Reply, committed at the end. (POST /config
    runs the same steps on one Reply with commit=False.)"""
    def handler(ctx):
        r = Reply(ctx)
        step(r, commit=True)
        return r.done()
    return handler


def with_deleted(reply, strict=True):
    """The only query field of accounts/users/qos GETs: `with_deleted` (a Boolean).

    Returns the flag. A bad query records the reference's error, then fails the request, or, when not
    `strict` (GET /accounts carries on), returns None. A version that reads no query lists deleted
    records too."""
    if reply.ctx.plugin.rule("always_with_deleted"):
        return True
    flag = False
    for key, values in reply.ctx.request.query.items():
        value = values[-1] if values else ""
        if key.lower() != "with_deleted":
            reply.error(ESLURM_REST_INVALID_QUERY, "Unknown query field")
            break
        if value.lower() in _TRUE:
            flag = True
        elif value.lower() in _FALSE:
            flag = False
        else:
            reply.error(ESLURM_REST_INVALID_QUERY, "must be a Boolean")
            break
    else:
        return flag
    if strict:
        reply.fail(ESLURM_REST_INVALID_QUERY)
    return None


def body_list(reply, key):
    """The list under `key` in the request body, as the reference's get_query_key_list() finds it."""
    body = reply.ctx.body
    if body is None:
        reply.error(ESLURM_REST_INVALID_QUERY, "No query provided", "HTTP query")
        return None
    if not isinstance(body, dict) or key not in body:
        reply.error(ESLURM_DATA_PATH_NOT_FOUND, "Query parameter not found", key)
        return None
    if not isinstance(body[key], list):
        reply.error(ESLURM_DATA_PATH_NOT_FOUND, "Query parameter must be a list", key)
        return None
    return body[key]


def each_dict(reply, items, description, code=ESLURM_REST_INVALID_QUERY):
    """The items of a POST list, failing the request at the first one that is no dictionary."""
    for item in items:
        if not isinstance(item, dict):
            reply.error(code, description)
            reply.fail(ESLURM_REST_INVALID_QUERY)
        yield item


def string_field(value):
    """A body value as the reference's string parser takes it: null -> None, scalars -> text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    raise ValueError


ESLURM_DATA_CONV_FAILED = 9202


def lookup(item, path, absent=None):
    """The value at "a/b" in a body item; `absent` when any step is missing or not an object, or
    when the value is an empty list (the reference's data_resolve_dict_path() finds no such
    value: `"flags": []` is no field at all)."""
    for key in path.split("/"):
        if not isinstance(item, dict) or key not in item:
            return absent
        item = item[key]
    return absent if item == [] else item


def field(reply, item, path, parse=string_field, required=False):
    """One body field, parsed. A bad value raises ValueError, for the handler to report as the
    newest version does; a version with a lenient parser leaves a bad optional field unset and
    fails a bad required one with its own words."""
    try:
        return parse(lookup(item, path))
    except ValueError:
        if not reply.ctx.plugin.rule("lenient_parser"):
            raise
        if required:
            reply.error(ESLURM_DATA_CONV_FAILED, "Required field failed to parse", path)
            reply.fail(ESLURM_REST_INVALID_QUERY)
        return None


def uint32_field(value):
    """A uint32 as the lenient parser reads it: null is 0, a negative (or too large) is NO_VAL."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError
    number = int(value)
    return 0xFFFFFFFE if number >> 32 else number
