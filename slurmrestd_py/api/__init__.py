"""Operations, the context they run in, and the route table that enables them per plugin.

A handler is version-neutral: it asks `ctx.slurm` for records and renders them with
`ctx.plugin.render(kind, records)`; the table below decides which paths reach it in which version.
"""
from functools import cached_property

from .. import media
from ..fields import Factory, Fields, annotated
from ..routing import Route


@annotated
class Operation(Fields):
    FROZEN = True
    handler: object  # handler(ctx) -> payload dict (or a whole document when `document`)
    empty: dict = Factory(dict)  # payload sent beside errors, as the reference does
    document: bool = False  # the answer is a document of its own, not meta/errors/payload
    media: str = None  # a fixed media type, whatever the client's Accept says
    kind: object = None  # parser versions: the parser's response the payload is written as; a dict
    # {method: kind} when one operation name serves several methods (the reference's "job")
    query: str = None  # parser versions: the query rows it reads, when not its kind's
    # parser versions: (kind, description) of the request body: one of the parser's objects (a schema
    # of its own in every version) or of its responses (written as the version writes those)
    body: tuple = None
    # parser versions: the Rules field that says whether the request's version serves it at all (where
    # two releases' references serve one version differently); None: every version of its row
    rule: str = None

    def served(self, rules):
        return self.rule is None or getattr(rules, self.rule)

    def kind_of(self, method):
        return self.kind.get(method.upper()) if isinstance(self.kind, dict) else self.kind

    def body_of(self, method):
        """The request body of `method` (`body` may be a dict {method: body} as `kind`)."""
        return self.body.get(method.upper()) if isinstance(self.body, dict) else self.body


