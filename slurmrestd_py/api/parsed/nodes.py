"""GET nodes/ and node/{node_name}, POST node/{node_name} and nodes/ (update), DELETE
node/{node_name} (the reference's op_handler_nodes and op_handler_node: _dump_nodes,
_update_node, _update_nodes)."""
from ...parsers import queries
from ...slurm.failure import SlurmFailure
from .. import Operation

DATA_CONV_FAILED = 9202  # ESLURM_DATA_CONV_FAILED
INVALID_FLAG = queries.INVALID_FLAG
USER_ID_UNKNOWN = 2166  # ESLURM_USER_ID_UNKNOWN (23.02 on; 22.05's headers lack it)
EXPECTED_DICT = 9209  # ESLURM_DATA_EXPECTED_DICT: "Data parser expected a dictionary or object"


def _dump(ctx, name, handler):
    from ...slurm.nodes import node_msg

    lib = ctx.slurm.lib
    query = queries.parse(ctx, "nodes", handler, "Rejecting request. Failure parsing query.")
    if query is None:
        return None
    flags = query.get("flags") or (lib.SHOW_ALL | lib.SHOW_DETAIL | lib.SHOW_MIXED)
    try:
        msg = node_msg(ctx.slurm.ffi, lib, query["update_time"], flags, name)
    except SlurmFailure as e:
        if e.function == "slurm_load_partitions":
            ctx.error(e.rc, handler, "Unable to query partitions")
        elif name is None:
            ctx.error(e.code, handler, "Failure to query nodes")
        else:
            ctx.error(e.code, handler, f"Failure to query node {name}")
        return None
    if name is not None and not msg["nodes"]:
        # the reference reports errno, which is 0 here: a 200 with an error, and no payload, which
        # its schema (nodes and last_update required) forbids: we follow the schema, nothing found
        code = lib.srpy_errno()
        ctx.error(code, handler, f"Failure to query node {name}")
        if ctx.parser.rules.no_nodes_warning:
            ctx.warn(None, "No nodes to dump")
        return {"last_update": 0, "nodes": []} if code == 0 else None
    # unassigned dynamic nodes are not written. (No records at all: the reference may warn "No
    # nodes to dump"; not seen on the test clusters, not reproduced.)
    nodes = [n for n in msg["nodes"] if n["name"] is not None]
    return {"last_update": msg["last_update"], "nodes": nodes}


# The reference's handlers report as their own functions on 24.11 and 26.05 alike.
def _nodes(ctx):
    return _dump(ctx, None, "_dump_nodes")


def _node(ctx):
    return _dump(ctx, ctx.params["node_name"], "_dump_nodes")


