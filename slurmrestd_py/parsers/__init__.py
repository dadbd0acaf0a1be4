"""One parser per API version from v0.0.39 on: how a version writes what the backend copied out of
C, how it reads queries and bodies, how it reports errors, and the schemas of all of it.

A version's module (v0_0_42.py ...) defines its Rules (checked when it is imported) and build(),
which makes its Parser from the shared tables (tables/) it serves; a new version is a new module.
Only the version a request names is built: a module may borrow another's tables and rules without
building that one's parser.
"""
import functools
import importlib
from dataclasses import dataclass, field, replace

VERSIONS = ("v0.0.39", "v0.0.40", "v0.0.41", "v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45")


@dataclass(frozen=True)
class Rules:
    """How versions differ in behaviour rather than in shape; a version module says which apply.
    A rule no field here declares cannot be asked for: handlers read attributes, and a version
    module that names an unknown rule fails when it is imported."""

    # A timestamp in a query (update_time=...) parses; v0.0.40 and v0.0.41 refuse every one
    # ("Parsing of 1 for timestamp failed"), so update_time cannot be used with them.
    query_timestamps: bool = True
    # An unknown flag in a query rejects the whole query (v0.0.40); later versions report it and
    # go on with the flags they know.
    bad_flag_rejects_query: bool = False
    # A request body's value whose JSON type is not its schema's is warned about, whether it
    # parses or not; v0.0.40 also for a number with flags given as a plain number (its schema says
    # object), and without the value itself at the end of the warning (v0.0.41 on: `: "abc"`)
    body_type_warnings_objects: bool = False
    body_type_warning_value: bool = True
    # Its document's operations and parameters are deprecated (the oldest version of a release);
    # parameters: None says nothing, False and True say "deprecated": false / true.
    deprecated: bool = False
    parameters_deprecated: bool = None
    # What errors[] and warnings[] name as their source: the reference's handler functions,
    # "op_handler_partitions" (24.11), "_partitions_get" (26.05) or, v0.0.39, "_op_handler_partitions"
    sources: str = "op_handler"
    # GET of one named object that does not exist: an error (422) or, from 26.05, a warning (200)
    missing_is_warning: bool = False
    # An error slurmctld or slurmdbd answered that the status table does not name is 422 (EPERM 403),
    # as 26.05's http_status_from_error() has it; 24.11: 500 (parsers/status.py)
    slurm_errors_unprocessable: bool = False
    # An infinite double (a fairshare level) is written as a set number, (double)INFINITE64, its JSON
    # writer's stand-in for inf, as 26.05's v0.0.42 does; 24.11: {"infinite": true}
    infinite_floats_as_numbers: bool = False
    # ... and each such number is warned about: "Dumping (0xffffffffffffffff) as place holder for
    # Infinity", with no source (v0.0.43 on: their FLOAT64 dumper)
    infinite_float_warning: bool = False
    # Its parse functions, named as sources, carry the version ("_v43_parse_KILL_JOBS_MSG_JOBS_ARRAY");
    # v0.0.44 on: "_parse_KILL_JOBS_MSG_JOBS_ARRAY"
    versioned_parse_functions: bool = True
    # A host list in a body that does not parse: ESLURM_DATA_PARSE_BAD_INPUT (v0.0.44 on, 422);
    # earlier versions: ESLURM_DATA_CONV_FAILED
    hostlist_bad_input: bool = False
    # What DELETE node/{node_name} says when it fails: "Failure to update node" (24.11) or, from
    # 26.05, "Failure to delete node"
    node_delete_verb: str = "update"
    # reason_uid in a node update's body is read (24.11); 26.05 removed it from v0.0.42 and
    # ignores it, saying nothing
    node_update_reason_uid: bool = True
    # A submission with neither "job" nor "jobs": 24.11 says "Specifing either", 26.05 "Specifying either"
    specifing_typo: bool = True
    # Reading bodies, v0.0.40's messages name a value's data type ("but got string") where later
    # versions print the value itself ("but got \"abc\""), and its numbers with flags are objects to
    # its type check (a plain number in their place is warned about) read by a parser of their own
    messages_name_types: bool = False
    numbers_are_objects: bool = False
    # An unknown signal in a query is error EINVAL (v0.0.40); later versions report it with error 0
    signal_error_einval: bool = False
    # A query value of another type than the parameter's (a string for a boolean) is warned about
    # with the value quoted at the end; v0.0.40 leaves the value out.
    type_warning_quotes_value: bool = True
    # slurmdbd query messages name the connection: "slurmdb_x_get(0x55..) failed" / "... found
    # nothing"; 26.05 writes "slurmdb_x_get failed" and "slurmdb_x_get() found nothing"
    db_messages_name_connection: bool = True
    # How "ignoring empty or ... array for update" spells it (26.05 corrects the spelling)
    nonexistent: str = "non-existant"
    # The source GET job/{job_id} names once its id parsed: 24.11's helper "_handle_job_get"
    job_get_source: str = "_handle_job_get"
    # slurmdb jobs' stdin/stdout/stderr_expanded: a relative path follows the working directory
    # with a "/" between them (26.05's libslurm), or glued to it (24.11's)
    stdio_slash: bool = False
    # user_id/group_id numbers in bodies: refused outside 0..UINT32_MAX as "overflow" (26.05), or
    # cast to a uid_t and refused from INT_MAX on (24.11)
    ids_overflow_checked: bool = False
    # a timestamp in a body given as a string of digits: a number (v0.0.42 on), or a time for
    # parse_time() to read, which it is not (v0.0.40-41: refused)
    timestamp_strings_detected: bool = True
    # slurmdb jobs' groups= takes group names (v0.0.41 on); v0.0.40 takes only numbers
    query_group_names: bool = True
    # slurmdb jobs' cpus_min=, nodes_max= ... (numbers with flags): v0.0.40 warns that a query's text
    # is not the object it expects (and reads it); later versions read it silently
    query_number_warns: bool = False
    # A job description's cpu_frequency refused: "Invalid cpu_freuency" (v0.0.39 and v0.0.41, so
    # spelled), "Invalid cpu_frequency" (the others)
    cpu_frequency_typo: bool = False

    # DELETE reservation/{reservation_name} is served (v0.0.43 on, and 26.05's v0.0.42); 24.11's
    # v0.0.42 has no such operation (404, and not in its document)
    reservation_delete: bool = True

    # A GET job/{job_id} that failed still writes an empty payload; v0.0.39 writes errors only
    job_get_failure_payload: bool = True
    # The tag of every operation of its document: its plugin's family (slurm, slurmdb); v0.0.39's
    # documents say "slurm" for slurmdbd's too
    document_tag: str = None
    # No nodes to write: v0.0.39's dumper warns "No nodes to dump" (naming no source)
    no_nodes_warning: bool = False

    def source(self, name, method="GET"):
        """The reference's name for the handler of `name` ("partitions", "partition" ...)."""
        if self.sources == "op_handler":
            return f"op_handler_{name}"
        if self.sources == "op_handler_v0039":  # one handler served a kind's list and its one object
            return f"_op_handler_{name if name.endswith('s') else name + 's'}"
        return f"_{name}_{method.lower()}"