@annotated
class Context(Fields):
    request: object
    params: dict
    plugin: object  # versions.Plugin, or None for the OpenAPI document
    identity: object
    routes: tuple  # every enabled route, for the OpenAPI document
    open_slurm: object  # () -> the backend, opened on first use
    _finishers: list = Factory(list)

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
    errors: list = Factory(list)
    warnings: list = Factory(list)
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
# reference writes it, "module:name" in api/parsed/, summary, what a 200 answer is[, the versions
# that serve it, when not all]), summary and answer for the OpenAPI document. Their handlers are version-neutral and write through the request's parser.
PARSED_OPERATIONS = (
    ("slurm", "GET", "partitions/", "partitions:partitions", "get all partition info", "partition information"),
    ("slurm", "GET", "partition/{partition_name}", "partitions:partition", "get partition info",
     "partition information"),
    ("slurm", "GET", "nodes/", "nodes:nodes", "get node(s) info", "node(s) information"),
    ("slurm", "POST", "nodes/", "nodes:post_nodes", "batch update node(s)", "batch node update request result"),
    ("slurm", "GET", "node/{node_name}", "nodes:node", "get node info", "node information"),
    ("slurm", "POST", "node/{node_name}", "nodes:post_node", "update node properties", "node update request result"),
    ("slurm", "DELETE", "node/{node_name}", "nodes:delete_node", "delete node", "node delete request result"),
    ("slurmdb", "GET", "tres/", "tres:tres", "Get TRES info", "List of TRES"),
    ("slurm", "GET", "jobs/", "jobs:jobs", "get list of jobs", "job(s) information"),
    ("slurm", "GET", "job/{job_id}", "jobs:job", "get job info", "job(s) information"),
    ("slurm", "GET", "jobs/state/", "jobs:jobs_state", "get list of job states", "job(s) state information"),
    ("slurm", "GET", "diag/", "controller:diag", "get diagnostics", "diagnostic results"),
    ("slurm", "GET", "ping/", "controller:ping", "ping test", "results of ping test"),
    ("slurm", "GET", "licenses/", "controller:licenses", "get all Slurm tracked license info",
     "results of get all licenses"),
    ("slurm", "GET", "reconfigure/", "controller:reconfigure", "request slurmctld reconfigure",
     "reconfigure request result"),
    ("slurm", "GET", "reservations/", "reservations:reservations", "get all reservation info",
     "reservation information"),
    ("slurm", "GET", "reservation/{reservation_name}", "reservations:reservation", "get reservation info",
     "reservation information"),
    ("slurm", "GET", "shares", "shares:shares", "get fairshare info", "shares information"),
    ("slurm", "POST", "job/submit", "job_writes:job_submit", "submit new job", "job submission response"),
    ("slurm", "POST", "job/allocate", "job_writes:job_allocate",
     "submit new job allocation without any steps that must be signaled to stop", "job allocation response",
     ("v0.0.41", "v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45")),
    ("slurm", "POST", "job/{job_id}", "job_writes:job", "update job", "job update result"),
    ("slurm", "DELETE", "job/{job_id}", "job_writes:job", "cancel or signal job", "job signal result"),
    ("slurm", "DELETE", "jobs/", "job_writes:jobs", "send signal to list of jobs", "description of jobs to signal"),
    ("slurmdb", "POST", "tres/", "tres:post_tres", "Add TRES", "TRES update result"),
    ("slurmdb", "GET", "clusters/", "clusters:clusters", "Get cluster list", "List of clusters"),
    ("slurmdb", "GET", "cluster/{cluster_name}", "clusters:cluster", "Get cluster info", "Cluster information"),
    ("slurmdb", "DELETE", "cluster/{cluster_name}", "clusters:delete_cluster", "Delete cluster",
     "Result of delete cluster request"),
    ("slurmdb", "GET", "wckeys/", "wckeys:wckeys", "Get wckey list", "List of wckeys"),
    ("slurmdb", "POST", "wckeys/", "wckeys:post_wckeys", "Add or update wckeys",
     "Result of wckey addition or update request"),
    ("slurmdb", "GET", "wckey/{id}", "wckeys:wckey", "Get wckey info", "Description of wckey"),
    ("slurmdb", "DELETE", "wckey/{id}", "wckeys:delete_wckey", "Delete wckey",
     "Result of wckey deletion request"),
    ("slurmdb", "GET", "qos/", "qos:qos", "Get QOS list", "List of QOS"),
    ("slurmdb", "GET", "qos/{qos}", "qos:single_qos", "Get QOS info", "QOS information"),
    ("slurmdb", "DELETE", "qos/{qos}", "qos:delete_single_qos", "Delete QOS", "results of ping test"),
    ("slurmdb", "GET", "diag/", "dbdiag:diag", "Get slurmdb diagnostics", "Dictionary of statistics"),
    ("slurmdb", "GET", "ping/", "dbdiag:ping", "ping test", "results of ping test",
     ("v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45")),
    ("slurmdb", "GET", "instances/", "instances:instances", "Get instance list", "List of instances"),
    ("slurmdb", "GET", "instance/", "instances:instance", "Get instance info", "List of instances"),
    ("slurmdb", "GET", "accounts/", "accounts:accounts", "Get account list", "List of accounts"),
    ("slurmdb", "GET", "account/{account_name}", "accounts:account", "Get account info", "List of accounts"),
    ("slurmdb", "GET", "users/", "users:users", "Get user list", "List of users"),
    ("slurmdb", "GET", "user/{name}", "users:user", "Get user info", "List of users"),
    ("slurmdb", "GET", "associations/", "associations:associations", "Get association list",
     "List of associations"),
    ("slurmdb", "GET", "association/", "associations:association", "Get association info", "List of associations"),
    ("slurmdb", "DELETE", "account/{account_name}", "deletes:account", "Delete account",
     "Status of account deletion request"),
    ("slurmdb", "DELETE", "user/{name}", "deletes:user", "Delete user", "Result of user delete request"),
    ("slurmdb", "DELETE", "associations/", "deletes:associations", "Delete associations",
     "List of associations deleted"),
    ("slurmdb", "DELETE", "association/", "deletes:association", "Delete association",
     "Status of associations delete request"),
    ("slurmdb", "GET", "jobs/", "slurmdb_jobs:jobs", "Get job list", "List of jobs"),
    ("slurmdb", "GET", "job/{job_id}", "slurmdb_jobs:job", "Get job info", "Job description"),
    # new in v0.0.43-45 (26.05), served only in the versions that have them
    ("slurm", "GET", "resources/{job_id}", "resources:resources", "get resource layout info",
     "resource layout information", ("v0.0.44", "v0.0.45")),
    ("slurm", "POST", "new/node/", "admin_writes:post_new_node", "create node", "node create request result",
     ("v0.0.44", "v0.0.45")),
    ("slurm", "DELETE", "partition/{partition_name}", "admin_writes:delete_partition", "delete partition",
     "partition deletion result", ("v0.0.45",)),
    ("slurm", "POST", "partitions/", "admin_writes:post_partitions", "create or update partitions",
     "partition update or create request results", ("v0.0.45",)),
    # (not 24.11's v0.0.42: the Operation's rule)
    ("slurm", "DELETE", "reservation/{reservation_name}", "reservation_writes:delete_reservation",
     "delete a reservation", "reservation delete request result", ("v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45")),
    ("slurmdb", "POST", "accounts/", "db_writes:post_accounts", "Add/update list of accounts",
     "Status of account update request"),
    ("slurmdb", "POST", "users/", "db_writes:post_users", "Update users", "Status of user update request"),
    ("slurmdb", "POST", "clusters/", "db_writes:post_clusters", "Get cluster list", "Result of modify clusters request"),
    ("slurmdb", "POST", "qos/", "db_writes:post_qos", "Add or update QOSs", "QOS update response"),
    ("slurmdb", "POST", "associations/", "db_writes:post_associations", "Set associations info",
     "status of associations update"),
    ("slurmdb", "POST", "accounts_association/", "db_writes:post_accounts_association",
     "Add accounts with conditional association", "Status of account addition request"),
    ("slurmdb", "POST", "users_association/", "db_writes:post_users_association",
     "Add users with conditional association", "Add list of users with conditional association"),
    ("slurm", "POST", "reservation", "reservation_writes:post_reservation", "create or update a reservation",
     "reservation description", ("v0.0.43", "v0.0.44", "v0.0.45")),
    ("slurm", "POST", "reservations/", "reservation_writes:post_reservations", "create or update reservations",
     "reservation descriptions", ("v0.0.43", "v0.0.44", "v0.0.45")),
    ("slurm", "GET", "job/{job_id}/requeue", "requeue:job_requeue", "request job requeue", "job requeue result",
     ("v0.0.45",)),
    ("slurm", "POST", "jobs/requeue", "requeue:jobs_requeue", "batch requeue job(s)",
     "batch job requeue request result", ("v0.0.45",)),
    ("util", "POST", "hostnames", "util:hostnames", "Convert a hostlist expression into array of host names",
     "Array of host names", ("v0.0.44", "v0.0.45")),
    ("util", "POST", "hostlist", "util:hostlist", "Convert an array of host names into hostlist expression",
     "Hostlist expression", ("v0.0.44", "v0.0.45")),
    ("slurmdb", "GET", "config", "dbconfig:config", "Dump all configuration information", "slurmdbd configuration"),
    ("slurmdb", "POST", "config", "dbconfig:post_config", "Load all configuration information",
     "slurmdbd configuration"),
    ("slurmdb", "POST", "job/{job_id}", "job_modify:post_job", "Update job", "Job update results",
     ("v0.0.44", "v0.0.45")),
    ("slurmdb", "POST", "jobs/", "job_modify:post_jobs", "Update jobs", "Job update results", ("v0.0.44", "v0.0.45")),
    ("slurmdb", "GET", "conf", "slurmdbd_conf:conf", "Dump slurmdbd configuration", "slurmdbd configuration",
     ("v0.0.45",)),
    ("slurm", "GET", "conf", "slurm_conf:conf", "Dump slurm configuration", "slurm configuration", ("v0.0.45",)),
)
# v0.0.39's operations (its own paths, without the trailing slash; its own summaries): the rows
# name their version, as every row that a version of the family does not share.
V39 = ("v0.0.39",)
PARSED_OPERATIONS += (  # ... what a failed answer is (its document's "default" answer)
    ("slurm", "GET", "diag", "controller:diag", "get diagnostics", "diagnostic results", V39,
     "unable to request ping test"),
    ("slurm", "GET", "ping", "controller:ping", "ping test", "results of ping test", V39,
     "unable to request ping test"),
    ("slurm", "GET", "licenses", "controller:licenses", "get all Slurm tracked license info",
     "results of get all licenses", V39, "unable to request licenses"),
    ("slurm", "GET", "jobs", "jobs:jobs", "get list of jobs", "job(s) information", V39, "job not found"),
    ("slurm", "GET", "job/{job_id}", "jobs:job", "get job info", "job(s) information", V39,
     "job matching JobId not found"),
    ("slurm", "GET", "nodes", "nodes:nodes", "get all node info", "node information", V39, "no nodes in cluster"),
    ("slurm", "GET", "node/{node_name}", "nodes:node", "get node info", "node information", V39, "node not found"),
    ("slurm", "GET", "partitions", "partitions:partitions", "get all partition info", "partition information",
     V39, "no partitions found"),
    ("slurm", "GET", "partition/{partition_name}", "partitions:partition", "get partition info",
     "partition information", V39, "no partitions found"),
    ("slurm", "GET", "reservations", "reservations:reservations", "get all reservation info",
     "reservation information", V39, "no reservations found"),
    ("slurm", "GET", "reservation/{reservation_name}", "reservations:reservation", "get reservation info",
     "reservation information", V39, "no reservations found"),
    ("slurmdb", "GET", "tres", "tres:tres", "Get TRES info", "List of TRES", V39, "Unable to retrieve TRES"),
    ("slurmdb", "GET", "qos", "qos:qos", "Get QOS list", "List of QOS'", V39, "QOS not found"),
    ("slurmdb", "GET", "qos/{qos_name}", "qos:single_qos", "Get QOS info", "QOS information", V39, "QOS not found"),
    ("slurmdb", "GET", "accounts", "accounts:accounts", "Get account list", "List of accounts", V39,
     "Account not found"),
    ("slurmdb", "GET", "account/{account_name}", "accounts:account", "Get account info", "List of accounts", V39,
     "Account not found"),
    ("slurmdb", "GET", "users", "users:users", "Get user list", "List of users", V39, "User not found"),
    ("slurmdb", "GET", "user/{user_name}", "users:user", "Get user info", "List of users", V39, "User not found"),
    ("slurmdb", "GET", "associations", "associations:associations", "Get association list",
     "List of associations", V39, "Association not found"),
    ("slurmdb", "GET", "association", "associations:association", "Get association info", "List of associations",
     V39, "Association not found"),
    ("slurmdb", "GET", "jobs", "slurmdb_jobs:jobs", "Get job list", "List of jobs", V39, "Unable to query jobs"),
    ("slurmdb", "GET", "job/{job_id}", "slurmdb_jobs:job", "Get job info", "Job description", V39,
     "Unable to find job"),
    # its writes: openapi/v0.0.39's own job handlers (api/parsed/jobs_v39.py)
    ("slurm", "POST", "job/submit", "jobs_v39:job_submit", "submit new job", "job submitted", V39, "job rejected"),
    ("slurm", "POST", "job/{job_id}", "jobs_v39:job", "update job", "job updated", V39, "job update failed"),
    ("slurm", "DELETE", "job/{job_id}", "jobs_v39:job", "cancel or signal job", "job cancelled or sent signal", V39,
     "Job cancel request failed"),
    # its slurmdb reads beyond those (clusters and wckeys: openapi/dbv0.0.39's own, api/parsed/db_v39.py)
    ("slurmdb", "GET", "clusters", "db_v39:clusters", "Get cluster list", "List of clusters", V39,
     "Cluster not found"),
    ("slurmdb", "GET", "cluster/{cluster_name}", "db_v39:cluster", "Get cluster info", "Cluster information", V39,
     "Cluster not found"),
    ("slurmdb", "GET", "wckeys", "db_v39:wckeys", "Get wckey list", "List of wckeys", V39, "wckey not found"),
    ("slurmdb", "GET", "wckey/{wckey}", "db_v39:wckey", "Get wckey info", "List of wckey", V39, "wckey not found"),
    ("slurmdb", "GET", "diag", "dbdiag:diag", "Get slurmdb diagnostics", "Dictionary of statistics", V39,
     "Unable to query diagnostics"),
    ("slurmdb", "GET", "config", "dbconfig:config", "Dump all configuration information", "slurmdbd configuration",
     V39, "Unable to dump config"),
    # its other writes: the family's handlers (openapi/dbv0.0.39's grew into them), at its paths
    ("slurm", "POST", "node/{node_name}", "nodes:post_node", "update node properties", "node information", V39,
     "node update failed"),
    ("slurm", "DELETE", "node/{node_name}", "nodes:delete_node", "delete node", "node deleted", V39,
     "node delete request failed"),
    ("slurmdb", "POST", "accounts", "db_writes:post_accounts", "Update accounts", "Add/update list of accounts", V39,
     "Unable to add or update accounts"),
    ("slurmdb", "DELETE", "account/{account_name}", "deletes:account", "Delete account", "Delete account", V39,
     "Unable to delete account"),
    ("slurmdb", "POST", "users", "db_writes:post_users", "Update user", "Update users", V39,
     "User not found or not able to update user"),
    ("slurmdb", "DELETE", "user/{user_name}", "deletes:user", "Delete user", "User deleted", V39,
     "User not found or unable to delete user"),
    ("slurmdb", "POST", "associations", "db_writes:post_associations", "Set associations info",
     "status of associations update", V39, "Unable to update associations"),
    ("slurmdb", "DELETE", "associations", "deletes:associations", "Delete associations", "Delete associations", V39,
     "Associations not found or unable to delete association"),
    ("slurmdb", "DELETE", "association", "deletes:association", "Delete association", "Delete associations", V39,
     "Association not found or unable to delete association"),
    ("slurmdb", "POST", "qos", "db_writes:post_qos", "Set QOS info", "QOS update response", V39,
     "Unable to update QOSs"),
    ("slurmdb", "DELETE", "qos/{qos_name}", "qos:delete_single_qos", "Delete QOS", "Delete qos", V39,
     "Unable to delete QOS"),
    ("slurmdb", "POST", "wckeys", "wckeys:post_wckeys", "Add wckeys", "List of wckeys", V39, "Unable to add wckey"),
    ("slurmdb", "DELETE", "wckey/{wckey}", "wckeys:delete_wckey", "Delete wckey", "Delete wckey", V39,
     "wckey not found or unable to delete wckey"),
    ("slurmdb", "POST", "clusters", "db_writes:post_clusters", "Add clusters", "List of clusters", V39,
     "Unable to add cluster"),
    ("slurmdb", "DELETE", "cluster/{cluster_name}", "clusters:delete_cluster", "Delete cluster", "Delete cluster", V39,
     "Cluster not found or unable to delete cluster"),
    ("slurmdb", "POST", "tres", "tres:post_tres", "Set TRES info", "List of TRES", V39, "Unable to update TRES"),
    ("slurmdb", "POST", "config", "db_v39:post_config", "Load all configuration information", "Load config", V39,
     "Unable to set config"),
)


def parsed_operations(version):
    """The PARSED_OPERATIONS rows `version` serves: those naming it, else (v0.0.40 on) every row
    naming no version."""
    return [row for row in PARSED_OPERATIONS
            if (version in row[6] if len(row) > 6 else version not in V39)]


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
                      for family, method, suffix, ref, *rest in parsed_operations(plugin.parser)
                      if family == plugin.family]
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
