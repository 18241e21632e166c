"""The checks test cells make, for a student's own run and for the grader.

Two ways one check runs:

- **A student's run** (and ``nbgrader validate``): ``assert_close(actual, expected, what)``
  compares in the kernel and raises ``AssertionError`` with a plain-words message.
- **Grading** (``NBGRADER_EXECUTION=autograde``): nothing is judged in the kernel.  Every
  check hands ``actual`` out (:mod:`coursekit.handout`) and returns; the grader compares it,
  outside the kernel, with what the reference solution produced on the same inputs at build
  time, using the same tolerance and the same ``*_problem`` function as below.  Hidden tests
  therefore never hold an expected value or a reference implementation: they call
  :func:`hand_out` on the student's outputs and let the grader judge.

The ``*_problem`` functions return the message a student reads, or None; they run in the
grader's process on decoded handouts, and in the kernel for a student's own run (with NumPy
functions captured at import, before any student cell, so a patched ``np.allclose`` changes
nothing there).  Messages never repeat text the student's code produced: only numbers,
shapes, dtypes and well-known type names.
"""
import contextlib
import importlib.util as _importlib_util
import os as _os

import numpy as _np

from . import handout as _handout

_AssertionError = AssertionError
_asarray = _np.asarray
_array = _np.array
_abs = _np.abs
_isfinite = _np.isfinite
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
_tuple = tuple
_float = float
_int = int
_bool = bool
_str = str
_type = type
_print_options = _np.printoptions

#: Type names a message may quote (anything else is "another kind of object").
_KNOWN_TYPES = frozenset(
    "NoneType bool int float str list tuple dict set function ndarray generator "
    "float16 float32 float64 int8 int16 int32 int64 uint8 bool_ "
    "Tensor SymbolicTensor EagerTensor Variable RefVariable ResourceVariable KerasTensor "
    "Operation TensorShape".split())

#: The comparisons the grader knows; :func:`hand_out`'s ``compare`` names one.
COMPARISONS = ("close", "equal", "shape", "scalar", "unchanged", "dtype_kind", "true")


def fail(message):
    """Raise the AssertionError a student reads (captured class, not the kernel's name)."""
    raise _AssertionError(message)


def _settle(compare, value, what, problem, **params):
    """Hand ``value`` to the grader while grading; otherwise raise ``problem`` if any."""
    if _handout.grading():
        hand_out(value, what, compare=compare, **params)
    elif problem:
        fail(problem)


def hand_out(value, what, *, compare="close", rtol=1e-6, atol=1e-8, kinds=None):
    """Give ``value`` to the grader, to be compared with the reference solution's value at
    this same point of the test cell (``what`` names it in the feedback).

    ``compare`` is one of :data:`COMPARISONS`: ``"close"`` (numbers within
    ``atol + rtol * |expected|``, same shape), ``"equal"`` (exactly: integers, booleans,
    shapes, strings), ``"shape"`` (``value`` is a shape), ``"scalar"`` (a number, not an
    array), ``"unchanged"`` (an input, after the call: must equal the reference's),
    ``"dtype_kind"`` (dtype kind in ``kinds``), ``"true"`` (``value`` must be true; use it
    only beside value checks, since a bare boolean says little).  Outside grading this does
    nothing: hidden tests, the only callers, do not exist in a student's notebook."""
    if compare not in COMPARISONS:
        raise ValueError(f"compare must be one of {COMPARISONS}")
    if not _handout.grading():
        return
    record = {"what": _str(what), "compare": compare, "rtol": _float(rtol), "atol": _float(atol),
              "kinds": kinds, "value": _handout.encode(_bool(value) if compare == "true" else value)}
    _handout.publish(record)


# --- what is wrong, in plain words (None: nothing) ------------------------------------------

def close_problem(actual, expected, what, rtol=1e-6, atol=1e-8):
    """Same shape, finite, every entry within ``atol + rtol * |expected|``."""
    expected_arr, problem = _float_array(expected, what + " (expected)")
    if problem:
        return problem
    actual_arr, problem = _float_array(actual, what)
    if problem:
        return problem
    if _tuple(actual_arr.shape) != _tuple(expected_arr.shape):
        return f"{what}: shape is {_tuple(actual_arr.shape)}, expected {_tuple(expected_arr.shape)}"
    if actual_arr.size == 0:
        return None
    if not _bool(_isfinite(actual_arr).all()):
        return f"{what}: contains NaN or infinity"
    diff = _abs(actual_arr - expected_arr)
    n_bad = _int(_count_nonzero(diff > atol + rtol * _abs(expected_arr)))
    if not n_bad:
        return None
    worst = _tuple(_int(i) for i in _unravel(_int(_argmax(diff)), diff.shape)) if diff.ndim else ()
    return (f"{what}: {n_bad} of {actual_arr.size} values are wrong; at index {worst} "
            f"expected {_float(expected_arr[worst]):.8g}, got {_float(actual_arr[worst]):.8g}")