@dataclass(frozen=True)
class Parser:
    version: str  # "v0.0.42"
    objects: dict  # kind -> types.Type (what a handler's records are written as)
    responses: dict  # kind -> types.Object of a whole answer: payload keys, meta, errors, warnings
    queries: dict  # kind -> rows (name, type, description) of an operation's query parameters
    failure: object  # types.Object of an answer with no payload: errors, warnings, meta
    rules: Rules = field(default_factory=Rules)
    schema_names: dict = field(default_factory=dict)  # type name -> this version's schema name
    inline_schemas: bool = False  # the version's document writes schemas where they are used
    inline_responses: frozenset = frozenset()  # ... and these answers (*_resp) too
    inline_names: frozenset = frozenset()  # schemas written where they are used (v0.0.43 on: flags, enums)
    deprecated_parameters: frozenset = frozenset()  # query parameters its document marks deprecated
    removed_parameters: frozenset = frozenset()  # query parameters of the shared tables it no longer has
    # {kind: names}: the only query parameters of that kind its document has (v0.0.39, older than the
    # shared rows); the rows' other parameters are neither documented nor read (queries.py gives
    # handlers their absent value), and they are kept here as `hidden_queries`
    query_parameters: dict = field(default_factory=dict)
    hidden_queries: dict = field(default_factory=dict)

    @classmethod
    def build(cls, version, tables, **kw):
        """A version's parser from the table modules (parsers/tables/*) it serves."""
        from .tables.meta import failure

        objects, responses, queries = {}, {}, {}
        for module in tables:
            mine = module.objects(version)
            objects.update(mine)
            # (a module answering with other modules' objects, listed after them, sees them all)
            responses.update(module.responses(version, objects if getattr(module, "EVERY_OBJECT", False) else mine))
            for kind, rows in getattr(module, "QUERIES", {}).items():  # rows may name their versions
                queries[kind] = tuple(r[:3] for r in rows if (len(r) == 3 or version in r[3])
                                      and r[0] not in kw.get("removed_parameters", ()))
        only, hidden = kw.get("query_parameters", {}), {}
        for kind, names in only.items():
            hidden[kind] = tuple(r for r in queries.get(kind, ()) if r[0] not in names)
            queries[kind] = tuple(r for r in queries.get(kind, ()) if r[0] in names)
        return cls(version, objects, responses, queries, failure(version), hidden_queries=hidden, **kw)

    def schemas(self):
        """An empty types.Schemas for this version's document."""
        from .types import Schemas

        return Schemas(self.version, self.schema_names, self.inline_schemas, self.inline_responses,
                       self.inline_names)

    def dump(self, kind, value):
        return self.objects[kind].dump(value)

    def envelope(self, values):
        """An answer that has no payload (it failed before one was made)."""
        return self.failure.dump(values)


@functools.cache
def get(version, release=None):
    """The parser `version`'s module builds, built now (once), as `release` (default: the one this
    process runs on) serves it: where two releases serve one version differently, each follows its own
    reference (parsers/releases.py)."""
    from .releases import RULES

    parser = importlib.import_module(f"{__name__}.{version.replace('.', '_')}").build()
    if release is None:
        from ..slurm._lib import release as running

        release = running()
    changes = RULES.get((release, version))
    return replace(parser, rules=replace(parser.rules, **changes)) if changes else parser
