"""Makes parsers/index.py: which table module makes each kind (objects, responses, query rows),
so that a request imports and builds only the modules of the kinds it uses.

    python -m slurmrestd_py.parsers.indexing    (rewrites parsers/index.py)

tests/test_parser_index.py holds the file to the tables; a stale file is slower (the parser
builds every module for a kind it cannot place), never wrong.
"""
import importlib
import os

from . import VERSIONS

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "index.py")


def index():
    """{"OBJECTS"|"RESPONSES"|"QUERIES": {kind: module name}} over every version: the module whose
    kind wins when all are built in order (the last to make it); None where versions disagree."""
    found = {"OBJECTS": {}, "RESPONSES": {}, "QUERIES": {}}

    def note(what, kind, name):
        seen = found[what]
        if seen.get(kind, name) != name:
            name = None
        seen[kind] = name

    for version in VERSIONS:
        module = importlib.import_module(f"{__package__}.{version.replace('.', '_')}")
        objects, responses, queries = {}, {}, {}
        for name in module.TABLES:
            name = name if isinstance(name, str) else name.__name__.rsplit(".", 1)[1]
            table = importlib.import_module(f"{__package__}.tables.{name}")
            mine = table.objects(version)
            objects.update(mine)
            for kind in mine:
                objects[kind] = objects[kind], name
            for kind in table.responses(version, {k: v[0] if isinstance(v, tuple) else v
                                                  for k, v in objects.items()}):
                responses[kind] = name
            for kind in getattr(table, "QUERIES", {}):
                queries[kind] = name
        for kind, (_, name) in objects.items():
            note("OBJECTS", kind, name)
        for kind, name in responses.items():
            note("RESPONSES", kind, name)
        for kind, name in queries.items():
            note("QUERIES", kind, name)
    return found


def source():
    lines = ['"""Which table module (parsers/tables/) makes each kind, made by parsers/indexing.py: do not edit."""']
    for what, kinds in index().items():
        lines.append(f"{what} = {{")
        lines.extend(f"    {kind!r}: {name!r}," for kind, name in sorted(kinds.items()))
        lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    with open(PATH, "w") as f:
        f.write(source())
