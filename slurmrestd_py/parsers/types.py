"""The type catalogue the parser tables are written in: each type dumps a value copied out of C
(sentinels intact) into the API's shape, and describes itself as an OpenAPI schema.

A named type is a schema of its own (`components/schemas/<version>_<name>`) that fields point to
with `$ref`; an unnamed one is written inline. Schemas are made from the same objects that dump, so
the document cannot disagree with the answers.
"""
import math

from ..slurm.sentinels import INFINITE_BY_BITS as INFINITE
from ..slurm.sentinels import NO_VAL_BY_BITS as NO_VAL

_SCHEMA_PREFIX = "#/components/schemas/"


class _Missing:
    """What a field the local release does not have reads as (see Field)."""

    def __repr__(self):
        return "MISSING"


MISSING = _Missing()


class Type:
    name = None  # a named type is a component schema; None: written inline
    inlined_resp = False  # an answer a version that inlines its schemas writes inline all the same
    description = None
    unset = None  # what a field the local release lacks is written as: the version's "not set"

    def dump(self, value):
        raise NotImplementedError

    def parse(self, value, at, report):
        """The C value of a request's `value` found at path `at` (parsers/parsing.py: mismatches are
        warnings in `report`, failures raise parsing.Failed). A type that has no parse yet
        refuses the value with an error of ours: a write that silently lost a field is worse
        than a refused one."""
        from . import parsing as p

        report.fail(at, p.CONVERSION_FAILED, "slurmrestd-py does not read this field yet")

    def body(self, schemas):
        """The schema itself (schemas: a Schemas collecting the named types it refers to)."""
        raise NotImplementedError

    def ref(self, schemas, description=None):
        """How a field of this type is described: a $ref to the named schema, or the schema inline."""
        if self.name is None or (schemas.inline and (not self.name.endswith("_resp")
                                                     or self.name in schemas.inline_responses)) \
                or schemas.names.get(self.name, self.name) in schemas.inline_names:
            out = dict(self.body(schemas))
        else:
            out = {"$ref": _SCHEMA_PREFIX + schemas.add(self)}
        if description:
            out["description"] = description
        return out


class Schemas:
    """The named schemas one document needs, filled as the types refer to each other. A version
    may rename types (`names`), or write every schema but its answers' (*_resp) inline where
    it is used (`inline`, as v0.0.41's document does), or only those it names (`inline_names`,
    as v0.0.43 on write their flags and enums)."""

    def __init__(self, version, names=None, inline=False, inline_responses=frozenset(), inline_names=frozenset()):
        self.version, self.names, self.inline = version, names or {}, inline
        self.inline_responses, self.inline_names = inline_responses, inline_names
        self.components = {}

    def add(self, t):
        key = f"{self.version}_{self.names.get(t.name, t.name)}"
        if key not in self.components:
            self.components[key] = None  # a type that refers to itself stops here
            self.components[key] = t.body(self)
        return key


class Scalar(Type):
    def __init__(self, schema, convert=None, name=None, unset=0):
        self._schema, self._convert, self.name, self.unset = schema, convert, name, unset

    def dump(self, value):
        return self._convert(value) if self._convert else value

    def parse(self, value, at, report, bits=32):
        """As the reference's STRING, UINTn (bits) and BOOL16 parsers: checked against the schema's
        type, converted when it can be, a silent failure when not."""
        from . import parsing as p

        kind = self._schema["type"]
        if kind == "string":
            p.check(p.EXPECT_STRING, value, at, report)
            out = None if value is None else p.to_string(value)
            if value is not None and out is None:
                report.silent()
            return out
        if kind == "boolean":
            p.check(p.EXPECT_BOOL, value, at, report)
            out = False if value is None else p.to_bool(value)
            if out is None:
                report.silent()
            return int(out)
        p.check(p.EXPECT_INT64 if self._schema.get("format") == "int64" else p.EXPECT_INT32, value, at, report)
        out = 0 if value is None else p.to_int(value)
        if out is None or isinstance(value, bool):  # (data.c converts no boolean to an integer)
            report.silent()
        if bits == 16:
            return out & 0xFFFF
        return NO_VAL[32] if out & ~0xFFFFFFFF else out

    def body(self, schemas):
        return self._schema


