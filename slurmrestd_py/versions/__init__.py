"""The API versions the reference serves, one plugin each, and how a record is rendered in each.

Handlers produce records in the newest shape (v0.0.38 / dbv0.0.38, the reference's field names and
values). A plugin's field tables say what differs in an older version; a kind with no table renders
as it is. Its rules say where it handles a request differently (queries, bodies, errors). An older
plugin's tables and rules live in a module of this package named after it (v0_0_37.py ...), imported
only when a request of that version needs them.
"""
import importlib
from functools import cached_property

from ..fields import Fields, annotated


@annotated
class Plugin(Fields):
    name: str  # "v0.0.38"
    title: str  # meta.plugin.name, as the reference reports it
    family: str  # "slurm" (slurmctld), "slurmdb" (slurmdbd) or "util" (slurmrestd's own helpers, v0.0.44 on)
    deprecated: bool = False  # as the reference's document tags its operations
    missing: frozenset = frozenset()  # (method, path below the prefix) this version does not serve
    parser: str = None  # from v0.0.39: the API version whose parser (parsers/) writes its answers
    own_type: bool = False  # meta.plugin.type names the plugin itself (openapi/v0.0.39), not its daemon's
    FROZEN = True

    @property
    def type(self):
        if self.parser and not self.own_type:  # one openapi plugin per daemon serves every data_parser version
            return f"openapi/{DAEMON[self.family]}"
        return f"openapi/{self.name}"

    @property
    def prefix(self):
        # "dbv0.0.38" serves /slurmdb/v0.0.38/: the family already says which daemon
        version = self.parser or (self.name[2:] if self.name.startswith("db") else self.name)
        return f"/{self.family}/{version}/"

    def meta(self, slurm_version):
        return {"plugin": {"type": self.type, "name": self.title}, "Slurm": slurm_version}

    @cached_property
    def data_parser(self):
        """The version's parser (parsers.Parser), imported on first use."""
        from .. import parsers

        return parsers.get(self.parser)

    def serves(self, method, suffix):
        return (method, suffix) not in self.missing

    @cached_property
    def _module(self):
        """The version's module (v0_0_37.py ...); None for the newest, which has none."""
        name = f"{__name__}.{self.name.replace('.', '_')}"
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
            return None

    @property
    def tables(self):
        """kind -> callable(record) -> record: TABLES of the version's module."""
        return getattr(self._module, "TABLES", {})

    def rule(self, name):
        """How this version handles a request unlike the newest: the `name` field of its module's
        RULES (versions/rules.py), falsy where it behaves as the newest. A name Rules does not
        declare is an error, never the newest behaviour."""
        from .rules import NONE

        return getattr(getattr(self._module, "RULES", NONE), name)

    def render(self, kind, records):
        """Records of one kind (a list, or one dict) in this version's shape."""
        table = self.tables.get(kind)
        if table is None:
            return records
        if isinstance(records, list):
            return [table(r) for r in records]
        return table(records)


DAEMON = {"slurm": "slurmctld", "slurmdb": "slurmdbd", "util": "util"}  # the reference's openapi/ plugin


def _parsed(version):
    """The plugins of one parser version: slurmctld's and slurmdbd's."""
    return (Plugin(version, "Slurm OpenAPI slurmctld", "slurm", parser=version),
            Plugin("db" + version, "Slurm OpenAPI slurmdbd", "slurmdb", parser=version))


PLUGINS = {
    p.name: p
    for p in (
        Plugin("v0.0.38", "Slurm OpenAPI v0.0.38", "slurm"),
        Plugin("dbv0.0.38", "Slurm OpenAPI DB v0.0.38", "slurmdb"),
        Plugin("v0.0.37", "Slurm OpenAPI v0.0.37", "slurm",
               missing=frozenset({("GET", "licenses")})),
        Plugin("dbv0.0.37", "Slurm OpenAPI DB v0.0.37", "slurmdb",
               missing=frozenset({("POST", "qos"), ("DELETE", "associations")})),
        Plugin("v0.0.36", "REST v0.0.36", "slurm", deprecated=True,
               missing=frozenset({("GET", "licenses"), ("GET", "reservations"),
                                  ("GET", "reservation/{reservation_name}")})),
        Plugin("dbv0.0.36", "REST DB v0.0.36", "slurmdb", deprecated=True,
               missing=frozenset({("POST", "qos"), ("POST", "associations"),
                                  ("DELETE", "associations")})),
        *_parsed("v0.0.45"), *_parsed("v0.0.44"), *_parsed("v0.0.43"),
        # openapi/util's hostlist helpers, v0.0.44 on ("-s util" in the reference)
        Plugin("utilv0.0.45", "Slurm OpenAPI util", "util", parser="v0.0.45"),
        Plugin("utilv0.0.44", "Slurm OpenAPI util", "util", parser="v0.0.44"),
        *_parsed("v0.0.42"), *_parsed("v0.0.41"), *_parsed("v0.0.40"),
        # v0.0.39 (Slurm 23.02 to 24.05) had a plugin of its own per daemon
        Plugin("v0.0.39", "Slurm OpenAPI v0.0.39", "slurm", parser="v0.0.39", own_type=True),
        Plugin("dbv0.0.39", "Slurm OpenAPI DB v0.0.39", "slurmdb", parser="v0.0.39", own_type=True),
    )
}
# Every version, so that a client of any version works unchanged; -s or SLURMRESTD_OPENAPI_PLUGINS
# narrows the set.
DEFAULT_PLUGINS = tuple(PLUGINS)


def plugin_names(spec):
    """Plugin names from a -s / SLURMRESTD_OPENAPI_PLUGINS value ("openapi/v0.0.38,dbv0.0.38")."""
    names = []
    for item in spec.split(","):
        name = item.strip()
        name = name[len("openapi/"):] if name.startswith("openapi/") else name
        if name:
            names.append(name)
    unknown = [n for n in names if n not in PLUGINS]
    if unknown:
        raise ValueError(f"unknown OpenAPI plugin(s): {', '.join(unknown)}")
    return tuple(names)
