# cffi_modules cannot be declared in setup.cfg; everything else lives there.
from setuptools import setup

setup(cffi_modules=["bindings/build.py:ffibuilder"])