def _string(value):
    return "" if value is None else value


STRING = Scalar({"type": "string"}, _string, unset="")
INT32 = Scalar({"type": "integer", "format": "int32"})
INT64 = Scalar({"type": "integer", "format": "int64"})
BOOL = Scalar({"type": "boolean"}, bool, unset=False)
FLOAT = Scalar({"type": "number", "format": "double"})


def _int64(value):
    # a uint64_t written as int64_t, as the reference's data_set_int() does
    return value - (1 << 64) if value >= (1 << 63) else value


UINT64_AS_INT64 = Scalar({"type": "integer", "format": "int64"}, _int64)


class NoVal(Type):
    """uintN_t with NO_VAL ("not set") and INFINITE: `{set, infinite, number}`."""

    def __init__(self, bits, name):
        self.no_val, self.infinite = NO_VAL[bits], INFINITE[bits]
        self.name, self.bits = name, bits
        self.unset = {"set": False, "infinite": False, "number": 0}

    def dump(self, value):
        if value == self.infinite:
            return {"set": False, "infinite": True, "number": 0}
        if value == self.no_val:
            return {"set": False, "infinite": False, "number": 0}
        return {"set": True, "infinite": False, "number": value}

    def body(self, schemas):
        return _number_body(schemas, self.name, self.bits)

    def parse(self, value, at, report):
        """A plain number, a numeric string, null (not set) or {set, infinite, number}, as the
        reference's UINTn_NO_VAL parsers read them (through UINT64_NO_VAL)."""
        from . import parsing as p

        if report.rules.numbers_are_objects:
            p.check(p.EXPECT_DICT, value, at, report)
        n = parse_no_val64(value, at, report)
        if n == NO_VAL[64]:
            return self.no_val
        if self.bits < 64 and n >= self.no_val:
            return self.infinite
        return n


def _number_body(schemas, name, bits):
    """The schema of a number with flags (`bits` None: a double). Versions to v0.0.40 write it
    with defaults and an int64 number; v0.0.41 on (whose names end in _struct) from a parser
    table of their own, with int32 numbers for 16 and 32 bits and other descriptions."""
    struct = schemas.names.get(name, "").endswith("_struct")
    number = ({"type": "number", "format": "double"} if bits is None
              else {"type": "integer", "format": "int32" if struct and bits < 64 else "int64"})
    if struct:
        return {"type": "object", "properties": {
            "set": {"type": "boolean", "description": "True if number has been set; False if number is unset"},
            "infinite": {"type": "boolean",
                         "description": "True if number has been set to infinite; \"set\" and \"number\" will be ignored"},
            "number": {**number, "description": "If \"set\" is True the number will be set with value; "
                                                "otherwise ignore number contents"},
        }}
    return {
        "type": "object",
        "description": "64 bit floating point number with flags" if bits is None else "Integer number with flags",
        "properties": {
            "set": {"type": "boolean", "description": "True if number has been set. False if number is unset",
                    "default": False},
            "infinite": {"type": "boolean", "default": False,
                         "description": "True if number has been set to infinite. \"set\" and \"number\" will be ignored."},
            "number": {**number,
                       "description": "If set is True the number will be set with value. Otherwise ignore number contents."},
        },
    }


