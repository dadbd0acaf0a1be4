"""The API versions the reference serves, one plugin each, and how a record is rendered in each.

Handlers produce records in the newest shape (v0.0.38 / dbv0.0.38, the reference's field names and
values). A plugin's field tables say what differs in an older version; a kind with no table renders
as it is.
"""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Plugin:
    name: str  # "v0.0.38"
    title: str  # meta.plugin.name, as the reference reports it
    family: str  # "slurm" (slurmctld) or "slurmdb" (slurmdbd)
    deprecated: bool = False
    tables: dict = field(default_factory=dict)  # kind -> callable(record) -> record

    @property
    def type(self):
        return f"openapi/{self.name}"

    @property
    def prefix(self):
        # "dbv0.0.38" serves /slurmdb/v0.0.38/: the family already says which daemon
        version = self.name[2:] if self.name.startswith("db") else self.name
        return f"/{self.family}/{version}/"

    def meta(self, slurm_version):
        return {"plugin": {"type": self.type, "name": self.title}, "Slurm": slurm_version}

    def render(self, kind, records):
        """Records of one kind (a list, or one dict) in this version's shape."""
        table = self.tables.get(kind)
        if table is None:
            return records
        if isinstance(records, list):
            return [table(r) for r in records]
        return table(records)


PLUGINS = {
    p.name: p
    for p in (
        Plugin("v0.0.38", "Slurm OpenAPI v0.0.38", "slurm"),
        Plugin("dbv0.0.38", "Slurm OpenAPI DB v0.0.38", "slurmdb"),
    )
}
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
