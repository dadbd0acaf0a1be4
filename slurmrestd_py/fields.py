"""Small value classes without `dataclasses`: a @dataclass compiles its methods with exec() when its
module is imported, ~0.5 ms each, paid again by every process of inetd mode.

    class Peer(Fields):
        FIELDS = (("kind", REQUIRED), ("uid", None), ...)

gives __init__ (positional or by name, defaults as listed), __eq__, __hash__ (frozen ones), __repr__;
`FROZEN = True` refuses assignment after __init__, as @dataclass(frozen=True). A default that is a
`Factory` is called for each instance (dataclasses.field(default_factory=...)).
"""

REQUIRED = object()


class Factory:
    def __init__(self, make):
        self.make = make


class Fields:
    __slots__ = ()
    FIELDS = ()
    FROZEN = False

    def __init__(self, *args, **kw):
        fields = self.FIELDS
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} arguments, {len(args)} given")
        setter = object.__setattr__
        for i, (name, default) in enumerate(fields):
            if i < len(args):
                if name in kw:
                    raise TypeError(f"{type(self).__name__}() got multiple values for {name!r}")
                value = args[i]
            elif name in kw:
                value = kw.pop(name)
            elif default is REQUIRED:
                raise TypeError(f"{type(self).__name__}() missing argument {name!r}")
            else:
                value = default.make() if isinstance(default, Factory) else default
            setter(self, name, value)
        if kw:
            raise TypeError(f"{type(self).__name__}() got an unexpected argument {next(iter(kw))!r}")

    def __setattr__(self, name, value):
        if self.FROZEN:
            raise AttributeError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")
        object.__setattr__(self, name, value)

    def _values(self):
        return tuple(getattr(self, name) for name, _ in self.FIELDS)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self):
        if not self.FROZEN:
            raise TypeError(f"unhashable type: {type(self).__name__!r}")
        return hash(self._values())

    def __repr__(self):
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name, _ in self.FIELDS)
        return f"{type(self).__name__}({inner})"


def annotated(cls):
    """FIELDS from the class body's annotated names, in order, as @dataclass reads them
    (`name: type = default`; no default: required; a Factory default: made per instance), so a
    Fields class can be written as the dataclass it replaces. The class keeps no default of its own."""
    fields = []
    for name in cls.__dict__.get("__annotations__") or getattr(cls, "__annotations__", {}):
        default = cls.__dict__.get(name, REQUIRED)
        if name in cls.__dict__:
            delattr(cls, name)
        fields.append((name, default))
    cls.FIELDS = tuple(fields)
    return cls


def replace(value, **changes):
    """A copy of `value` with `changes`, as dataclasses.replace (an unknown name is a TypeError)."""
    return type(value)(**{**{name: getattr(value, name) for name, _ in value.FIELDS}, **changes})