def parse_no_val64(value, at, report):
    """UINT64_NO_VAL's parse: -> a uint64 with NO_VAL64 and INFINITE64 (as v0.0.40, or v0.0.41 on,
    read it: report.rules)."""
    from . import parsing as p

    if value is None:
        return NO_VAL[64]
    if isinstance(value, float):
        if math.isnan(value):
            return NO_VAL[64]
        return INFINITE[64] if abs(value) == float("inf") else int(value) & 0xFFFFFFFFFFFFFFFF
    if not isinstance(value, dict):
        n = p.to_int(value)
        if n is not None:
            return n & 0xFFFFFFFFFFFFFFFF
        if report.rules.numbers_are_objects:
            report.fail(at, p.EXPECTED_DICT, f"Expected dictionary but got {p.slurm_type(value)}")
        report.fail(at, p.CONVERSION_FAILED, f"Expected integer but got {report.shown(value)}")
    if report.rules.numbers_are_objects:
        return _no_val64_v40(value, at, report)
    # v0.0.41 on: the members are read by their own parsers (warned about, converted, or a silent failure)
    got = {}
    for key, expect, convert in (("set", p.EXPECT_BOOL, p.to_bool), ("infinite", p.EXPECT_BOOL, p.to_bool),
                                 ("number", p.EXPECT_INT64, p.to_int)):
        if key in value:
            p.check(expect, value[key], p.child(at, key), report)
            got[key] = convert(value[key]) if value[key] is not None else (0 if key == "number" else False)
            if got[key] is None:
                report.silent()
    if got.get("infinite"):
        return INFINITE[64]
    if got.get("set"):
        return got.get("number", 0) & 0xFFFFFFFFFFFFFFFF
    return NO_VAL[64]


def _no_val64_v40(value, at, report):
    from . import parsing as p

    got = {}
    for key, convert, what in (("set", p.to_bool, "bool"), ("infinite", p.to_bool, "bool"),
                               ("number", p.to_int, "integer number")):
        if key in value:
            got[key] = convert(value[key])
            if got[key] is None:  # the reference names the whole object's type here
                report.fail(at, p.CONVERSION_FAILED, f"Expected {what} for \"{key}\" field but got dictionary")
    if got.get("infinite"):
        return INFINITE[64]
    if not got.get("set"):
        return NO_VAL[64]
    if "number" not in got:
        report.fail(at, p.CONVERSION_FAILED, "Expected \"number\" field when \"set\"=True but field not present")
    return got["number"] & 0xFFFFFFFFFFFFFFFF


UINT16_NO_VAL = NoVal(16, "uint16_no_val")
UINT32_NO_VAL = NoVal(32, "uint32_no_val")
UINT64_NO_VAL = NoVal(64, "uint64_no_val")


