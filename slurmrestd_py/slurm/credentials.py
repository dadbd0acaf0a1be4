"""Whose credential libslurm sends with each RPC: munge (this process's uid) or a client's JWT.

libslurm loads one client auth plugin, once, when it first needs it: auth/jwt if SLURM_JWT is set
at that moment, AuthType (auth/munge) otherwise. Under auth/jwt, the plugin's per-thread config
(`auth_p_thread_config(token, user_name)`, what the reference's rest_auth/jwt calls per request)
sets the token and the user name packed into every RPC, to slurmctld and slurmdbd alike;
slurmctld then checks the signature and expiry, and refuses a user name other than the token's
unless the token is root's or SlurmUser's.

Neither function is in libslurm's headers, so they are reached in ABI mode on the already-loaded
objects: `auth_p_thread_config` on auth_jwt.so and, up to 22.05, `slurm_auth_init` on libslurm.so
(it loads the plugin at the first RPC otherwise). From 23.11 on libslurm exports no such function:
slurm_init() itself loads the plugin (auth_g_init()), already auth/jwt since SLURM_JWT was set.
"""
import os

from ..errors import ApiError
from ._lib import load, strerror

JWT = "jwt"
MUNGE = "munge"

_mode = None
_plugin = None
_libslurm = None  # kept open alongside the plugin


def init_fixes_plugin():
    """Whether slurm_init() itself loads the auth plugin, so that select() must come before it
    (23.11 on; up to 22.05 the plugin waits for the first RPC, or use_token())."""
    from ._lib import release

    return release() >= "23.11"


def select(mode):
    """Call before libslurm's first RPC: choose the plugin every later RPC of this process uses."""
    global _mode
    if _mode is None:
        if mode == JWT:
            # Only its presence matters: each request's token is set by use_token().
            os.environ.setdefault("SLURM_JWT", "slurmrestd-py")
        else:
            os.environ.pop("SLURM_JWT", None)
        _mode = mode
    elif _mode != mode:
        # libslurm cannot switch plugins once loaded; one connection keeps one kind of credential.
        raise ApiError(401, "Authentication failure: this connection already authenticated with "
                       f"{'a JWT' if _mode == JWT else 'local credentials'}",
                       (6000, "Invalid authentication credential"), source="rest_auth", close=True)


def load_plugin(mode):
    """Before any connection, in a process that will send only `mode` credentials: select() it and
    have libslurm load its auth plugin now rather than at the first RPC (libslurm must be
    initialized, after select(mode)). From 23.11 on slurm_init() has already loaded it."""
    select(mode)
    if not init_fixes_plugin():
        _auth_init()
    if mode == JWT:
        _jwt_plugin()


def use_token(token, user_name):
    """Send `token` for `user_name` with the RPCs that follow (libslurm must be initialized)."""
    lib = _jwt_plugin()
    if lib.auth_p_thread_config(token.encode(), user_name.encode()) != 0:
        raise ApiError(401, "Authentication failure: auth/jwt refused the token",
                       (6000, "Invalid authentication credential"), source="rest_auth", close=True)
    # cffi hands this errno to the next C call and keeps each call's: refusal() then reads this
    # request's, never one left by an earlier request.
    ffi, _ = load()
    ffi.errno = 0


# What libslurm's errno is after a daemon refused the request's credential: slurmctld 22.05 drops
# the connection unanswered; slurmctld 24.11+ and every slurmdbd answer an authentication error.
_REFUSED = ("SLURM_PROTOCOL_SOCKET_ZERO_BYTES_SENT", "SLURM_PROTOCOL_AUTHENTICATION_ERROR")


def refusal(identity, daemon):
    """The 401 to answer for a failed request whose JWT `daemon` (the one the request talks to)
    refused, else None.

    Neither daemon says why. The form, algorithm, expiry and user of the token were checked before
    the RPC, so what is left is said.
    """
    if _mode != JWT or not identity.token:
        return None
    _, lib = load()
    errno = lib.srpy_errno()
    if errno not in {getattr(lib, name) for name in _REFUSED}:
        return None
    from ..auth import check_token

    user = check_token(identity.token)
    why = (f"the token is {user}'s, and only root's or SlurmUser's tokens may act for another user"
           f" ({identity.user})" if user != identity.user else
           f"its signature does not verify with the cluster's key, or {daemon} does not know user {user}")
    return ApiError(401, f"Authentication failure: {daemon} refused the token: {why}",
                    (errno, strerror(errno)), source=daemon, close=True)


_abi = None


def abi():
    """The declarations for ABI mode, parsed once (pycparser costs ~10 ms): a listening parent
    calls this before it forks."""
    global _abi
    if _abi is None:
        import cffi

        ffi = cffi.FFI()
        ffi.cdef("int slurm_auth_init(char *auth_type);"
                 "int auth_p_thread_config(const char *token, const char *username);")
        _abi = ffi
    return _abi


def _jwt_plugin():
    global _plugin
    if _plugin is None:
        from ._lib import release

        if release() == "22.05":
            _auth_init()
        ffi = abi()
        _plugin = ffi.dlopen(_loaded("/auth_jwt.so"), ffi.RTLD_NOLOAD | ffi.RTLD_LAZY)
        _plugin.auth_p_thread_config  # cffi builds its wrapper when first named (~0.3 ms): now
    return _plugin


def _auth_init():
    """22.05: `slurm_auth_init(NULL)`, which loads the plugin SLURM_JWT chooses (once; later calls
    return at once)."""
    global _libslurm
    ffi = abi()
    if _libslurm is None:
        _libslurm = ffi.dlopen(_loaded("/libslurm.so"), ffi.RTLD_NOLOAD | ffi.RTLD_LAZY)
    if _libslurm.slurm_auth_init(ffi.NULL) != 0:
        raise RuntimeError("libslurm could not load its auth plugin")


def _loaded(name):
    """The path of an object already mapped into this process (dlopen it again = same handle)."""
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.rstrip("\n").split(None, 5)[-1]
            if name in path:
                return path
    raise RuntimeError(f"{name.strip('/')} is not loaded; is SLURM_JWT set before libslurm starts?")
