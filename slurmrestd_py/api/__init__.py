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
    kind: str = None  # parser versions: the parser's response the payload is written as


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

    # -- parser versions (v0.0.40 on): errors[] and warnings[] gathered as the handler goes ------
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    rc: int = 0  # the first error's number: the answer's status follows it

    @property
    def parser(self):
        return self.plugin.data_parser

    def error(self, code, source, description, error=None):
        """Report an error, as the reference's resp_error(): the first one sets the status."""
        from ..slurm._lib import strerror

        self.errors.append({"description": description, "error_number": code,
                            "error": strerror(code) if error is None else error, "source": source})
        self.rc = self.rc or code

    def fail(self, code):
        """End with return code `code` and no errors[] entry, as a handler returning rc does."""
        self.rc = self.rc or code

    def warn(self, source, description):
        self.warnings.append({"description": description, "source": source})


# Every operation, the one place one is declared: (family, method, path below the plugin's prefix,
# "module:name"), family "slurm" for slurmctld's plugins, "slurmdb" for slurmdbd's; `name` is an
# Operation in api/<module>.py. Only the route a request matches imports its module: a connection
# pays for the handlers it calls, not for the whole table.
OPERATIONS = (
    ("slurm", "GET", "diag", "controller:diag"),
    ("slurm", "GET", "licenses", "controller:licenses"),
    ("slurm", "GET", "ping", "controller:ping"),
    ("slurm", "GET", "jobs", "jobs:jobs"),
    ("slurm", "POST", "job/submit", "jobs:submit"),
    ("slurm", "GET", "job/{job_id}", "jobs:job"),
    ("slurm", "POST", "job/{job_id}", "jobs:update"),
    ("slurm", "DELETE", "job/{job_id}", "jobs:delete"),
    ("slurm", "GET", "nodes", "nodes:nodes"),
    ("slurm", "GET", "node/{node_name}", "nodes:node"),
    ("slurm", "GET", "partitions", "partitions:partitions"),
    ("slurm", "GET", "partition/{partition_name}", "partitions:partition"),
    ("slurm", "GET", "reservations", "reservations:reservations"),
    ("slurm", "GET", "reservation/{reservation_name}", "reservations:reservation"),
    ("slurmdb", "GET", "accounts", "db_accounts:accounts"),
    ("slurmdb", "POST", "accounts", "db_accounts:accounts"),
    ("slurmdb", "GET", "account/{account_name}", "db_accounts:account"),
    ("slurmdb", "DELETE", "account/{account_name}", "db_accounts:delete_account"),
    ("slurmdb", "GET", "users", "db_accounts:users"),
    ("slurmdb", "POST", "users", "db_accounts:users"),
    ("slurmdb", "GET", "user/{user_name}", "db_accounts:user"),
    ("slurmdb", "DELETE", "user/{user_name}", "db_accounts:delete_user"),
    ("slurmdb", "GET", "associations", "db_accounts:associations"),
    ("slurmdb", "POST", "associations", "db_accounts:associations"),
    ("slurmdb", "DELETE", "associations", "db_accounts:associations"),
    ("slurmdb", "GET", "association", "db_accounts:association"),
    ("slurmdb", "DELETE", "association", "db_accounts:association"),
    ("slurmdb", "GET", "tres", "db_cluster:tres"),
    ("slurmdb", "POST", "tres", "db_cluster:add_tres"),
    ("slurmdb", "GET", "qos", "db_cluster:qos"),
    ("slurmdb", "POST", "qos", "db_cluster:add_qos"),
    ("slurmdb", "GET", "qos/{qos_name}", "db_cluster:qos"),
    ("slurmdb", "DELETE", "qos/{qos_name}", "db_cluster:delete_qos"),
    ("slurmdb", "GET", "clusters", "db_cluster:clusters"),
    ("slurmdb", "POST", "clusters", "db_cluster:add_clusters"),
    ("slurmdb", "GET", "cluster/{cluster_name}", "db_cluster:clusters"),
    ("slurmdb", "DELETE", "cluster/{cluster_name}", "db_cluster:delete_cluster"),
    ("slurmdb", "GET", "wckeys", "db_cluster:wckeys"),
    ("slurmdb", "POST", "wckeys", "db_cluster:add_wckeys"),
    ("slurmdb", "GET", "wckey/{wckey}", "db_cluster:wckeys"),
    ("slurmdb", "DELETE", "wckey/{wckey}", "db_cluster:delete_wckey"),
    ("slurmdb", "GET", "config", "db_cluster:config"),
    ("slurmdb", "POST", "config", "db_cluster:set_config"),
    ("slurmdb", "GET", "jobs", "db_jobs:jobs"),
    ("slurmdb", "GET", "job/{job_id}", "db_jobs:job"),
    ("slurmdb", "GET", "diag", "db_jobs:diag"),
)
# The operations of the parser versions (v0.0.40 on): (family, method, path below the prefix as the
# reference writes it, "module:name" in api/parsed/, summary, what a 200 answer is), the last two
# for the OpenAPI document. Their handlers are version-neutral and write through the request's parser.
PARSED_OPERATIONS = (
    ("slurm", "GET", "partitions/", "partitions:partitions", "get all partition info", "partition information"),
    ("slurm", "GET", "partition/{partition_name}", "partitions:partition", "get partition info",
     "partition information"),
    ("slurmdb", "GET", "tres/", "tres:tres", "Get TRES info", "List of TRES"),
    ("slurmdb", "GET", "jobs/", "slurmdb_jobs:jobs", "Get job list", "List of jobs"),
    ("slurmdb", "GET", "job/{job_id}", "slurmdb_jobs:job", "Get job info", "Job description"),
)
# The OpenAPI document's own paths, served whatever plugins are enabled.
DOCUMENT_ROUTES = (
    ("GET", "/openapi", "openapi:document"),
    ("GET", "/openapi/v3", "openapi:document"),
    ("GET", "/openapi.json", "openapi:document_json"),
    ("GET", "/openapi.yaml", "openapi:document_yaml"),
)


def routes(plugins):
    """Every route of the enabled plugins, and the OpenAPI document's own; a route's operation is
    its "module:name" reference, for `operation()`."""
    table = [Route(method, path, ref) for method, path, ref in DOCUMENT_ROUTES]
    for plugin in plugins:
        if plugin.parser:
            table += [Route(method, plugin.prefix + suffix, f"parsed.{ref}", plugin.name)
                      for family, method, suffix, ref, *_ in PARSED_OPERATIONS if family == plugin.family]
            continue
        for family, method, suffix, ref in OPERATIONS:
            if family == plugin.family and plugin.serves(method, suffix):
                table.append(Route(method, plugin.prefix + suffix, ref, plugin.name))
    return table


def operation(ref):
    """The Operation a "module:name" reference names, its module imported now."""
    import importlib

    module, name = ref.split(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