class Float64NoVal(Type):
    name = "float64_no_val"
    unset = {"set": False, "infinite": False, "number": 0.0}

    def dump(self, value):
        if value == float(INFINITE[32]) or value == float("inf"):
            return {"set": False, "infinite": True, "number": 0.0}
        if value == float(NO_VAL[32]) or value != value:
            return {"set": False, "infinite": False, "number": 0.0}
        return {"set": True, "infinite": False, "number": value}

    def body(self, schemas):
        return _number_body(schemas, self.name, None)

    def parse(self, value, at, report):
        """A double with NO_VAL and INFINITE (as doubles): null, a number, a numeric string or
        {set, infinite, number}, as the reference's FLOAT64_NO_VAL parser reads them."""
        from . import parsing as p

        unset, infinite = float(NO_VAL[32]), float(INFINITE[32])
        if report.rules.numbers_are_objects:
            p.check(p.EXPECT_DICT, value, at, report)
        if value is None:
            return unset
        if report.rules.numbers_are_objects:
            return self._parse_v40(value, at, report, unset, infinite)
        if isinstance(value, (bool, list)):
            report.fail(at, p.CONVERSION_FAILED, f"Expected floating point number but got {report.shown(value)}")
        if isinstance(value, int):
            n = value & 0xFFFFFFFFFFFFFFFF
            return infinite if n == INFINITE[64] else unset if n == NO_VAL[64] else float(value)
        if isinstance(value, dict):
            got = {}
            for key, expect, convert in (("set", p.EXPECT_BOOL, p.to_bool), ("infinite", p.EXPECT_BOOL, p.to_bool),
                                         ("number", p.EXPECT_DOUBLE, p.to_float)):
                if key in value:
                    p.check(expect, value[key], p.child(at, key), report)
                    got[key] = convert(value[key]) if value[key] is not None else (0.0 if key == "number" else False)
                    if got[key] is None:
                        report.silent()
            for key, v in value.items():
                if key not in ("set", "infinite", "number"):
                    report.warn(p.child(at, key), f"Ignoring unknown field \"{key}\" of type {p.slurm_type(v)} in "
                                                  "DATA_PARSER_FLOAT64_NO_VAL_STRUCT")
            if got.get("infinite"):
                return infinite
            return got.get("number", 0.0) if got.get("set") else unset
        out = p.to_float(value)
        if out is None:
            report.fail(at, p.CONVERSION_FAILED, f"Expected floating point number but got {report.shown(value)}")
        return out

    @staticmethod
    def _parse_v40(value, at, report, unset, infinite):
        """v0.0.40 reads the object's members itself (no warnings; its messages name the object's type)."""
        from . import parsing as p

        if isinstance(value, int) and not isinstance(value, bool):
            n = value & 0xFFFFFFFFFFFFFFFF
            return infinite if n == INFINITE[64] else unset if n == NO_VAL[64] else float(value)
        if isinstance(value, (str, float)) and p.to_float(value) is not None:
            return p.to_float(value)
        if not isinstance(value, dict):
            report.fail(at, p.EXPECTED_DICT, f"Expected dictionary but got {p.slurm_type(value)}")
        got = {}
        for key, what in (("set", "bool"), ("infinite", "bool")):
            if key in value:
                got[key] = p.to_bool(value[key]) if value[key] is not None else False
                if got[key] is None:
                    report.fail(at, p.CONVERSION_FAILED, f"Expected {what} for \"{key}\" field but got dictionary")
        if "number" in value:
            got["number"] = p.to_float(value["number"]) if value["number"] is not None else None
            if got["number"] is None:  # reported, yet the parse goes on (the value stays unset)
                report.ctx.error(p.CONVERSION_FAILED, at, "Expected floating point number for \"number\" field "
                                 "but got dictionary", p.TEXTS[p.CONVERSION_FAILED])
                return unset
        if got.get("infinite"):
            return infinite
        if not got.get("set"):
            return unset
        if "number" not in got:
            report.fail(at, p.CONVERSION_FAILED, "Expected \"number\" field when \"set\"=True but field not present")
        return got["number"]


FLOAT64_NO_VAL = Float64NoVal()


def const(name):
    """A constant of the compiled module by name, looked up when first needed (describing schemas
    needs no libslurm)."""
    from ..slurm._lib import load

    return _const(load()[1], name)


def _const(lib, value):
    """A constant by name ("CR_CPU|CR_CORE": their union), or a number as it is."""
    if not isinstance(value, str):
        return value
    out = 0
    for name in value.split("|"):
        out |= getattr(lib, name)
    return out


RELEASE_FLAG = "release_flag"  # a Flags row's mark (after its mask): named only where the release has it
HIDDEN_FLAG = "hidden_flag"  # a Flags row's mark: a body may name it, but it is never dumped nor in the schema


