"""The shape of an answer: its keys, their order and their JSON types, without the values.

    shape(doc)                    -> {"types": [...], "keys": {key: shape}, "items": shape, "map": shape}
    merge(a, b)                   the shape both answers allow (lists' items are merged the same way)
    differences(recorded, doc)    how `doc` departs from a recorded shape

Used by scripts/record-old-shapes (which records the 22.05 reference's answers of v0.0.36-v0.0.38 into
tests/assets/v0.0.36-38/) and tests/test_parsed_old_versions.py (which holds ours on any release
to them). JSON types: null, boolean, number (integers and floats alike), string, array, object. An
object whose keys are all numbers ("0", "1": a job's allocated nodes by index) is a map: its values
share one shape ("map"). A key seen in only some objects of a list is "sometimes"; an empty list
records no item shape.
"""


def kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}[type(value)]


def _is_map(value):
    return isinstance(value, dict) and value and all(k.isdigit() for k in value)


def shape(value):
    out = {"types": [kind(value)]}
    if _is_map(value):
        items = [shape(v) for v in value.values()]
        out["map"] = _fold(items)
    elif isinstance(value, dict):
        out["keys"] = {k: shape(v) for k, v in value.items()}
    elif isinstance(value, list) and value:
        out["items"] = _fold([shape(v) for v in value])
    return out


def _fold(shapes):
    result = shapes[0]
    for s in shapes[1:]:
        result = merge(result, s)
    return result


def _order(a, b):
    """a's keys with b's others each put right after the key b has before it."""
    out = list(a)
    previous = None
    for k in b:
        if k not in out:
            out.insert(out.index(previous) + 1 if previous is not None else 0, k)
        previous = k
    return out


def merge(a, b):
    """One shape allowing both: types united, keys in first-seen order (a key one side lacks is
    "sometimes"), items and map values merged."""
    out = {"types": sorted(set(a["types"]) | set(b["types"]))}
    if "keys" in a or "keys" in b:
        ka, kb = a.get("keys"), b.get("keys")
        if ka is None or kb is None:
            out["keys"] = ka if kb is None else kb
        else:
            keys = {}
            for k in _order(list(ka), list(kb)):
                if k in ka and k in kb:
                    keys[k] = merge(ka[k], kb[k])
                else:
                    keys[k] = {**(ka.get(k) or kb.get(k)), "sometimes": True}
                if ka.get(k, {}).get("sometimes") or kb.get(k, {}).get("sometimes"):
                    keys[k]["sometimes"] = True
            out["keys"] = keys
    for part in ("items", "map"):
        if part in a and part in b:
            out[part] = merge(a[part], b[part])
        elif part in a or part in b:
            out[part] = a.get(part) or b.get(part)
    return out


def differences(recorded, value, path="$", loose=()):
    """Where `value` is not shaped as `recorded` says: a JSON type it never had, a key it never had or
    always had that is missing, keys in another order. `loose`: paths ("$.jobs[].nice") whose JSON
    type is not compared (documented in the caller). An empty list or object on either side says
    nothing of its items."""
    out = []
    got = kind(value)
    if got not in recorded["types"] and path not in loose:
        out.append(f"{path}: {got} where the reference wrote {'/'.join(recorded['types'])}")
        return out
    if _is_map(value) and "map" in recorded:
        return [d for v in value.values() for d in differences(recorded["map"], v, f"{path}[n]", loose)][:20]
    if isinstance(value, dict) and value and "keys" in recorded:
        keys = recorded["keys"]
        missing = [k for k, s in keys.items() if k not in value and not s.get("sometimes")]
        extra = [k for k in value if k not in keys]
        if missing or extra:
            out.append(f"{path}: missing {missing}, not in the reference's {extra}")
        mine = [k for k in value if k in keys]
        if mine != [k for k in keys if k in value]:
            out.append(f"{path}: key order {mine} != the reference's {[k for k in keys if k in value]}")
        out += [d for k in mine for d in differences(keys[k], value[k], f"{path}.{k}", loose)]
    if isinstance(value, list) and "items" in recorded:
        seen = []
        for item in value:
            for d in differences(recorded["items"], item, f"{path}[]", loose):
                if d not in seen:
                    seen.append(d)
        out += seen[:20]
    return out


def compact(s):
    """A shape as written in the asset files: a leaf {"types": [a, b]} as "a|b" ("?a|b" sometimes)."""
    if set(s) <= {"types", "sometimes"}:
        return ("?" if s.get("sometimes") else "") + "|".join(s["types"])
    out = dict(s)
    if "keys" in out:
        out["keys"] = {k: compact(v) for k, v in out["keys"].items()}
    for part in ("items", "map"):
        if part in out:
            out[part] = compact(out[part])
    return out


def expand(s):
    """compact()'s inverse."""
    if isinstance(s, str):
        return {"types": s.lstrip("?").split("|"), **({"sometimes": True} if s.startswith("?") else {})}
    out = dict(s)
    if "keys" in out:
        out["keys"] = {k: expand(v) for k, v in out["keys"].items()}
    for part in ("items", "map"):
        if part in out:
            out[part] = expand(out[part])
    return out
