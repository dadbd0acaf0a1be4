"""The tables the parser versions share (v0.0.39 included), one module per kind of object (partitions.py, nodes.py
...), each written once for the family v0.0.40 to v0.0.45 with per-row version sets where they
differ. A module gives:

    objects(version) -> {kind: types.Type}          what handlers' records are written as
    responses(version, objects) -> {kind: Object}   whole answers (payload keys, meta, errors, warnings)
    QUERIES -> {kind: rows}                         query parameters, parsed by parsers/queries.py

A version module (v0_0_42.py ...) puts together the modules it serves.
"""
V39 = frozenset({"v0.0.39"})  # Slurm 23.02 to 24.05's last data_parser before the family; no reference here serves it
# v0.0.40 was made from v0.0.39: a row only v0.0.40 of the family has, v0.0.39 has too (where it
# does not, the row says V40_ONLY)
V40_ONLY = frozenset({"v0.0.40"})
V40 = V39 | V40_ONLY
V41 = frozenset({"v0.0.41"})
V42 = frozenset({"v0.0.42"})
V43 = frozenset({"v0.0.43"})
V44 = frozenset({"v0.0.44"})
V45 = frozenset({"v0.0.45"})
# What a version added stays in the ones after it unless a row says otherwise (26.05 serves v0.0.42-45)
V45_ON = V45
V44_ON = V44 | V45_ON
V43_ON = V43 | V44_ON
V42_ON = V42 | V43_ON
V41_ON = V41 | V42_ON
V40_ON = V40_ONLY | V41_ON  # what v0.0.40 added over v0.0.39
# What v0.0.42 removed: v0.0.39 had it too
UNTIL_V41 = V39 | V40 | V41