class Flags(Type):
    """Bit flags -> the names that apply, in table order. A row is (name, value, mask): it applies
    when `field & mask == value`; mask None means value itself (a plain bit). Values and masks
    are the compiled module's constants, by name (resolved at the first dump: describing the
    schema needs no libslurm).

    As the reference's dumper (_dump_flag_bit_array): a row with a mask is an "equal" flag, and
    once one applied, a later bit flag whose mask shares bits with it is not looked at; a plain
    bit's mask is every bit (so CR_CORE|CR_MEMORY writes ["CORE"]). A row (name, value, mask,
    "bit") is a masked bit flag (JOB_STATE's flags under JOB_STATE_FLAGS)."""

    unset = ()

    def __init__(self, name, rows):
        self.name, self.rows = name, tuple(rows)
        self._resolved = None

    def _plan(self):
        if self._resolved is None:
            from ..slurm._lib import load

            _, lib = load()
            plan = []
            for name, value, *rest in self.rows:
                if HIDDEN_FLAG in rest:
                    continue
                v = _const(lib, value)
                masked = bool(rest) and rest[0] is not None
                m = _const(lib, rest[0]) if masked else v
                equal = masked and "bit" not in rest[1:]
                # what an earlier equal flag's mask must not share for this row to be looked at
                shadow = 0 if equal else m if masked else ~0
                plan.append((m, v, name, equal, shadow))
            self._resolved = tuple(plan)
        return self._resolved

    def dump(self, value):
        out, used = [], 0
        for mask, v, name, equal, shadow in self._plan():
            if equal:
                if value & mask == v and (v or mask):
                    out.append(name)
                    used |= mask
            elif not used & shadow and value & mask == v and v:
                out.append(name)
        return out

    def names(self):
        """The flag names, in table order; a row marked RELEASE_FLAG only where the local release
        has its constant (a release layer defines a gone one as 0)."""
        return list(dict.fromkeys(row[0] for row in self.rows if HIDDEN_FLAG not in row[2:]
                                  and (RELEASE_FLAG not in row[2:] or const(row[1]))))

    def body(self, schemas):
        return {"type": "array", "items": {"type": "string", "enum": self.names()}}

    def parse(self, value, at, report):
        """A flag name or a list of them -> their bits, as the reference's flag parser: an unknown
        name is an error (v0.0.40 then fails the list too), an item that is no string a warning."""
        from . import parsing as p

        if not isinstance(value, (str, list)):
            report.fail(at, p.FLAGS_INVALID_TYPE, f"Expected a List but found a {p.slurm_type(value)}")
        names = [value] if isinstance(value, str) else value
        # a row with a mask is an "equal" flag: it replaces the masked bits (the last named wins)
        by_name = {row[0].lower(): (row[1], row[2] if len(row) > 2 and row[3:] != ("bit",) else None)
                   for row in self.rows}
        bits, bad = 0, False
        for i, name in enumerate(names):
            where = p.item(at, i)
            if report.rules.bad_flag_rejects_query:  # v0.0.40 reads a non-string as no name at all
                text = name if isinstance(name, str) else "(null)"
            else:
                text = "" if name is None else p.to_string(name)  # null converts to "", as in data_t
            if text is None:
                report.warn(where, f"Ignoring unexpected field of type {p.slurm_type(name)}")
                continue
            found = by_name.get(text.lower())
            if found is None:
                report.ctx.error(p.INVALID_FLAG, where, f"Unknown flag \"{text}\"", p.TEXTS[p.INVALID_FLAG])
                bad = True
                if report.rules.bad_flag_rejects_query:  # v0.0.40 stops at the first
                    break
                continue
            value_, mask = found
            bits = (bits & ~const(mask)) | const(value_) if mask else bits | const(value_)
        if bad and report.rules.bad_flag_rejects_query:
            if isinstance(value, str):
                report.fail(at, p.INVALID_FLAG, f"Parsing single flag \"{value}\" failed")
            report.fail(at, p.INVALID_FLAG, "Parsing flags failed")
        return bits


class Enum(Type):
    """One value of a C enum -> its name (a list of one, as the reference writes its state lists)."""

    def __init__(self, name, values, listed=True, unknown="UNKNOWN"):
        self.name, self.values, self.listed, self.unknown = name, dict(values), listed, unknown

    def dump(self, value):
        text = self.values.get(value, self.unknown)
        return [text] if self.listed else text

    def body(self, schemas):
        names = list(dict.fromkeys(self.values.values()))
        item = {"type": "string", "enum": names}
        return {"type": "array", "items": item} if self.listed else item