def equal_problem(actual, expected, what):
    """Exactly equal: integers, booleans, strings, shapes, tuples of them, or arrays (element
    by element after a shape check; use :func:`close_problem` for floats)."""
    if _isinstance(expected, (_ndarray, _generic)) or _isinstance(actual, (_ndarray, _generic)):
        act, problem = _array_or_problem(actual, what)
        if problem:
            return problem
        exp = _asarray(expected)
        if _tuple(act.shape) != _tuple(exp.shape):
            return f"{what}: shape is {_tuple(act.shape)}, expected {_tuple(exp.shape)}"
        if _bool(_array_equal(act, exp)):
            return None
        return f"{what}: got\n{_short(act)}\nexpected\n{_short(exp)}"
    if _plain_equal(actual, expected):
        return None
    got = repr(_plain_list(actual)) if _quotable(actual) else f"another {_type_name(actual)}"
    return f"{what}: got {got}, expected {_plain_list(expected)!r}"


def shape_problem(actual_shape, shape, what):
    """``actual_shape`` (a tuple or list of ints) equals ``shape``."""
    if _plain_equal(actual_shape, shape):
        return None
    got = _tuple(actual_shape) if _quotable(actual_shape) else "not a shape"
    return f"{what}: shape is {got}, expected {_tuple(shape)}"


def scalar_problem(value, what):
    """A real number: a Python int/float or a NumPy 0-d value, not an array of shape (1, 1, 1)."""
    if _isinstance(value, _ndarray):
        if value.ndim != 0:
            return f"{what}: expected a scalar, got an array of shape {_tuple(value.shape)}"
        return None if value.dtype.kind in "iuf" else f"{what}: expected a number, got dtype {value.dtype}"
    if _is_number(value):
        return None
    return f"{what}: expected a number, got {_type_name(value)}"


def unchanged_problem(array, original, what):
    """``array`` (an input after the call) still equals ``original``."""
    act, problem = _array_or_problem(array, what)
    if problem or not (_tuple(act.shape) == _tuple(_asarray(original).shape)
                       and _bool(_array_equal(act, original))):
        return f"{what} was modified in place; a function must not change its inputs"
    return None


def dtype_kind_problem(value, kinds, what):
    """``np.asarray(value).dtype.kind`` is one of ``kinds`` (e.g. ``"b"`` or ``"fc"``)."""
    act, problem = _array_or_problem(value, what)
    if problem:
        return problem
    return None if act.dtype.kind in kinds else f"{what}: has dtype {act.dtype}, expected kind {kinds!r}"


def true_problem(value, what):
    """``value`` is true; ``what`` says what should hold."""
    return None if value is True or (_isinstance(value, (_bool_, _ndarray)) and _bool(value)) else what


# --- the checks test cells call ---------------------------------------------------------------

def check(condition, message):
    """``condition`` must hold (a real bool-like); ``message`` says what should be true."""
    _settle("true", condition, message, None if _bool(condition) else message)


def assert_shape(value, shape, what):
    """``value`` is array-like with exactly ``shape``."""
    actual = _tuple(value.shape) if _isinstance(value, _ndarray) else _tuple(_asarray(value).shape)
    _settle("shape", list(actual), what, shape_problem(actual, shape, what))


def assert_close(actual, expected, what, *, rtol=1e-6, atol=1e-8):
    """``actual`` has the shape of ``expected`` and every entry is within
    ``atol + rtol * |expected|``.  NaN or infinity in ``actual`` always fails."""
    problem = None if _handout.grading() else close_problem(actual, expected, what, rtol, atol)
    _settle("close", actual, what, problem, rtol=rtol, atol=atol)


def assert_equal(actual, expected, what):
    """Exact comparison for integers, booleans, strings, shapes and tuples of them."""
    problem = None if _handout.grading() else equal_problem(actual, expected, what)
    _settle("equal", actual, what, problem)


def assert_scalar(value, what):
    """A real number: a Python int/float or a NumPy 0-d scalar or 0-d array."""
    _settle("scalar", value, what, scalar_problem(value, what))


