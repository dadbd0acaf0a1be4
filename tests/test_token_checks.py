"""auth.check_token: every check a JWT passes before Slurm sees it, as slurmctld's auth/jwt makes
them (no cluster needed). Each refusal is a 401 whose description says what is wrong."""
import base64
import json

import pytest

from slurmrestd_py.auth import check_token
from slurmrestd_py.errors import ApiError

NOW = 1_800_000_000


def b64(value):
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt(header=None, claims=None, signature="c2ln"):
    header = {"alg": "HS256", "typ": "JWT"} if header is None else header
    claims = {"exp": NOW + 60, "iat": NOW, "sun": "alice"} if claims is None else claims
    return f"{b64(header)}.{b64(claims)}.{signature}"


def refusal(token):
    with pytest.raises(ApiError) as e:
        check_token(token, now=NOW)
    assert e.value.status == 401 and e.value.close
    assert e.value.error_number == 6000 and e.value.source == "rest_auth/jwt"
    return e.value.description.removeprefix("Authentication failure: ")


def test_a_good_token_names_its_user():
    assert check_token(jwt(), now=NOW) == "alice"
    assert check_token(jwt(claims={"exp": NOW, "username": "bob"}), now=NOW) == "bob"  # exp == now is valid
    assert check_token(jwt(header={"alg": "rs256", "kid": "k"}), now=NOW) == "alice"  # case-blind, as auth/jwt


@pytest.mark.parametrize("token, why", [
    ("garbage", "malformed token: a JWT has 3 base64url parts separated by '.', this one 1"),
    ("a.b", "malformed token: a JWT has 3 base64url parts separated by '.', this one 2"),
    ("a.b.c.d", "malformed token: a JWT has 3 base64url parts separated by '.', this one 4"),
    (".e30.", "malformed token: its header is not base64url"),
    ("ey J.e30.x", "malformed token: its header is not base64url"),
    ("x.y.z", "malformed token: its header is not base64url"),
    (f"{b64(b'{not json')}.e30.x", "malformed token: its header is not JSON"),
    (b64(bytes([0xff, 0xfe])) + ".e30.x", "malformed token: its header is not JSON"),
    (f"{b64([1])}.e30.x", "malformed token: its header is not a JSON object"),
    (f"{b64({'alg': 'HS256'})}.{b64(b'[')}.x", "malformed token: its claims is not JSON"),
    (f"{b64({'alg': 'HS256'})}.{b64('alice')}.x", "malformed token: its claims is not a JSON object"),
    (jwt(signature="a+b/"), "malformed token: its signature is not base64url"),
    (jwt(header={"typ": "JWT"}), "malformed token: its header names no algorithm (alg)"),
    (jwt(header={"alg": 256}), "malformed token: its header names no algorithm (alg)"),
    (jwt(header={"alg": "none"}, signature=""), "algorithm 'none' is not accepted (slurmctld verifies HS256 and RS256 only)"),
    (jwt(header={"alg": "HS512"}), "algorithm 'HS512' is not accepted (slurmctld verifies HS256 and RS256 only)"),
    (jwt(claims={"sun": "alice"}), "the token has no expiry: claim exp must be an integer"),
    (jwt(claims={"sun": "alice", "exp": str(NOW + 60)}), "the token has no expiry: claim exp must be an integer"),
    (jwt(claims={"sun": "alice", "exp": True}), "the token has no expiry: claim exp must be an integer"),
    (jwt(claims={"sun": "alice", "exp": NOW - 1}), "token expired at 2027-01-15T07:59:59Z"),
    (jwt(claims={"exp": NOW + 60}), "the token names no user: claim sun or username"),
    (jwt(claims={"exp": NOW + 60, "sun": ""}), "the token names no user: claim sun or username"),
    (jwt(claims={"exp": NOW + 60, "username": 7}), "the token names no user: claim sun or username"),
])
def test_refusals_say_what_is_wrong(token, why):
    assert refusal(token) == why


def test_padding_is_tolerated_never_required():
    header, claims, sig = jwt().split(".")
    assert check_token(f"{header}.{claims}.{sig}", now=NOW) == "alice"
    assert refusal(f"{header}==.{claims}.{sig}") == "malformed token: its header is not base64url"


def test_a_refusal_never_echoes_the_token():
    token = jwt(header={"alg": "HS512" + "x" * 100})
    assert "x" * 40 not in refusal(token)