class List(Type):
    unset = ()

    def __init__(self, item, name=None):
        self.item, self.name = item, name

    def dump(self, values):
        dump = self.item.dump
        return [dump(v) for v in values or ()]

    def body(self, schemas):
        return {"type": "array", "items": self.item.ref(schemas)}

    def parse(self, value, at, report):
        """A list of items each parsed by the item's type (a lone scalar: a list of one), as the
        reference's list parser; an item's failure fails the list."""
        from . import parsing as p

        if isinstance(value, list):
            # the items of the reference's lists of objects are pointers: an empty object is the
            # parser's new record as it is, not parsed (no required key missing)
            return [{} if v == {} and isinstance(self.item, Object) else self.item.parse(v, p.item(at, i), report)
                    for i, v in enumerate(value)]
        if isinstance(value, dict):
            report.fail(at, p.EXPECTED_LIST, f"Expected List but found a {p.slurm_type(value)}")
        # a lone value is converted to a string first (null to ""), and read as a list of it
        return [self.item.parse("" if value is None else p.to_string(value), p.item(at, 0), report)]


class Field:
    """One key of an object: its `key` in the answer, where its value comes from (`source`: the
    C field name in the copied-out record, or a function of the record), its type."""

    __slots__ = ("description", "get", "key", "required", "source", "type")

    def __init__(self, key, source, type_, description=None, required=False):
        self.key, self.type, self.description, self.required = key, type_, description, required
        self.source = source
        # a C field this release lacks is MISSING: the Object writes the type's "not set" instead
        self.get = (lambda record: record.get(source, MISSING)) if isinstance(source, str) else source


class Object(Type):
    """A JSON object from a table of Fields (keys in table order, as the reference writes them)."""

    def __init__(self, name, fields, description=None):
        self.name, self.fields, self.description = name, tuple(fields), description
        self._plan = tuple((f.key, f.get, f.type) for f in self.fields)

    def dump(self, record):
        out = {}
        for key, get, type_ in self._plan:
            value = get(record)
            out[key] = type_.dump(value) if value is not MISSING else _unset(type_)
        return out

    def dump_streamed(self, record, envelope=("errors", "warnings")):
        """As dump, for a whole answer whose list field holds a media.Lazy (records made one at a
        time): that list dumped item by item as it is encoded, and each key after it when its
        turn comes (media.Later), so what dumping the items reports (warnings[]) is written as
        dump writes it; the same bytes. Where a key of the `envelope` comes before the list
        (v0.0.39's answers), it could not say so: the answer is dumped whole."""
        from .. import media

        out, streaming = {}, False
        for key, get, type_ in self._plan:
            if streaming:
                out[key] = media.Later(lambda get=get, type_=type_: self._dump_field(record, get, type_))
                continue
            value = get(record)
            if isinstance(value, media.Lazy) and isinstance(type_, List):
                if any(k in envelope for k in out):
                    return self.dump(record)
                out[key] = media.Lazy(map(type_.item.dump, value))
                streaming = True
            else:
                out[key] = type_.dump(value) if value is not MISSING else _unset(type_)
        return out

    @staticmethod
    def _dump_field(record, get, type_):
        value = get(record)
        return type_.dump(value) if value is not MISSING else _unset(type_)

    def parse(self, value, at, report, fields=None):
        """{C field: value} of a request's object, as the reference's parser of a table: each
        row's key in table order (a missing required one fails), a member of an inline object
        merged into its parent's fields; then every member no row reads is a warning naming
        the table (its `parser_name`), even when a row failed."""
        from . import parsing as p

        if not isinstance(value, dict):
            report.fail(at, p.EXPECTED_DICT, f"Rejecting {p.slurm_type(value)} when dictionary expected")
        out = {} if fields is None else fields
        try:
            for f in self.fields:
                where = p.child(at, f.key)
                if f.key not in value:
                    if f.required:
                        report.fail(where, p.PATH_NOT_FOUND, f"Missing required field '{f.key}' in dictionary")
                    continue
                if f.source is whole:
                    if isinstance(value[f.key], dict):  # else: not a path to its members (warned below)
                        f.type.parse(value[f.key], where, report, out)
                elif isinstance(f.type, Object) and f.type.name and value[f.key] == {}:
                    # a named object is the reference's pointer: an empty one is its parser's new
                    # record as it is, not parsed (no required key missing)
                    out[getattr(f.source, "parse_as", f.source)] = {}
                elif isinstance(f.source, str) or getattr(f.source, "parse_as", None):
                    # a function source names the field a body's value goes to (`parse_as`)
                    out[getattr(f.source, "parse_as", f.source)] = f.type.parse(value[f.key], where, report)
                elif not hasattr(f.source, "parse_as"):  # (parse_as None: a field the reference skips)
                    report.fail(where, p.CONVERSION_FAILED, "slurmrestd-py does not read this field yet")
        finally:
            if fields is None:
                self._unknown(value, at, report, self.parser_name or f"DATA_PARSER_{self.name.upper()}")
        return out

    parser_name = None  # the reference's name of the table, in its "unknown field" warnings

    def _known(self):
        return {f.key: (f.type._known() if f.source is whole else None) for f in self.fields}

    def _unknown(self, value, at, report, name, known=None):
        from . import parsing as p

        known = self._known() if known is None else known
        for key, v in value.items():
            if key in known and (known[key] is None or isinstance(v, dict)):
                if known[key] is not None:
                    self._unknown(v, p.child(at, key), report, name, known[key])
                continue
            if isinstance(v, dict):  # the reference looks one level further down for a known key
                self._unknown(v, p.child(at, key), report, name, {})
                continue
            report.warn(p.child(at, key), f"Ignoring unknown field \"{key}\" of type {p.slurm_type(v)} in {name}")

    def body(self, schemas):
        out = {"type": "object"}
        if self.description:
            out["description"] = self.description
        out["properties"] = {f.key: f.type.ref(schemas, f.description) for f in self.fields}
        # The reference writes "required": [] in every named object, which OpenAPI 3.0 forbids
        # (minItems 1): a repair, the list is written only when it names a key.
        required = [f.key for f in self.fields if f.required]
        if required:
            out["required"] = required
        return out


