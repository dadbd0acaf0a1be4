"""cffi API-mode builder for libslurm: `slurmrestd_py.slurm._libslurm`.

The declarations live in `decl/*.h`, one file per area; `common.h` comes first, the rest in name order.
Declare only what the backend uses, end structs with `...;` and write constants as `#define NAME ...`:
the C compiler fills in layouts and values from the installed <slurm/*.h>.

What differs between Slurm releases lives in one place per release, `release/<R>.h` (declarations
appended after decl/*.h) and `release/<R>.c` (C: shims over changed API, private layouts with their
build-time proofs). `RELEASES` below names the releases this code knows; the release is read from
the installed <slurm/slurm_version.h> and any other is refused, naming it.

    python3 bindings/build.py      # compiles slurmrestd_py/slurm/_libslurm*.so in place
    pip install .                  # setup.py: cffi_modules=["bindings/build.py:ffibuilder"]

SLURM_INCLUDE_DIR (default /usr/include) says where <slurm/slurm_version.h> is.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DECL = os.path.join(HERE, "decl")
RELEASE_DIR = os.path.join(HERE, "release")
MODULE = "slurmrestd_py.slurm._libslurm"

# Slurm releases (major, minor) this binding knows -> the name of their layer in release/.
# Adding one: write release/<R>.h and release/<R>.c (start from the nearest), build, add it here.
RELEASES = {
    (22, 5): "22.05",
    (24, 11): "24.11",
    (26, 5): "26.05",
}
# C layers several releases share, in release/, appended after the release's own layer.
SHARED = {
    "22.05": ("before-26.05",),
    "24.11": ("since-23.02", "before-26.05"),
    "26.05": ("since-23.02",),
}


class UnknownRelease(RuntimeError):
    """The installed Slurm is not a release this binding knows."""


def version_number(header_text):
    """SLURM_VERSION_NUMBER from the text of a slurm_version.h."""
    m = re.search(r"^\s*#\s*define\s+SLURM_VERSION_NUMBER\s+(0x[0-9a-fA-F]+|\d+)\b",
                  header_text, re.MULTILINE)
    if not m:
        raise UnknownRelease("slurm_version.h defines no SLURM_VERSION_NUMBER: is it a Slurm header?")
    return int(m.group(1), 0)


def release_of(number):
    """SLURM_VERSION_NUMBER -> the release name ("24.11"); UnknownRelease for any other release."""
    major, minor, micro = (number >> 16) & 0xFF, (number >> 8) & 0xFF, number & 0xFF
    try:
        return RELEASES[(major, minor)]
    except KeyError:
        known = ", ".join(RELEASES.values())
        raise UnknownRelease(
            f"Slurm {major:02d}.{minor:02d}.{micro} (SLURM_VERSION_NUMBER {number:#08x}) is not a "
            f"release this binding knows (known: {known}); add a bindings/release/ layer for "
            f"{major:02d}.{minor:02d} first") from None


def include_dir():
    return os.environ.get("SLURM_INCLUDE_DIR", "/usr/include")


def installed_release(include=None):
    """(release name, SLURM_VERSION_NUMBER) of the Slurm whose headers are installed."""
    path = os.path.join(include or include_dir(), "slurm", "slurm_version.h")
    try:
        with open(path) as f:
            text = f.read()
    except OSError as e:
        raise UnknownRelease(f"cannot read {path} ({e.strerror}): install Slurm's headers "
                             "(Debian: libslurm-dev) or set SLURM_INCLUDE_DIR") from None
    number = version_number(text)
    return release_of(number), number


def _read(path):
    with open(path) as f:
        return f.read()


# A struct a release extends: decl/ marks the place with `/* @fields NAME */`; release/<R>.h gives the
# fields only it has between `/* @fields NAME */` and `/* @end */` (nothing there: none).
_FIELDS = re.compile(r"/\* @fields (\w+) \*/\n(.*?)/\* @end \*/\n?", re.DOTALL)
_MARK = re.compile(r"/\* @fields (\w+) \*/")


def declarations(release):
    """decl/*.h, each struct a release extends completed with the fields of release/<R>.h and of
    the layers it shares (SHARED: release/<layer>.h, where there is one), then the layers' own
    declarations."""
    names = sorted(n for n in os.listdir(DECL) if n.endswith(".h"))
    names.sort(key=lambda n: n != "common.h")
    layers = [(name, _read(path)) for name in (release, *SHARED.get(release, ()))
              if os.path.exists(path := os.path.join(RELEASE_DIR, name + ".h"))]
    fields = {}
    for _, layer in layers:
        for struct, block in _FIELDS.findall(layer):
            fields[struct] = fields.get(struct, "") + block
    parts = [f"/* decl/{name} */\n{_read(os.path.join(DECL, name))}" for name in names]
    text = _MARK.sub(lambda m: fields.pop(m.group(1), ""), "\n".join(parts))
    if fields:
        raise SystemExit(f"release/{release}.h extends structs decl/ does not mark: {', '.join(fields)}")
    return text + "".join(f"\n/* release/{name}.h */\n{_FIELDS.sub('', layer)}" for name, layer in layers)


