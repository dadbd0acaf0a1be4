"""One request in, one response out: negotiate, authenticate, route, call, wrap, encode.

No I/O of its own beyond what handlers ask of the backend; every failure becomes an answer in the
API's error format, and nothing internal (a traceback, a C error) reaches the client.
"""

from . import api, auth, log, media, versions
from .errors import ApiError
from .protocol import Response
from . import routing
from .routing import Router


INTERNAL_ERROR = "Internal error in slurmrestd-py; the server log has the details"
DAEMONS = {"slurm": "slurmctld", "slurmdb": "slurmdbd"}  # whom a plugin family's requests talk to


_TABLES = {}  # plugins -> (routes, Router): built once in a process, and before the fork in listen mode


def route_table(plugins):
    plugins = tuple(plugins)
    table = _TABLES.get(plugins)
    if table is None:
        routes = tuple(api.routes(plugins))
        table = _TABLES[plugins] = (routes, Router(routes))
    return table


def _body(media_type, doc):
    """The answer's bytes; for a document holding a media.Lazy list, an iterable of them, streamed
    (chunked) as its records are made. The first piece is made now: a failure in the first
    records is answered as any failure, before the head is sent."""
    if not media.is_lazy(doc):
        return media.encode(media_type, doc)
    chunks = media.stream(media_type, doc)
    return _Streamed(next(chunks, b""), chunks)


class _Streamed:
    __slots__ = ("first", "rest")

    def __init__(self, first, rest):
        self.first, self.rest = first, rest

    def __iter__(self):
        yield self.first
        yield from self.rest


class App:
    """Serves the requests of one connection.

    `open_slurm(identity)` opens the backend for the authenticated user; `slurm_version()` gives
    the `meta.Slurm` object; `refusal(identity, daemon)` tells whether the daemon a failed request
    talked to refused its credential (a 401 to answer instead).
    """

    def __init__(self, plugins, authenticator, open_slurm, slurm_version, refusal=lambda identity, daemon: None,
                 about=lambda: {}):
        self.routes, self.router = route_table(plugins)
        self.auth = authenticator
        self._open_slurm = open_slurm
        self._slurm_version = slurm_version
        self._refusal = refusal
        self._about = about  # () -> {cluster, accounting_storage, source, user, group}: parser versions' meta
        self._identity = None  # who this process became, if it had to switch users

    def handle(self, request):
        response_type = media.DEFAULT_TYPE
        plugin = operation = identity = None
        try:
            response_type = media.negotiate(request.header("accept"))
            identity = self.auth.authenticate(request)
            route, params = self.router.match(request.method, request.path)
            log.info("%s %s as %s", request.method, request.path, identity.user)
            operation, plugin = api.operation(route.operation), versions.PLUGINS.get(route.plugin)
            if plugin is not None and plugin.parser and not operation.served(plugin.data_parser.rules):
                operation = plugin = None  # this release's reference does not have it in this version
                raise routing.not_found()
            response_type = operation.media or response_type
            self._become(identity)
            ctx = api.Context(request, params, plugin, identity, self.routes,
                              lambda: self._open_slurm(identity))
            try:
                payload = operation.handler(ctx)
            except BaseException:
                ctx.finish(False)
                raise
            # a parser version's handler that reported an error failed: its writes roll back
            ctx.finish(not (plugin is not None and plugin.parser and ctx.rc))
            if plugin is not None and plugin.parser:
                return self._parsed(ctx, operation, payload, response_type)
            doc = payload if operation.document else {"meta": self._meta(plugin), "errors": [], **payload}
            return Response(200, response_type, _body(response_type, doc))
        except ApiError as e:
            if e.status >= 500 and identity is not None and plugin is not None and plugin.family in DAEMONS:
                e = self._refusal(identity, DAEMONS[plugin.family]) or e
            log.warning("%s %s: %d %s", request.method, request.path, e.status, e.description)
            empty = e.payload if e.payload is not None else operation.empty if operation else {}
            return self.error(e, response_type, plugin, empty)
        except Exception:
            log.exception("%s %s failed", request.method, request.path)
            e = ApiError(500, INTERNAL_ERROR, close=True)
            return self.error(e, response_type, plugin, operation.empty if operation else {})

    def _parsed(self, ctx, operation, payload, response_type):
        """A parser version's answer: the payload, meta, errors and warnings in its shape, the
        status following the first error (or the handler's return code)."""
        from .parsers.status import status_of

        status = status_of(ctx.rc, ctx.parser.rules)
        if status == 304:
            return Response(304, None)
        envelope = {"meta": self._parsed_meta(ctx.plugin), "errors": ctx.errors, "warnings": ctx.warnings}
        if payload is None:
            doc = ctx.parser.envelope(envelope)
        else:
            response = ctx.parser.responses[operation.kind_of(ctx.request.method)]
            if media.is_lazy(payload):  # a big list, made and encoded one record at a time
                doc = response.dump_streamed({**payload, **envelope})
                return Response(status, response_type, _body(response_type, doc), close=status >= 400)
            doc = response.dump({**payload, **envelope})
        return Response(status, response_type, media.encode(response_type, doc), close=status >= 400)

    def _parsed_meta(self, plugin):
        """meta of the parser versions. Its client.user and group are not the client's but what the
        reference's openapi plugins declare, whoever asks: slurmctld's uid 0, slurmdbd's
        SLURM_AUTH_NOBODY (a user only 26.05 names, no group). Its version strings are Slurm's own macros: "24", "11", "5"; "26", "05"."""
        v, about = self._slurm_version(), self._about()
        user, group = ("root", "root") if plugin.family in ("slurm", "util") else (about["nobody"], "")
        n = v["version"]
        return {"plugin_type": plugin.type, "plugin_name": plugin.title,
                "data_parser": f"data_parser/{plugin.parser}", "command": [], "user": user, "group": group,
                "major": str(n["major"]), "micro": str(n["micro"]), "minor": f"{n['minor']:02d}",
                "release": v["release"], **about}

    def error(self, e, response_type=media.DEFAULT_TYPE, plugin=None, empty=None):
        """The answer to a failed request: meta, errors[] and the payload's empty shape."""
        if e.status == 304:  # NotModified, or a handler's SLURM_NO_CHANGE_IN_DATA: no body, kept open
            return Response(304, None)
        if plugin is not None and plugin.parser:
            envelope = {"meta": self._parsed_meta(plugin), "errors": e.entries(), "warnings": []}
            doc = plugin.data_parser.envelope(envelope)
            return Response(e.status, response_type, media.encode(response_type, doc), close=e.close)
        doc = {"meta": self._meta(plugin), "errors": e.entries(), **(empty or {})}
        return Response(e.status, response_type, media.encode(response_type, doc), close=e.close)

    def _meta(self, plugin):
        try:
            version = self._slurm_version()
        except Exception:
            log.exception("cannot read the Slurm version")
            version = {}
        if plugin is None:
            return {"plugin": {"type": "", "name": "slurmrestd-py"}, "Slurm": version}
        return plugin.meta(version)

    def _become(self, identity):
        if not identity.become or self._identity == identity:
            return
        if self._identity is not None:
            raise ApiError(401, "one connection serves one user", source="rest_auth", close=True)
        auth.become(identity)
        self._identity = identity
