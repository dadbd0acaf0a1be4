"""/util's POST hostnames and POST hostlist (openapi/util, v0.0.44 on): a hostlist expression to
its host names and back, through libslurm's hostlist functions, read and reported as the
reference's parser does (its _convert_hostnames_hostlist: the body's field is a hostlist given as
an expression or as a list of expressions, made ranged; then dumped as a list or a string).

Not read yet: the body's own meta, errors and warnings members (known fields, ignored here)."""
from .. import Operation
from ...parsers import parsing

SOURCE = "_convert_hostnames_hostlist"
REST_INVALID_QUERY = 9000  # ESLURM_REST_INVALID_QUERY
PATH_NOT_FOUND = 9200  # ESLURM_DATA_PATH_NOT_FOUND
BAD_INPUT = 9216  # ESLURM_DATA_PARSE_BAD_INPUT
ENVELOPE = ("meta", "errors", "warnings")


class _Lib:
    """libslurm's hostlist functions, loaded without a connection to any daemon."""

    def __init__(self):
        from ...slurm._lib import load

        self.ffi, self.lib = load()

    def _text(self, ptr, xfree):
        ffi = self.ffi
        if ptr == ffi.NULL:
            return ""
        out = ffi.string(ptr).decode()
        if xfree:
            holder = ffi.new("char **", ptr)
            self.lib.slurm_xfree(ffi.cast("void **", holder))
        else:
            self.lib.free(ptr)
        return out

    def ranged(self, expression=None, pushes=()):
        """The ranged string of a hostlist made from `expression` (None: empty) and then each of
        `pushes`; raises ValueError(what failed) when libslurm refuses one."""
        ffi, lib = self.ffi, self.lib
        hl = lib.slurm_hostlist_create(ffi.NULL if expression is None else expression.encode())
        if hl == ffi.NULL:
            raise ValueError(f"Invalid hostlist string: {expression}")
        try:
            for text in pushes:
                if not lib.slurm_hostlist_push(hl, text.encode()):
                    raise ValueError(f"Invalid host string: {text}")
            return self._text(lib.slurm_hostlist_ranged_string_xmalloc(hl), True)
        finally:
            lib.slurm_hostlist_destroy(hl)

    def names(self, expression):
        ffi, lib = self.ffi, self.lib
        hl = lib.slurm_hostlist_create(expression.encode())
        if hl == ffi.NULL:
            return []
        try:
            out = []
            while True:
                name = lib.slurm_hostlist_shift(hl)
                if name == ffi.NULL:
                    return out
                out.append(self._text(name, False))
        finally:
            lib.slurm_hostlist_destroy(hl)


def _convert(ctx, field, expect, struct):
    """The body's `field` as a ranged hostlist string ("" for none), or None once the failure is
    reported as the reference's parser and handler report it."""
    body = ctx.body
    report = parsing.Report(ctx)
    out = None
    if body is not None and not isinstance(body, dict):
        ctx.error(parsing.EXPECTED_DICT, "#/", f"Rejecting {parsing.slurm_type(body)} when dictionary expected",
                  parsing.TEXTS[parsing.EXPECTED_DICT])
    elif not body or field not in body:
        ctx.error(PATH_NOT_FOUND, f"#/{field}/", f"Missing required field '{field}' in dictionary",
                  "Unable to resolve path")
    else:
        at, value = f"#/{field}/", body[field]
        parsing.check(expect, value, at, report)
        try:
            if value is None or value == "":
                out = ""
            elif isinstance(value, str):
                out = _Lib().ranged(value)
            elif isinstance(value, list):
                pushes = []
                for v in value:
                    text = "" if v is None else parsing.to_string(v)
                    if text is None:
                        raise ValueError(f"string expected but got {parsing.text(v)}")
                    pushes.append(text)
                out = _Lib().ranged(None, pushes)
            else:
                raise ValueError(f"string expected but got {parsing.text(value)}")
        except ValueError as e:
            ctx.error(BAD_INPUT, at, str(e), "Request to parse invalid data")
            out = None
    for key, v in (body.items() if isinstance(body, dict) else ()):  # the field missing or not
        if key != field and key not in ENVELOPE:
            ctx.warn(f"#/{key}/", f"Ignoring unknown field \"{key}\" of type {parsing.slurm_type(v)} in "
                                  f"DATA_PARSER_{struct}")
    if out is None:  # the handler returns resp_error()'s code: it sets the status (422)
        ctx.error(REST_INVALID_QUERY, SOURCE, "Rejecting request. Failure parsing request")
        ctx.rc = REST_INVALID_QUERY
    return out


def _hostnames(ctx):
    ranged = _convert(ctx, "hostlist", parsing.EXPECT_STRING, "OPENAPI_HOSTLIST_REQ_RESP")
    if ranged is None:
        return None
    return {"hostnames": _Lib().names(ranged) if ranged else []}


def _hostlist(ctx):
    ranged = _convert(ctx, "hostnames", parsing.EXPECT_LIST, "OPENAPI_HOSTNAMES_REQ_RESP")
    return None if ranged is None else {"hostlist": ranged}


hostnames = Operation(_hostnames, kind="util_hostnames", body=("util_hostlist", "Hostlist expression"))
hostlist = Operation(_hostlist, kind="util_hostlist", body=("util_hostnames", "Array of host names"))
