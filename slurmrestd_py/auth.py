"""Who is asking: the kernel-verified peer of the connection (rest_auth/local) or a JWT (rest_auth/jwt).

The only module that touches python-jose, imported on the first request that carries a token.
"""
import os
import pwd
import socket
import stat
import struct
from dataclasses import dataclass

from .errors import AUTH_CRED_INVALID, ApiError

LOCAL = "rest_auth/local"
JWT = "rest_auth/jwt"
PLUGINS = (LOCAL, JWT)

AUTH_FAILED = "Authentication failure"


@dataclass(frozen=True)
class Peer:
    """What stdin is connected to, as the kernel reports it."""

    kind: str  # "pipe" (or file, tty), "unix", "inet"
    uid: int = None
    gid: int = None
    pid: int = None
    address: str = ""

    def describe(self):
        if self.kind == "inet":
            return self.address
        who = f"uid={self.uid}" + (f" pid={self.pid}" if self.pid else "")
        return f"{self.kind} {who}"


@dataclass(frozen=True)
class Identity:
    user: str
    uid: int
    gid: int
    token: str = None  # the JWT handed to libslurm, under rest_auth/jwt
    become: bool = False  # the process must switch to this user before talking to Slurm


def peer_of(fd):
    st = os.fstat(fd)
    if not stat.S_ISSOCK(st.st_mode):
        # A pipe (or file, or terminal) belongs to the user who made it.
        return Peer("pipe", st.st_uid, st.st_gid)
    sock = socket.socket(fileno=os.dup(fd))
    try:
        if sock.family == socket.AF_UNIX:
            pid, uid, gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
            return Peer("unix", uid, gid, pid)
        try:
            host, port = sock.getpeername()[:2]
            address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        except OSError:
            address = "unknown"
        return Peer("inet", address=address)
    finally:
        sock.close()


def _identity(uid, gid=None, **kw):
    try:
        pw = pwd.getpwuid(uid)
    except KeyError:
        raise _refused(f"uid {uid} has no user name") from None
    return Identity(pw.pw_name, uid, pw.pw_gid if gid is None else gid, **kw)


def _refused(why):
    return ApiError(401, f"{AUTH_FAILED}: {why}", AUTH_CRED_INVALID, source="rest_auth", close=True)


class Authenticator:
    """Decides, per request, who the client is, with the enabled plugins."""

    def __init__(self, plugins, peer):
        self.plugins = tuple(plugins)
        self.peer = peer

    def authenticate(self, request):
        if JWT in self.plugins and _jwt_headers(request)[0] is not None:
            return self._jwt(request)
        if LOCAL in self.plugins:
            return self._local()
        raise _refused("no credentials: send X-SLURM-USER-NAME and X-SLURM-USER-TOKEN")

    def _local(self):
        peer, me = self.peer, os.geteuid()
        if peer.kind == "inet":
            raise _refused("rest_auth/local does not accept network peers; use rest_auth/jwt")
        if peer.uid == me:
            return _identity(me, os.getegid())
        if peer.kind == "unix" and me == 0:
            return _identity(peer.uid, become=True)
        # A pipe made by someone else, or a socket peer we cannot act for: the reference refuses too.
        raise _refused(f"peer uid {peer.uid} is not this process's uid {me}")

    def _jwt(self, request):
        token, name = _jwt_headers(request)
        claims = _token_claims(token)
        name = name or claims.get("sun")
        if not name:
            raise _refused("X-SLURM-USER-NAME is missing and the token names no user")
        try:
            pw = pwd.getpwnam(name)
        except KeyError:
            raise _refused(f"unknown user {name!r}") from None
        # slurmctld and slurmdbd verify the signature and whether the token may act for this user.
        return Identity(pw.pw_name, pw.pw_uid, pw.pw_gid, token=token)


def _jwt_headers(request):
    """(token, user name) from X-SLURM-USER-TOKEN / X-SLURM-USER-NAME or `Authorization: Bearer`."""
    token = request.headers.get("x-slurm-user-token")
    if token is None:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        token = value.strip() if scheme.lower() == "bearer" and value.strip() else None
    return token, request.headers.get("x-slurm-user-name")


# Slurm 22.05's auth/jwt signs with HS256 only; anything else is refused before it reaches Slurm.
ALGORITHMS = ("HS256",)


def _token_claims(token):
    """The claims of a well-formed, unexpired HS256 token (the signature is checked by Slurm)."""
    import time

    from jose import jwt
    from jose.exceptions import JOSEError

    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.get_unverified_claims(token)
    except (JOSEError, ValueError, TypeError):
        raise _refused("malformed token") from None
    if header.get("alg") not in ALGORITHMS:
        raise _refused(f"token algorithm {header.get('alg')!r} is not one of {', '.join(ALGORITHMS)}")
    exp = claims.get("exp")
    if not isinstance(exp, (int, float)) or isinstance(exp, bool):
        raise _refused("token has no expiry")
    if exp <= time.time():
        raise _refused("token expired")
    return claims


def become(identity):
    """Switch this process to `identity` for good: groups, then gid, then uid."""
    os.initgroups(identity.user, identity.gid)
    os.setgid(identity.gid)
    os.setuid(identity.uid)
