"""Who is asking: the kernel-verified peer of the connection (rest_auth/local) or a JWT (rest_auth/jwt).

python-jose is the only JWT library used, and only to read the user of a Bearer token without a name.
"""
import os
import pwd
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
    mode: int = 0  # a pipe's permission bits

    def describe(self):
        if self.kind == "inet":
            return self.address
        who = f"uid={self.uid}" + (f" pid={self.pid}" if self.pid else "")
        return f"{self.kind} {who}"


@dataclass(frozen=True)
class Identity:
    user: str
    uid: int = None  # None under rest_auth/jwt: slurmctld, not us, resolves the name
    gid: int = None
    token: str = None  # the JWT handed to libslurm, under rest_auth/jwt
    become: bool = False  # the process must switch to this user before talking to Slurm


def peer_of(fd):
    st = os.fstat(fd)
    if not stat.S_ISSOCK(st.st_mode):
        # A pipe (or file, or terminal) belongs to the user who made it.
        return Peer("pipe", st.st_uid, st.st_gid, mode=st.st_mode)
    import socket  # only for sockets: a pipe's peer needs none of it

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
    """Decides, per request, who the client is, as slurmrestd's rest_auth does: the enabled plugins,
    in their order (-a), each skip the request, accept it, or reject it (which ends the search)."""

    def __init__(self, plugins, peer):
        self.plugins = tuple(plugins)
        self.peer = peer

    def authenticate(self, request):
        for plugin in self.plugins:
            identity = (self._local if plugin == LOCAL else self._jwt)(request)
            if identity is not None:
                return identity
        raise _refused("no credentials apply: send X-SLURM-USER-NAME and X-SLURM-USER-TOKEN"
                       + (" or connect through a UNIX socket" if LOCAL in self.plugins else ""))

    def _local(self, request):
        peer, me = self.peer, os.geteuid()
        if peer.kind == "inet":
            return None  # peer credentials exist only for pipes and UNIX sockets
        if peer.kind == "pipe" and peer.mode & (stat.S_ISUID | stat.S_ISGID | stat.S_IRWXO):
            raise _refused(f"pipe permissions {peer.mode & 0o7777:04o} let others in")
        if peer.uid == me:
            return _identity(me, os.getegid())
        if peer.kind == "unix" and peer.uid == 0:
            # As the reference: root may connect, and is served as this process's user (munge can
            # sign for no one else), so naming another user in X-SLURM-USER-NAME is refused.
            identity = _identity(me, os.getegid())
            name = request.headers.get("x-slurm-user-name")
            if name not in (None, identity.user):
                raise _refused(f"root peer asked for user {name!r}; this process can act only as {identity.user}")
            return identity
        if peer.kind == "unix" and me == 0:
            # Our extension: a root service on a shared UNIX socket serves each peer as itself.
            return _identity(peer.uid, become=True)
        raise _refused(f"peer uid {peer.uid} is not this process's uid {me}")

    def _jwt(self, request):
        token, bearer = request.headers.get("x-slurm-user-token"), _bearer(request)
        name = request.headers.get("x-slurm-user-name")
        if token is None and name is None and bearer is None:
            return None
        if token is None and bearer is not None:
            # Our extension (later Slurm releases have it too): the user defaults to the token's.
            token, name = bearer, name or _token_user(bearer)
        if token is None:
            raise _refused("missing header X-SLURM-USER-TOKEN")
        if name is None:
            raise _refused("missing header X-SLURM-USER-NAME")
        # As the reference, the token is passed through: slurmctld and slurmdbd check its signature
        # and expiry, and whether it may act for this user; their refusal fails the request's RPC.
        return Identity(name, token=token)


def _bearer(request):
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _token_user(token):
    """The user a token names (`sun`, else `username`, as auth/jwt reads them), unverified."""
    from jose import jwt
    from jose.exceptions import JOSEError

    try:
        claims = jwt.get_unverified_claims(token)
    except (JOSEError, ValueError, TypeError):
        raise _refused("malformed token") from None
    name = claims.get("sun") or claims.get("username")
    if not isinstance(name, str) or not name:
        raise _refused("the token names no user; send X-SLURM-USER-NAME")
    return name


def become(identity):
    """Switch this process to `identity` for good: groups, then gid, then uid."""
    os.initgroups(identity.user, identity.gid)
    os.setgid(identity.gid)
    os.setuid(identity.uid)
