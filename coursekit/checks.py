"""Assertions for hidden tests that do not trust the student's kernel.

Every NumPy function used here is captured when this module is first imported, which happens
before any student cell runs (the autograder imports it at kernel start-up); replacing
``np.allclose`` or ``np.testing`` later changes nothing here, and :mod:`coursekit.guard`
restores this module's own names before every cell.

Failures raise ``AssertionError`` with a message in plain words, because the message is what a
student reads in the feedback: hidden test code and tracebacks are removed from it.
"""
import contextlib

import numpy as _np

_AssertionError = AssertionError
_asarray = _np.asarray
_array = _np.array
_abs = _np.abs
_isfinite = _np.isfinite
_isnan = _np.isnan
_argmax = _np.argmax
_unravel = _np.unravel_index
_float64 = _np.float64
_ndarray = _np.ndarray
_generic = _np.generic
_floating = _np.floating
_integer = _np.integer
_bool_ = _np.bool_
_count_nonzero = _np.count_nonzero
_array_equal = _np.array_equal
_isinstance = isinstance
_len = len
_tuple = tuple
_float = float
_int = int
_bool = bool
_str = str
_type = type
_print_options = _np.printoptions


def fail(message):
    """Raise the AssertionError a student will read (captured class, not the kernel's name)."""
    raise _AssertionError(message)


def check(condition, message):
    """Fail with ``message`` unless ``condition`` is true (must be a real bool-like)."""
    if not _bool(condition):
        fail(message)


def _as_float_array(value, what):
    if value is None:
        fail(f"{what}: got None; does the function return its result?")
    try:
        return _asarray(value, dtype=_float64)
    except Exception as exc:  # a list of arrays of different shapes, None, a string...
        fail(f"{what}: expected numbers, got {_type(value).__name__} ({exc})")


def _short(array):
    with _print_options(precision=8, threshold=20, edgeitems=3):
        return _str(array)


def assert_shape(value, shape, what):
    """Fail unless ``value`` is array-like with exactly ``shape``."""
    actual = _asarray(value).shape if not _isinstance(value, _ndarray) else value.shape
    check(_tuple(actual) == _tuple(shape), f"{what}: shape is {_tuple(actual)}, expected {_tuple(shape)}")


def assert_close(actual, expected, what, *, rtol=1e-6, atol=1e-8):
    """Fail unless ``actual`` has the shape of ``expected`` and every entry is within
    ``atol + rtol * |expected|``.  NaN or infinity in ``actual`` always fails."""
    expected_arr = _as_float_array(expected, what + " (expected)")
    actual_arr = _as_float_array(actual, what)
    check(
        _tuple(actual_arr.shape) == _tuple(expected_arr.shape),
        f"{what}: shape is {_tuple(actual_arr.shape)}, expected {_tuple(expected_arr.shape)}",
    )
    if actual_arr.size == 0:
        return
    check(_bool(_isfinite(actual_arr).all()), f"{what}: contains NaN or infinity")
    diff = _abs(actual_arr - expected_arr)
    bad = diff > atol + rtol * _abs(expected_arr)
    n_bad = _int(_count_nonzero(bad))
    if n_bad:
        worst = _tuple(_int(i) for i in _unravel(_int(_argmax(diff)), diff.shape)) if diff.ndim else ()
        fail(
            f"{what}: {n_bad} of {actual_arr.size} values are wrong; at index {worst} "
            f"expected {_float(expected_arr[worst]):.8g}, got {_float(actual_arr[worst]):.8g}"
        )


def assert_equal(actual, expected, what):
    """Exact comparison for integers, booleans, strings, shapes and tuples of them.

    Arrays are compared element by element after a shape check (no float tolerance: use
    :func:`assert_close` for floats)."""
    if _isinstance(expected, (_ndarray, _generic)) or _isinstance(actual, (_ndarray, _generic)):
        exp = _asarray(expected)
        act = _asarray(actual)
        check(_tuple(act.shape) == _tuple(exp.shape),
              f"{what}: shape is {_tuple(act.shape)}, expected {_tuple(exp.shape)}")
        if not _bool(_array_equal(act, exp)):
            fail(f"{what}: got\n{_short(act)}\nexpected\n{_short(exp)}")
        return
    check(_type(actual) == _type(expected) or (_is_number(actual) and _is_number(expected)),
          f"{what}: got a {_type(actual).__name__}, expected a {_type(expected).__name__}")
    check(actual == expected, f"{what}: got {actual!r}, expected {expected!r}")


def _is_number(value):
    return _isinstance(value, (_int, _float, _integer, _floating)) and not _isinstance(value, (_bool, _bool_))


def assert_scalar(value, what):
    """Fail unless ``value`` is a real number: a Python int/float or a NumPy 0-d scalar or
    0-d array — not an array with one element such as shape ``(1, 1, 1)``."""
    if _isinstance(value, _ndarray):
        check(value.ndim == 0, f"{what}: expected a scalar, got an array of shape {value.shape}")
        value = value[()]
    check(_is_number(value), f"{what}: expected a number, got {_type(value).__name__}")


def assert_dtype_kind(value, kinds, what):
    """Fail unless ``np.asarray(value).dtype.kind`` is in ``kinds`` (e.g. ``"b"`` or ``"fc"``)."""
    kind = _asarray(value).dtype.kind
    check(kind in kinds, f"{what}: has dtype {_asarray(value).dtype}, expected kind {kinds!r}")


def frozen_copy(array):
    """An independent copy, to check later that the student's function did not mutate its input."""
    return _array(array, copy=True)


def assert_unchanged(array, original, what):
    """Fail if ``array`` differs from the copy taken by :func:`frozen_copy` (input mutated)."""
    if not (_tuple(_asarray(array).shape) == _tuple(original.shape) and _bool(_array_equal(array, original))):
        fail(f"{what} was modified in place; a function must not change its inputs")


@contextlib.contextmanager
def substituted(namespace, **functions):
    """Temporarily bind trusted ``functions`` into ``namespace`` (usually ``globals()``).

    Used to grade one function at a time: while ``conv_forward`` is tested, the student's
    ``zero_pad`` is swapped for a known-good one, so a bug in ``zero_pad`` costs only the
    ``zero_pad`` points.
    """
    saved = {name: namespace.get(name, _absent) for name in functions}
    namespace.update(functions)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is _absent:
                namespace.pop(name, None)
            else:
                namespace[name] = value


_absent = object()
