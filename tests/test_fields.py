"""slurmrestd_py.fields: value classes as @dataclass made them (init, defaults, eq, hash, frozen,
repr), without compiling code per process."""
import pytest

from slurmrestd_py.auth import Identity, Peer
from slurmrestd_py.cli import Options
from slurmrestd_py.fields import REQUIRED, Factory, Fields
from slurmrestd_py.protocol import Request, Response


class Point(Fields):
    __slots__ = ("x", "y", "tags")
    FIELDS = (("x", REQUIRED), ("y", 0), ("tags", Factory(list)))


class FrozenPoint(Point):
    __slots__ = ()
    FROZEN = True


def test_init_by_position_or_name_with_defaults():
    assert (Point(1).x, Point(1).y, Point(1).tags) == (1, 0, [])
    assert Point(1, 2) == Point(y=2, x=1) != Point(1, 3)
    assert Point(1).tags is not Point(1).tags  # a Factory default is made per instance


@pytest.mark.parametrize("args, kw", [((), {}), ((1, 2, [], 4), {}), ((1,), {"x": 2}), ((1,), {"z": 2})])
def test_bad_arguments_are_type_errors(args, kw):
    with pytest.raises(TypeError):
        Point(*args, **kw)


def test_frozen_refuses_assignment_and_hashes():
    p = FrozenPoint(1, 2, ())
    with pytest.raises(AttributeError):
        p.x = 3
    assert hash(p) == hash(FrozenPoint(1, 2, ())) and {p: 1}[FrozenPoint(1, 2, ())] == 1
    with pytest.raises(TypeError):
        hash(Point(1))
    q = Point(1)
    q.y = 5
    assert q.y == 5


def test_equality_is_by_class_and_values():
    assert Point(1, 2, []) != FrozenPoint(1, 2, [])
    assert Point(1) != (1, 0, [])
    assert repr(Point(1, "a")) == "Point(x=1, y='a', tags=[])"


def test_the_product_classes():
    assert Identity("alice", 1001) == Identity(user="alice", uid=1001) != Identity("alice", 1001, become=True)
    assert Peer("pipe", uid=5).describe() == "pipe uid=5"
    r = Response(200)
    assert (r.content_type, r.body, r.headers, r.close) == ("application/json", b"", [], False)
    assert Request("GET", "/x", {}, {}).http_version == "1.1"
    o = Options(auth_plugins=(), plugins=())
    o.threads = 4
    assert (o.threads, o.idle_timeout, o.listen) == (4, 60.0, ())
