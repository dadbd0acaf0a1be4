"""Operations, the context they run in, and the route table that enables them per plugin.

A handler is version-neutral: it asks `ctx.slurm` for records and renders them with
`ctx.plugin.render(kind, records)`; the table below decides which paths reach it in which version.
"""
from dataclasses import dataclass, field
from functools import cached_property

from .. import media
from ..routing import Route


@dataclass(frozen=True)
class Operation:
    handler: object  # handler(ctx) -> payload dict (or a whole document when `document`)
    empty: dict = field(default_factory=dict)  # payload sent beside errors, as the reference does
    document: bool = False  # the answer is a document of its own, not meta/errors/payload
    media: str = None  # a fixed media type, whatever the client's Accept says


@dataclass
class Context:
    request: object
    params: dict
    plugin: object  # versions.Plugin, or None for the OpenAPI document
    identity: object
    routes: tuple  # every enabled route, for the OpenAPI document
    open_slurm: object  # () -> the backend, opened on first use
    _finishers: list = field(default_factory=list)

    def on_finish(self, callback):
        """Call `callback(ok)` when the request ends: ok is True only if the handler succeeded
        (a slurmdbd connection commits then, and rolls back otherwise)."""
        self._finishers.append(callback)

    def finish(self, ok):
        """Run the finishers, last registered first; a finisher's failure fails the request."""
        while self._finishers:
            self._finishers.pop()(ok)

    @cached_property
    def slurm(self):
        return self.open_slurm()

    @cached_property
    def body(self):
        """The request body decoded from JSON or YAML; None when empty."""
        return media.decode(self.request.header("content-type"), self.request.body)

    def query(self, name, default=None):
        values = self.request.query.get(name)
        return values[-1] if values else default


# Modules of operations. Each declares FAMILY ("slurm" for slurmctld, "slurmdb" for slurmdbd) and
# OPERATIONS, a tuple of (method, path below the plugin's prefix, Operation).
MODULES = ("controller", "jobs", "nodes", "partitions", "reservations", "db_accounts", "db_cluster",
           "db_jobs")


def _operations(family):
    import importlib

    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        if module.FAMILY == family:
            yield from module.OPERATIONS


def routes(plugins):
    """Every route of the enabled plugins, and the OpenAPI document's own."""
    from . import openapi

    table = [
        Route("GET", "/openapi", openapi.document),
        Route("GET", "/openapi/v3", openapi.document),
        Route("GET", "/openapi.json", openapi.document_json),
        Route("GET", "/openapi.yaml", openapi.document_yaml),
    ]
    for plugin in plugins:
        for method, suffix, operation in _operations(plugin.family):
            if plugin.serves(method, suffix):
                table.append(Route(method, plugin.prefix + suffix, operation, plugin.name))
    return table
