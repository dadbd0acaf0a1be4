"""One parser per API version from v0.0.40 on: how a version writes what the backend copied out of
C, how it reads queries and bodies, how it reports errors, and the schemas of all of it.

A version's module (v0_0_42.py ...) defines PARSER from the shared tables (tables/) it serves and
its own Rules; a new version is a new module. Only the version a request names is imported.
"""
import importlib
from dataclasses import dataclass, field

VERSIONS = ("v0.0.40", "v0.0.41", "v0.0.42")


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
    parameters_say_deprecated: bool = False  # its document's parameters carry "deprecated": false

    @classmethod
    def build(cls, version, tables, **kw):
        """A version's parser from the table modules (parsers/tables/*) it serves."""
        from .tables.meta import FAILURE

        objects, responses, queries = {}, {}, {}
        for module in tables:
            mine = module.objects(version)
            objects.update(mine)
            responses.update(module.responses(version, mine))
            for kind, rows in getattr(module, "QUERIES", {}).items():  # rows may name their versions
                queries[kind] = tuple(r[:3] for r in rows if len(r) == 3 or version in r[3])
        return cls(version, objects, responses, queries, FAILURE, **kw)

    def schemas(self):
        """An empty types.Schemas for this version's document."""
        from .types import Schemas

        return Schemas(self.version, self.schema_names, self.inline_schemas)

    def dump(self, kind, value):
        return self.objects[kind].dump(value)

    def envelope(self, values):
        """An answer that has no payload (it failed before one was made)."""
        return self.failure.dump(values)


def get(version):
    """The PARSER of `version`'s module, imported now."""
    return importlib.import_module(f"{__name__}.{version.replace('.', '_')}").PARSER
