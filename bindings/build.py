"""cffi API-mode builder for libslurm: `slurmrestd_py.slurm._libslurm`.

The declarations live in `decl/*.h`, one file per area; `common.h` comes first, the rest in name order.
Declare only what the backend uses, end structs with `...;` and write constants as `#define NAME ...`:
the C compiler fills in layouts and values from the installed <slurm/*.h>.

    python3 bindings/build.py      # compiles slurmrestd_py/slurm/_libslurm*.so in place
    pip install .                  # setup.py: cffi_modules=["bindings/build.py:ffibuilder"]
"""
import os

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DECL = os.path.join(HERE, "decl")
MODULE = "slurmrestd_py.slurm._libslurm"


def declarations():
    names = sorted(n for n in os.listdir(DECL) if n.endswith(".h"))
    names.sort(key=lambda n: n != "common.h")
    parts = []
    for name in names:
        with open(os.path.join(DECL, name)) as f:
            parts.append(f"/* decl/{name} */\n{f.read()}")
    return "\n".join(parts)


def sources():
    """decl/*.c: C an area needs beside the headers (layouts and symbols they do not declare)."""
    parts = []
    for name in sorted(n for n in os.listdir(DECL) if n.endswith(".c")):
        with open(os.path.join(DECL, name)) as f:
            parts.append(f"/* decl/{name} */\n{f.read()}")
    return "\n".join(parts)


ffibuilder = FFI()
ffibuilder.cdef(declarations())
ffibuilder.set_source(
    MODULE,
    """
    #include <slurm/slurm.h>
    #include <slurm/slurmdb.h>
    #include <slurm/slurm_errno.h>

    /* Exported by libslurm.so.38 but missing from the installed headers. */
    extern void slurm_free_stats_response_msg(stats_info_response_msg_t *msg);
    """ + sources(),
    libraries=["slurm"],
)

if __name__ == "__main__":
    # Build in place for development: the .so lands in slurmrestd_py/slurm/.
    # Compile in a scratch directory (cffi runs the compiler there; inside the project, setuptools
    # would read our setup.cfg), then move the extension into the package.
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        built = ffibuilder.compile(tmpdir=scratch, verbose=False)
        target = os.path.join(ROOT, "slurmrestd_py", "slurm", os.path.basename(built))
        shutil.move(built, target)
    print(os.path.relpath(target, os.getcwd()))
