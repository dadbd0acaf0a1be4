"""The served OpenAPI document, encoded ahead of time.

Every API version is served by default, and the merged document is large: about 2 MB of JSON,
0.1 s to make, and 2.7 MB of YAML, 3 s and 130 MB with ruamel.yaml. A process serves one
connection, so it would pay that on every request for the document. `scripts/install` writes
the default set's document here in both formats (`python -m slurmrestd_py.openapi.served`); a
process reads it when the file's key matches the plugins it serves and the code that would make
it, and makes the document itself otherwise (another -s set, a checkout, a changed file).

The key covers every file of the package by name, size and modification time (the compiled
binding among them: a document also depends on the release it was built for): any change to
the code makes a stale file unreachable rather than wrong.
"""
import hashlib
import os
import sys

from .. import media

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRECTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "served")


def _code_key():
    """A digest of the package's files as they are now (~140 stats)."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "served"))
        for name in sorted(files):
            if name.endswith((".py", ".json", ".so")):
                path = os.path.join(root, name)
                st = os.stat(path)
                digest.update(f"{os.path.relpath(path, _PACKAGE)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest


def _path(code, names, form):
    key = code.copy()
    key.update(f"{','.join(names)}\0{form}".encode())
    return os.path.join(DIRECTORY, f"{key.hexdigest()[:32]}.{form}")


def _names(routes):
    return tuple(dict.fromkeys(r.plugin for r in routes if r.plugin))


def document(routes):
    """The document of `routes` (api.openapi.describe) as a media.Encoded: read from its file when
    there is one for this code, made otherwise."""
    def encoded(media_type):
        path = _path(_code_key(), _names(routes), media.MEDIA_TYPES[media_type])
        try:
            with open(path, "rb") as f:
                return f.read()
        except OSError:
            pass
        from ..api.openapi import describe

        return media.encode(media_type, describe(routes))

    return media.Encoded(encoded)


def write(plugins):
    """Write the document of `plugins` (versions.Plugin) in JSON and YAML; stale files go."""
    from .. import api
    from ..api.openapi import describe

    routes = list(api.routes(plugins))
    code, names = _code_key(), _names(routes)
    os.makedirs(DIRECTORY, exist_ok=True)
    doc = describe(routes)
    paths = []
    for form, media_type in ((media.JSON, "application/json"), (media.YAML, "application/x-yaml")):
        path = _path(code, names, form)
        paths.append(path)
        temporary = f"{path}.{os.getpid()}"  # two installs at once each write their own
        with open(temporary, "wb") as f:
            f.write(media.encode(media_type, doc))
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    for name in os.listdir(DIRECTORY):  # stale documents, of code that is gone
        path = os.path.join(DIRECTORY, name)
        if path not in paths and name.endswith((".json", ".yaml")):
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass


def main(argv):
    """python -m slurmrestd_py.openapi.served [PLUGINS]: write the document of the default plugins,
    or of a -s style list."""
    from .. import versions

    names = versions.plugin_names(argv[0]) if argv else versions.DEFAULT_PLUGINS
    write([versions.PLUGINS[n] for n in names])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
