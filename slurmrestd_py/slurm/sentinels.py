"""Slurm's sentinel values (slurm.h), defined once: NO_VAL* is "not set", INFINITE* "unlimited".

Plain numbers, so code that needs no libslurm (parser tables, body parsing) can use them;
tests/test_sentinels.py checks each against the compiled module's own constant.
"""
NO_VAL8 = 0xFE
NO_VAL16 = 0xFFFE
NO_VAL = 0xFFFFFFFE
NO_VAL64 = 0xFFFFFFFFFFFFFFFE
INFINITE8 = 0xFF
INFINITE16 = 0xFFFF
INFINITE = 0xFFFFFFFF
INFINITE64 = 0xFFFFFFFFFFFFFFFF

# by width in bits, for code that handles every width alike
NO_VAL_BY_BITS = {8: NO_VAL8, 16: NO_VAL16, 32: NO_VAL, 64: NO_VAL64}
INFINITE_BY_BITS = {8: INFINITE8, 16: INFINITE16, 32: INFINITE, 64: INFINITE64}