def assert_dtype_kind(value, kinds, what):
    """``np.asarray(value).dtype.kind`` is in ``kinds`` (e.g. ``"b"`` or ``"fc"``)."""
    _settle("dtype_kind", value, what, dtype_kind_problem(value, kinds, what), kinds=kinds)


def frozen_copy(array):
    """An independent copy, to check later that the student's function did not mutate its input."""
    return _array(array, copy=True)


def assert_unchanged(array, original, what):
    """``array`` still equals the copy :func:`frozen_copy` took (its input was not mutated)."""
    _settle("unchanged", array, what, unchanged_problem(array, original, what))


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


#: Where :func:`trusted` finds the known-good functions, relative to the notebook's folder.
TRUSTED_FILE = _os.path.join("grading", "trusted.py")


def trusted(*names):
    """The known-good functions ``names`` of the assignment's ``grading/trusted.py``, as a dict
    ``{name: function}`` for :func:`substituted` (``trusted_helpers = checks.trusted("f")``).

    Only hidden tests write this, and the grader never runs it: wherever hidden tests are
    graded, the line is replaced beforehand by the functions' source (``autograder.trusted``).
    What runs here is an instructor's own run of a source notebook (or ``nbgrader validate``
    of it), in the notebook's folder: the module is loaded from there.  While grading, reaching
    this call means the grader did not expand it: an error."""
    if _handout.grading():
        raise RuntimeError("checks.trusted(...) reached the kernel while grading: the grader must "
                           "inline it (autograder.trusted.expand_notebook; the InlineTrusted "
                           "preprocessor under nbgrader autograde)")
    path = _os.path.abspath(TRUSTED_FILE)
    if not _os.path.isfile(path):
        raise FileNotFoundError(f"checks.trusted needs {TRUSTED_FILE} next to the notebook; only an "
                                "instructor's source folder has it")
    spec = _importlib_util.spec_from_file_location("_trusted_reference", path)
    module = _importlib_util.module_from_spec(spec)   # not in sys.modules: nothing to import later
    spec.loader.exec_module(module)
    missing = [n for n in names if not callable(getattr(module, n, None))]
    if missing:
        raise LookupError(f"{TRUSTED_FILE} defines no function {', '.join(missing)}")
    return {name: getattr(module, name) for name in names}


# --- helpers --------------------------------------------------------------------------------------

_absent = object()


def _float_array(value, what):
    if value is None:
        return None, f"{what}: got None; does the function return its result?"
    if _isinstance(value, _handout.Opaque):
        return None, f"{what}: expected numbers, got {_type_name(value)}"
    try:
        return _asarray(value, dtype=_float64), None
    except Exception:  # a list of arrays of different shapes, a string...
        return None, f"{what}: expected numbers, got {_type_name(value)}"


def _array_or_problem(value, what):
    if _isinstance(value, _handout.Opaque):
        return None, f"{what}: expected an array, got {_type_name(value)}"
    try:
        return _asarray(value), None
    except Exception:
        return None, f"{what}: expected an array, got {_type_name(value)}"


def _plain_list(value):
    """Tuples as lists, NumPy scalars as Python numbers: the grader's wire form."""
    if _isinstance(value, (_tuple, list)):
        return [_plain_list(v) for v in value]
    if _isinstance(value, _generic):
        return value.item()
    return value


def _plain_equal(actual, expected):
    actual, expected = _plain_list(actual), _plain_list(expected)
    if _isinstance(actual, list) and _isinstance(expected, list):
        return len(actual) == len(expected) and all(_plain_equal(a, e) for a, e in zip(actual, expected))
    if _is_number(actual) and _is_number(expected):
        return actual == expected
    return _type(actual) == _type(expected) and actual == expected


def _quotable(value):
    """Numbers, booleans, None and lists of them: safe to repeat in feedback (no text)."""
    value = _plain_list(value)
    if _isinstance(value, list):
        return len(value) <= 64 and all(_quotable(v) for v in value)
    return value is None or _isinstance(value, (_int, _float, _bool))


def _type_name(value):
    name = value.type_name if _isinstance(value, _handout.Opaque) else _type(value).__name__
    return name if name in _KNOWN_TYPES else "another kind of object"


def _is_number(value):
    return _isinstance(value, (_int, _float, _integer, _floating)) and not _isinstance(value, (_bool, _bool_))


def _short(array):
    with _print_options(precision=8, threshold=20, edgeitems=3):
        return _str(array)
