"""bindings/build.py's release detection: known releases map to their layer, others are refused by
name, and every known release has its layer files. No Slurm or compiler needed."""
import importlib.util
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _build():
    spec = importlib.util.spec_from_file_location("srpy_bindings_build",
                                                  os.path.join(ROOT, "bindings", "build.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # importing reads no header and compiles nothing
    return mod


build = _build()


def _header(number):
    return ("#ifndef _SLURM_VERSION_H\n#define _SLURM_VERSION_H\n"
            f"#define SLURM_VERSION_NUMBER {number}\n"
            "#define SLURM_VERSION_NUM(a,b,c) (((a) << 16) + ((b) << 8) + (c))\n"
            " * #if SLURM_VERSION_NUMBER > SLURM_VERSION_NUM(2,1,0)\n#endif\n")


@pytest.mark.parametrize("number, release", [
    ("0x160508", "22.05"), ("0x180b05", "24.11"), ("0x180b00", "24.11"), ("0x1a0505", "26.05"),
])
def test_known_releases(number, release):
    assert build.release_of(build.version_number(_header(number))) == release


@pytest.mark.parametrize("number, name", [
    ("0x170206", "23.02.6"), ("0x170b0a", "23.11.10"), ("0x180500", "24.05.0"),
    ("0x190b01", "25.11.1"), ("0x1b0500", "27.05.0"), ("0x150802", "21.08.2"),
])
def test_unknown_releases_are_refused_by_name(number, name):
    with pytest.raises(build.UnknownRelease) as e:
        build.release_of(build.version_number(_header(number)))
    assert f"Slurm {name}" in str(e.value)
    assert "22.05, 24.11, 26.05" in str(e.value)


def test_decimal_version_number():
    assert build.release_of(build.version_number(_header(str(0x180b05)))) == "24.11"


def test_header_without_version_number():
    with pytest.raises(build.UnknownRelease, match="SLURM_VERSION_NUMBER"):
        build.version_number("#define SLURM_VERSION_STRING \"24.11.5\"\n")


def test_missing_header_is_named(tmp_path):
    with pytest.raises(build.UnknownRelease, match="slurm_version.h"):
        build.installed_release(str(tmp_path))


def test_installed_release_reads_the_header(tmp_path):
    (tmp_path / "slurm").mkdir()
    (tmp_path / "slurm" / "slurm_version.h").write_text(_header("0x1a0505"))
    assert build.installed_release(str(tmp_path)) == ("26.05", 0x1a0505)


@pytest.mark.parametrize("release", sorted(set(build.RELEASES.values())))
def test_every_known_release_has_its_layer(release):
    for ext in (".h", ".c"):
        assert os.path.isfile(os.path.join(ROOT, "bindings", "release", release + ext))
    decl = build.declarations(release)
    assert f"/* release/{release}.h */" in decl
    assert f"/* release/{release}.c */" in build.sources(release)


def test_shared_layers_exist_and_belong_to_known_releases():
    assert set(build.SHARED) <= set(build.RELEASES.values())
    for layers in build.SHARED.values():
        for layer in layers:
            assert os.path.isfile(os.path.join(ROOT, "bindings", "release", layer + ".c")), layer


@pytest.mark.parametrize("release", sorted(set(build.RELEASES.values())))
def test_private_layouts_are_proven(release):
    """A release layer that copies struct job_resources asserts its layout at build time."""
    with open(os.path.join(ROOT, "bindings", "release", release + ".c")) as f:
        text = f.read()
    if "struct job_resources {" in text:
        assert "_Static_assert(sizeof(struct job_resources)" in text
        assert "_Static_assert(offsetof(struct job_resources, nhosts)" in text


def test_a_field_whose_width_changed_fails_the_layout_check(tmp_path):
    """What build.py runs on every build: a declared width that is not the header's is named,
    in a typedef'd struct as in a named one (slurmdb's records are typedef'd)."""
    from cffi import FFI

    ffi = FFI()
    ffi.cdef("typedef struct { uint16_t flags; ...; } rec_t; struct named { uint16_t flags; ...; };"
             "typedef struct { uint32_t ok; ...; } good_t;")
    ffi.set_source("_layout_probe", "typedef struct { int pad; uint32_t flags; } rec_t;"
                   "struct named { uint32_t flags; }; typedef struct { uint32_t ok; } good_t;")
    lib_path = ffi.compile(tmpdir=str(tmp_path))
    import importlib.util

    spec = importlib.util.spec_from_file_location("_layout_probe", lib_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    wrong = build.check_layouts(module.ffi)
    assert sorted(wrong) == [
        "rec_t: wrong size for field 'flags' (cdef says 2, but C compiler says 4)",
        "struct named: wrong size for field 'flags' (cdef says 2, but C compiler says 4)",
    ]