def _json_type(value):
    """A JSON value's (OpenAPI type, Slurm's name of its data type), as the parser's warnings say them."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "boolean", "boolean"
    if isinstance(value, int):
        return "integer", "64 bit integer"
    if isinstance(value, float):
        return "number", "floating point number"
    if isinstance(value, str):
        return "string", "string"
    if isinstance(value, list):
        return "array", "list"
    return "object", "dictionary"


def _expected(type_):
    """(OpenAPI type with its format, Slurm data type) a body field of `type_` is described as."""
    from ...parsers.tables import nodes as table

    if isinstance(type_, type(table.UINT32_NO_VAL)):
        return "object", "dictionary"
    if type_ is table.UINT32:
        return "integer format=int32", "64 bit integer"
    if isinstance(type_, table.FlagArray) or type_ in (table.CSV_STRING, table.HOSTLIST_STRING):
        return "array", "list"
    return "string", "string"


def _parse_update(ctx):
    """The body as update_node_msg_t fields ({field: str or int}), or None once the failure is
    reported as the reference's parser reports it (errors and warnings name the key's path)."""
    from ...parsers.tables import nodes as table

    rules = ctx.parser.rules
    body = ctx.body
    if body is None:
        body = {}
    if not isinstance(body, dict):
        ctx.error(EXPECTED_DICT, "#/", f"Rejecting {_json_type(body)[1]} when dictionary expected")
        return None
    out, ok = {}, True
    rows = {key: (field, type_) for key, field, type_, _ in table.update_rows(ctx.parser.version)}
    for key, field_type in rows.items():
        if key not in body or (key == "reason_uid" and not rules.node_update_reason_uid):
            continue
        field, type_ = field_type
        value, path = body[key], f"#/{key}/"
        found = _json_type(value)
        number_with_flags = isinstance(type_, type(table.UINT32_NO_VAL))
        if (found is not None and not isinstance(type_, table.FlagArray) and found[0] != _expected(type_)[0].split()[0]
                and (rules.body_type_warnings_objects or not number_with_flags)):
            want = _expected(type_)
            text = (f"Expected OpenAPI type={want[0]} (Slurm type={want[1]}) but got OpenAPI "
                    f"type={found[0]} (Slurm type={found[1]})")
            ctx.warn(path, f"{text}: {_quoted(value)}" if rules.body_type_warning_value else text)
        if isinstance(type_, table.FlagArray):
            items = value if isinstance(value, list) else [value]
            bits, unknown = type_.parse(items)
            for item in unknown:
                ctx.error(INVALID_FLAG, f"#/{key}[{items.index(item)}]/",
                          f"Unknown flag \"{item}\"", queries.INVALID_FLAG_TEXT)
            if unknown and rules.bad_flag_rejects_query:
                why = "Parsing flags failed" if isinstance(value, list) else f"Parsing single flag \"{value}\" failed"
                ctx.error(INVALID_FLAG, path, why, queries.INVALID_FLAG_TEXT)
                ok = False
            if items:
                out[field] = bits
        elif type_ is table.CSV_STRING:
            out[field] = ",".join(map(str, value)) if isinstance(value, list) else str(value)
        elif type_ is table.HOSTLIST_STRING:  # names as a host list: ["n1", "n2"] -> "n[1-2]"
            out[field] = _ranged(ctx, ",".join(map(str, value)) if isinstance(value, list) else str(value))
        elif type_ is table.USER_ID_IN:
            uid = _uid(value)
            if uid is None:
                ctx.error(USER_ID_UNKNOWN, path, f"Unable to resolve user: {value}")
                ok = False
            else:
                out[field] = uid
        elif isinstance(type_, type(table.UINT32_NO_VAL)):
            number = _number(value, type_)
            if number is None:
                if rules.body_type_warnings_objects and not isinstance(value, dict):
                    ctx.error(EXPECTED_DICT, path, f"Expected dictionary but got {found[1]}")
                else:
                    ctx.error(DATA_CONV_FAILED, path, f"Expected integer but got {_quoted(value)}")
                ok = False
            else:
                out[field] = number
        elif type_ is table.UINT32:
            number = _number(value, None)
            if number is not None:  # the reference warns (above) and leaves the field as it was
                out[field] = number & 0xFFFFFFFF
        else:
            out[field] = "" if value is None else str(value)
    for key, value in body.items():
        if key not in rows:
            ctx.warn(f"#/{key}/", f"Ignoring unknown field \"{key}\" of type {_json_type(value)[1] if value is not None else 'null'}"
                                  " in DATA_PARSER_UPDATE_NODE_MSG")
    return out if ok else None


def _quoted(value):
    import json

    return json.dumps(value)


def _ranged(ctx, names):
    """A host list's ranged string, as libslurm writes it ("n1,n2" -> "n[1-2]")."""
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    hl = lib.slurm_hostlist_create(names.encode())
    if hl == ffi.NULL:
        return names
    try:
        text = ffi.new("char **", lib.slurm_hostlist_ranged_string_xmalloc(hl))
        try:
            return ffi.string(text[0]).decode() if text[0] != ffi.NULL else ""
        finally:
            if text[0] != ffi.NULL:
                lib.slurm_xfree(ffi.cast("void **", text))
    finally:
        lib.slurm_hostlist_destroy(hl)


def _uid(value):
    import pwd

    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return int(value)
    try:
        return pwd.getpwnam(str(value)).pw_uid
    except KeyError:
        return None


def _number(value, type_):
    """A number, or {set, infinite, number} for a type with flags; None if it is neither."""
    if isinstance(value, dict) and type_ is not None:
        if value.get("infinite"):
            return type_.infinite
        if not value.get("set", "number" in value):
            return type_.no_val
        value = value.get("number", 0)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _update(ctx, name):
    from ...slurm.nodes import update

    handler = "_update_node" if name is not None else "_update_nodes"
    fields = _parse_update(ctx)
    if fields is None:
        return None
    if name is not None:
        if fields.get("node_names"):
            ctx.warn(handler, f"node_names field {fields['node_names']} ignored for singular node update")
        fields["node_names"] = name
    try:
        update(ctx.slurm.ffi, ctx.slurm.lib, fields)
    except SlurmFailure as e:
        names = fields.get("node_names")
        ctx.error(e.errno, handler, f"Failure to update node {'(null)' if names is None else names}")
    return None


def _post_node(ctx):
    return _update(ctx, ctx.params["node_name"])


def _post_nodes(ctx):
    return _update(ctx, None)


def _delete_node(ctx):
    from ...slurm.nodes import update

    name = ctx.params["node_name"]
    try:
        update(ctx.slurm.ffi, ctx.slurm.lib, {"node_names": name}, delete=True)
    except SlurmFailure as e:
        # the reference's op_handler_node reports it, as itself, on 24.11 and 26.05 alike
        ctx.error(e.errno, "op_handler_node", f"Failure to {ctx.parser.rules.node_delete_verb} node {name}")
    return None


nodes = Operation(_nodes, kind="nodes")
node = Operation(_node, kind="nodes")
post_node = Operation(_post_node, kind="node_update", body=("update_node_msg", "Node update description"))
post_nodes = Operation(_post_nodes, kind="node_update", body=("update_node_msg", "Nodelist update description"))
delete_node = Operation(_delete_node, kind="node_update")
