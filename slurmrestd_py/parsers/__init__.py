"""One parser per API version from v0.0.39 on: how a version writes what the backend copied out of
C, how it reads queries and bodies, how it reports errors, and the schemas of all of it.

A version's module (v0_0_42.py ...) defines its Rules (checked when it is imported) and build(),
which makes its Parser from the shared tables (tables/) it serves; a new version is a new module.
Only the version a request names is built: a module may borrow another's tables and rules without
building that one's parser.
"""
import functools
import importlib
from collections.abc import Mapping
from ..fields import Factory, Fields, annotated, replace

VERSIONS = ("v0.0.39", "v0.0.40", "v0.0.41", "v0.0.42", "v0.0.43", "v0.0.44", "v0.0.45")


@annotated
class Rules(Fields):
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

    FROZEN = True


@annotated
class Parser(Fields):
    version: str  # "v0.0.42"
    objects: dict  # kind -> types.Type (what a handler's records are written as)
    responses: dict  # kind -> types.Object of a whole answer: payload keys, meta, errors, warnings
    queries: dict  # kind -> rows (name, type, description) of an operation's query parameters
    failure: object  # types.Object of an answer with no payload: errors, warnings, meta
    rules: Rules = Factory(Rules)
    schema_names: dict = Factory(dict)  # type name -> this version's schema name
    inline_schemas: bool = False  # the version's document writes schemas where they are used
    inline_responses: frozenset = frozenset()  # ... and these answers (*_resp) too
    inline_names: frozenset = frozenset()  # schemas written where they are used (v0.0.43 on: flags, enums)
    deprecated_parameters: frozenset = frozenset()  # query parameters its document marks deprecated
    removed_parameters: frozenset = frozenset()  # query parameters of the shared tables it no longer has
    # {kind: names}: the only query parameters of that kind its document has (v0.0.39, older than the
    # shared rows); the rows' other parameters are neither documented nor read (queries.py gives
    # handlers their absent value), and they are kept here as `hidden_queries`
    query_parameters: dict = Factory(dict)
    hidden_queries: dict = Factory(dict)
    FROZEN = True

    @classmethod
    def build(cls, version, tables, **kw):
        """A version's parser from the table modules (parsers/tables/*, by module or by name) it
        serves. Each kind is made when first asked for, with its module's others (parsers/index.py
        says which module makes it): a request builds only what it uses. Iterating objects,
        responses or queries builds every module, in order, as one would all at once."""
        from .tables.meta import failure

        tables = _Tables(version, tables, kw.get("removed_parameters", ()), kw.get("query_parameters", {}))
        return cls(version, tables.objects, tables.responses, tables.queries, failure(version),
                   hidden_queries=tables.hidden, **kw)

    def build_all(self):
        """Every kind built now (a listening parent, before it forks its children)."""
        for kinds in (self.objects, self.responses, self.queries, self.hidden_queries):
            len(kinds)
        return self

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


class _Lazy(Mapping):
    """kind -> value, each made on first use by `one(kind)` (KeyError: none); iterating, len() and
    keys() make them all, in the order `every()` gives (the order of building them all at once)."""

    def __init__(self, one, every):
        self._one, self._every = one, every
        self._made, self._all = {}, None

    def __getitem__(self, kind):
        try:
            return self._made[kind]
        except KeyError:
            pass
        if self._all is not None:
            return self._all[kind]
        value = self._made[kind] = self._one(kind)
        return value

    def __contains__(self, kind):
        try:
            self[kind]
        except KeyError:
            return False
        return True

    def _whole(self):
        if self._all is None:
            self._all = self._every()
        return self._all

    def __iter__(self):
        return iter(self._whole())

    def __len__(self):
        return len(self._whole())

    def __repr__(self):
        return repr(dict(self._whole()))


class _Tables:
    """One version's table modules, each imported and built once, when a kind it makes is first
    asked for (parsers/index.py: kind -> module), or all of them, in order, when every kind is.
    A kind the index does not know, or its module does not make, builds them all: a stale index
    is slower, never wrong."""

    def __init__(self, version, modules, removed, only):
        self.version, self._names = version, tuple(m if isinstance(m, str) else m.__name__.rsplit(".", 1)[1]
                                                   for m in modules)
        self._modules = {n: m for n, m in zip(self._names, modules) if not isinstance(m, str)}
        self._removed, self._only = removed, only
        self._built = {}  # module name -> (its objects, its responses)
        self._all = None
        self.objects = _Lazy(lambda kind: self._one("OBJECTS", kind, 0), lambda: self._every()[0])
        self.responses = _Lazy(lambda kind: self._one("RESPONSES", kind, 1), lambda: self._every()[1])
        self.queries = _Lazy(self._query, lambda: self._every()[2])
        self.hidden = _Lazy(self._hidden, lambda: self._every()[3])

    def _module(self, name):
        module = self._modules.get(name)
        if module is None:
            module = self._modules[name] = importlib.import_module(f"{__name__}.tables.{name}")
        return module

    def _build(self, name, objects=None):
        """(objects, responses) of one module; `objects`: what a module answering with every
        object (EVERY_OBJECT) sees: those built before it, or (alone) every one by the index."""
        built = self._built.get(name)
        if built is None:
            module = self._module(name)
            mine = module.objects(self.version)
            seen = mine
            if getattr(module, "EVERY_OBJECT", False):
                seen = self.objects if objects is None else objects
            built = self._built[name] = (mine, module.responses(self.version, seen))
        return built

    def _one(self, index, kind, at):
        from . import index as known

        name = getattr(known, index).get(kind)
        if name in self._names:
            made = self._build(name)[at]
            if kind in made:
                return made[kind]
        return self._every()[at][kind]

    def _rows(self, module, kind):
        rows = getattr(module, "QUERIES", {}).get(kind)
        if rows is None:
            return None
        version = self.version
        return tuple(r[:3] for r in rows if (len(r) == 3 or version in r[3]) and r[0] not in self._removed)

    def _query(self, kind):
        from . import index as known

        name = known.QUERIES.get(kind)
        rows = None
        if name in self._names:
            rows = self._rows(self._module(name), kind)
        if rows is None:
            return self._every()[2][kind]
        if kind in self._only:
            rows = tuple(r for r in rows if r[0] in self._only[kind])
        return rows

    def _hidden(self, kind):
        if kind not in self._only:
            raise KeyError(kind)
        from . import index as known

        name = known.QUERIES.get(kind)
        rows = self._rows(self._module(name), kind) if name in self._names else None
        if rows is None:
            return self._every()[3][kind]
        return tuple(r for r in rows if r[0] not in self._only[kind])

    def _every(self):
        """Every module built, in order: (objects, responses, queries, hidden queries)."""
        if self._all is None:
            objects, responses, queries = {}, {}, {}
            for name in self._names:
                mine, theirs = self._build(name, objects)
                objects.update(mine)
                # (a module answering with other modules' objects, listed after them, sees them all)
                responses.update(theirs)
                for kind in getattr(self._module(name), "QUERIES", {}):  # rows may name their versions
                    queries[kind] = self._rows(self._module(name), kind)
            hidden = {}
            for kind, names in self._only.items():
                hidden[kind] = tuple(r for r in queries.get(kind, ()) if r[0] not in names)
                queries[kind] = tuple(r for r in queries.get(kind, ()) if r[0] in names)
            self._all = (objects, responses, queries, hidden)
        return self._all


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