def _unset(type_):
    unset = getattr(type_, "inner", type_).unset
    return list(unset) if isinstance(unset, tuple) else dict(unset) if isinstance(unset, dict) else unset


def inline(fields, description=None):
    """An object written inside its parent's schema (partition `nodes{}`, `maximums{}` ...)."""
    return Object(None, fields, description)


def whole(record):
    """A Field source: the record itself (for an inline object made of the same record's fields)."""
    return record


class PerVersion(Type):
    """A type some versions write otherwise (v0.0.39's timestamps are plain integers where v0.0.40
    on write {set, infinite, number}): table() puts the version's own in its row. Anywhere else it
    is `default`."""

    def __init__(self, default, versions, other):
        self.default, self.versions, self.other = default, versions, other
        self.name, self.unset = default.name, default.unset

    def for_version(self, version):
        return self.other if version in self.versions else self.default

    def dump(self, value):
        return self.default.dump(value)

    def parse(self, value, at, report):
        return self.default.parse(value, at, report)

    def ref(self, schemas, description=None):
        return self.default.ref(schemas, description)

    def body(self, schemas):
        return self.default.body(schemas)


REQUIRED = "required"  # a row's mark: the key is in its object schema's `required` list


def table(name, rows, version=None, description=None):
    """An Object from rows (path, source, type, description, *marks), as Slurm's own parser tables
    are written: a path "maximums/oversubscribe/jobs" nests inline objects, each placed where its
    first key appears; two rows may read one source (overloads). Marks: a set of versions (the
    row is only in those: one table serves a family of versions), REQUIRED."""
    tree = {}
    for path, source, type_, desc, *marks in rows:
        versions = next((m for m in marks if isinstance(m, frozenset)), None)
        if versions is not None and version not in versions:
            continue
        if isinstance(type_, PerVersion):
            type_ = type_.for_version(version)
        *parents, key = path.split("/")
        level = tree
        for p in parents:
            level = level.setdefault(p, {})
        level[key] = Field(key, source, type_, desc, REQUIRED in marks)
    return _object(name, tree, description)


def _object(name, tree, description=None):
    fields = [v if isinstance(v, Field) else Field(k, whole, _object(None, v)) for k, v in tree.items()]
    return Object(name, fields, description)
