"""Numerical gradients, to check a hand-written backward pass against its forward pass.

Used by the "gradient checking" sections of the notebooks and by their tests, so both share one
implementation. Nothing here is a graded solution.

The idea: for a scalar loss ``L(x)`` and a small ``h``, the centred difference

    (L(x + h e_k) - L(x - h e_k)) / (2 h)

approximates ``dL/dx_k`` with an error of order ``h**2`` (a one-sided difference is only of
order ``h``). Comparing it with the analytic gradient entry by entry finds most backward-pass
bugs: a missing ``+=``, a swapped axis, a forgotten stride.

The NumPy functions used are captured when this module is imported, like
:mod:`coursekit.checks`, so a later rebinding of ``np.abs`` in a notebook changes nothing here.
"""
import numpy as _np

_asarray = _np.asarray
_zeros = _np.zeros
_ndindex = _np.ndindex
_abs = _np.abs
_maximum = _np.maximum
_max = _np.max
_float64 = _np.float64
_ndarray = _np.ndarray
_float = float
_isinstance = isinstance
_tuple = tuple

__all__ = ["numerical_gradient", "relative_error"]


def numerical_gradient(f, x, h=1e-5):
    """Centred-difference gradient of the scalar function ``f`` at the array ``x``.

    ``f`` is called as ``f(x)`` and must return one number (a float or a 0-d array). ``x`` must
    be a float64 NumPy array: each entry is moved by ``+h`` and ``-h`` in place, ``f`` is
    evaluated, and the entry is put back, so ``x`` holds its original values on return.
    Costs ``2 * x.size`` calls of ``f``: keep the arrays small.

    Returns an array of ``x.shape`` (float64).
    """
    if not _isinstance(x, _ndarray) or x.dtype != _float64:
        raise TypeError("numerical_gradient needs a float64 NumPy array (float32 is too coarse "
                        "for finite differences)")
    grad = _zeros(x.shape, dtype=_float64)
    for index in _ndindex(*x.shape):
        saved = x[index]
        try:
            x[index] = saved + h
            loss_plus = _float(_asarray(f(x)))
            x[index] = saved - h
            loss_minus = _float(_asarray(f(x)))
        finally:
            x[index] = saved
        grad[index] = (loss_plus - loss_minus) / (2.0 * h)
    return grad


def relative_error(a, b):
    """Largest entrywise relative difference ``|a - b| / max(1e-8, |a| + |b|)``.

    About 1e-7 or less means two float64 gradients agree; 1e-2 or more means a bug. Entries
    where both are (near) zero count as agreeing, thanks to the ``1e-8`` floor.
    """
    a = _asarray(a, dtype=_float64)
    b = _asarray(b, dtype=_float64)
    if _tuple(a.shape) != _tuple(b.shape):
        raise ValueError(f"relative_error: shapes differ, {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return _float(_max(_abs(a - b) / _maximum(1e-8, _abs(a) + _abs(b))))
