"""Handing values from a test cell to the grader, which judges them outside the kernel.

While a notebook is autograded (``NBGRADER_EXECUTION=autograde``), every check of
:mod:`coursekit.checks` publishes what the student's code produced as a display output of MIME
type :data:`MIME`; nothing in the kernel decides whether it is right.  The grader reads those
outputs from the executed notebook and compares them, in its own process, with what the
reference solution produced on the same inputs when the assignment was built
(:mod:`autograder.verdict`).  A student can forge a handout, but only the right values pass,
and the right values are what a correct function returns.

This module is the one wire format both sides share: :func:`encode` runs in the kernel,
:func:`decode` in the grader, and decoding trusts nothing (no pickle, sizes and dtypes checked).
"""
import base64
import os

import numpy as _np

MIME = "application/vnd.coursekit.handout+json"
#: Largest array handed over (bytes); a bigger one is reported as too large, and fails.
MAX_BYTES = 16 * 2**20
#: Dtypes an array may have on the wire.
DTYPES = frozenset(f"{order}{kind}{size}" for order in "<|" for kind, sizes in
                   (("b", (1,)), ("i", (1, 2, 4, 8)), ("u", (1, 2, 4, 8)), ("f", (2, 4, 8)))
                   for size in sizes)
_PRIMITIVES = (type(None), bool, int, float, str)


class HandoutError(ValueError):
    """A handout that does not follow the wire format (a forged or damaged output)."""


def grading():
    """True while nbgrader autogrades (or the corpus runner runs) this kernel."""
    return os.environ.get("NBGRADER_EXECUTION") == "autograde"


def encode(value):
    """A JSON-safe description of ``value``: small nested lists/tuples of plain Python values
    as JSON, anything array-like of numbers or booleans as base64 bytes with dtype and shape,
    anything else only by its type name."""
    kind = type(value).__name__
    if _is_plain(value, depth=0):
        return {"type": kind, "json": _plain(value)}
    try:
        array = _np.asarray(value)
    except Exception:
        return {"type": kind}
    if array.dtype.kind not in "biuf":
        return {"type": kind}
    if array.nbytes > MAX_BYTES:
        return {"type": kind, "too_large": int(array.nbytes)}
    array = _np.array(array, order="C")   # not ascontiguousarray: it turns 0-d into 1-d
    if array.dtype.str not in DTYPES:
        array = array.astype(_np.float64 if array.dtype.kind == "f" else _np.int64)
    return {"type": kind, "dtype": array.dtype.str, "shape": list(array.shape),
            "data": base64.b64encode(array.tobytes()).decode("ascii")}


def _is_plain(value, depth):
    if isinstance(value, _PRIMITIVES):
        return not isinstance(value, str) or len(value) <= 1000
    if depth and isinstance(value, (_np.integer, _np.floating, _np.bool_)):
        return True   # a NumPy number inside a list ([None, np.int64(36)]): sent as a plain one
    if isinstance(value, (list, tuple)) and depth < 4 and len(value) <= 1000:
        return all(_is_plain(v, depth + 1) for v in value)
    return False


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (_np.generic, float)):  # np.float64 is a float: send a plain one
        return value.item() if isinstance(value, _np.generic) else float(value)
    return value


def publish(record):
    """Send one handout (a dict made by :mod:`coursekit.checks`) out of the kernel."""
    from IPython.display import publish_display_data
    publish_display_data({MIME: record, "text/plain": f"[handed to the grader: {record['what']}]"})


# --- the grader's side -------------------------------------------------------------------------

class Opaque:
    """A value that was neither plain nor numeric (an object, a string array...), or too large."""

    def __init__(self, type_name, too_large=False):
        self.type_name, self.too_large = type_name, too_large

    def __repr__(self):
        return f"<{self.type_name}>"


def decode(encoded):
    """The value described by :func:`encode`'s output: plain Python, a read-only NumPy array,
    or :class:`Opaque`.  Raises :class:`HandoutError` on anything else."""
    if not isinstance(encoded, dict):
        raise HandoutError("a handout value must be an object")
    type_name = encoded.get("type")
    if not isinstance(type_name, str):
        raise HandoutError("a handout value has no type")
    if "json" in encoded:
        if not _is_plain(encoded["json"], depth=0):
            raise HandoutError("a plain handout holds something else")
        return encoded["json"]
    if "data" in encoded:
        dtype, shape, data = encoded.get("dtype"), encoded.get("shape"), encoded.get("data")
        if dtype not in DTYPES or not isinstance(data, str) or not isinstance(shape, list):
            raise HandoutError("a handout array has a bad dtype or shape")
        if len(shape) > 32 or not all(type(n) is int and 0 <= n for n in shape):
            raise HandoutError("a handout array has a bad shape")
        if len(data) > MAX_BYTES * 4 // 3 + 4:
            raise HandoutError("a handout array is too large")
        try:
            raw = base64.b64decode(data, validate=True)
        except ValueError:
            raise HandoutError("a handout array is not base64") from None
        size = int(_np.prod(shape, dtype=_np.int64)) * _np.dtype(dtype).itemsize
        if size != len(raw):
            raise HandoutError("a handout array's bytes do not match its shape")
        return _np.frombuffer(raw, dtype=_np.dtype(dtype)).reshape(shape)
    return Opaque(type_name, too_large="too_large" in encoded)