def sources(release):
    """release/<R>.c first (its types and shims), the layers it shares, then decl/*.c."""
    parts = [f"/* release/{name}.c */\n{_read(os.path.join(RELEASE_DIR, name + '.c'))}"
             for name in (release, *SHARED.get(release, ()))]
    for name in sorted(n for n in os.listdir(DECL) if n.endswith(".c")):
        parts.append(f"/* decl/{name} */\n{_read(os.path.join(DECL, name))}")
    return "\n".join(parts)


def make_builder(release, number):
    from cffi import FFI

    major, minor = (number >> 16) & 0xFF, (number >> 8) & 0xFF
    builder = FFI()
    builder.cdef(declarations(release))
    builder.set_source(
        MODULE,
        f"""
    #include <slurm/slurm.h>
    #include <slurm/slurmdb.h>
    #include <slurm/slurm_errno.h>
    #include <stddef.h>

    /* The release this module was built for (bindings/build.py RELEASES): major * 100 + minor. */
    #define SRPY_RELEASE {major * 100 + minor}
    _Static_assert(SLURM_VERSION_NUMBER >> 8 == {number >> 8:#x},
                   "slurm_version.h changed between release detection and compilation");
    """ + sources(release),
        libraries=["slurm"],
    )
    return builder


def check_loads(module_path):
    """Load the built module with every symbol bound now: a libslurm function this release no
    longer exports fails here, naming it, instead of at the service's first request."""
    import ctypes

    import importlib.util

    ctypes.CDLL("libslurm.so", mode=os.RTLD_GLOBAL | os.RTLD_NOW)
    try:
        ctypes.CDLL(module_path, mode=os.RTLD_NOW)
    except OSError as e:
        raise SystemExit(f"built, but it does not load against this libslurm: {e}") from None
    spec = importlib.util.spec_from_file_location(MODULE, module_path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    wrong = check_layouts(mod.ffi)
    if wrong:
        raise SystemExit("declarations in bindings/ do not match this release's headers:\n  "
                         + "\n  ".join(wrong))


def check_layouts(ffi):
    """Every declared field whose size or offset is not the compiler's, as cffi words it.

    cffi compares them only when a struct is first used: using every struct now makes a field
    whose type changed fail the build, not a request."""
    wrong = []
    typedefs, structs, unions = ffi.list_types()  # `typedef struct {...} name;` is only a typedef
    for name in typedefs + [f"struct {n}" for n in structs] + [f"union {n}" for n in unions]:
        try:
            ffi.sizeof(name)  # lays the struct out, checking every declared field
        except ffi.error as e:
            if "don't know the size" not in str(e):  # opaque (e.g. struct xlist): nothing to check
                wrong.append(str(e).split(". fix it")[0])
    return wrong


def ffibuilder():
    """The builder for the installed Slurm (setup.py's cffi_modules calls it); importing this file
    reads nothing, so its release table can be tested without Slurm."""
    return make_builder(*installed_release())

if __name__ == "__main__":
    # Build in place for development: the .so lands in slurmrestd_py/slurm/.
    # Compile in a scratch directory (cffi runs the compiler there; inside the project, setuptools
    # would read our setup.cfg), then move the extension into the package.
    import shutil
    import tempfile

    release, number = installed_release()
    with tempfile.TemporaryDirectory() as scratch:
        built = make_builder(release, number).compile(tmpdir=scratch, verbose=False)
        target = os.path.join(ROOT, "slurmrestd_py", "slurm", os.path.basename(built))
        shutil.move(built, target)
    check_loads(target)
    print(f"Slurm {release}: {os.path.relpath(target, os.getcwd())}")
