"""The tamper guard and the test assertions, in a real IPython shell (no kernel needed)."""
import numpy as np
import pytest

from coursekit import checks, guard


def run(shell, code):
    result = shell.run_cell(code, store_history=False)
    return result


@pytest.mark.parametrize("tamper", [
    "import numpy as np; np.allclose = lambda *a, **k: True",
    "import numpy as np; np.testing.assert_allclose = lambda *a, **k: None",
    "import builtins; builtins.abs = lambda x: 0",
    "import builtins; builtins.AssertionError = type('Nope', (Exception,), {})",
    "import builtins; builtins.isinstance = lambda *a: True",
    "from coursekit import checks; checks.assert_close = lambda *a, **k: None",
    "import sys, types; sys.modules['coursekit.checks'] = types.SimpleNamespace(assert_close=lambda *a, **k: None)",
    "__builtins__ = {'print': print}",
])
def test_guard_undoes_tampering_before_the_next_cell(shell, tamper):
    assert guard.install(shell)
    run(shell, tamper)
    result = run(shell, "import numpy as np\nfrom coursekit import checks\n"
                        "ok = np.allclose([1.0], [2.0])\n"
                        "checks.assert_close(np.ones(2), np.zeros(2), 'x')")
    assert not result.success  # the tampering earned nothing
    result = run(shell, "import numpy as np\nok = np.allclose([1.0], [2.0]) or abs(-1) != 1")
    assert result.success and shell.user_ns["ok"] is False  # and the guard undid it


def test_guard_installs_once_and_keeps_the_first_snapshot(shell):
    assert guard.install(shell)
    run(shell, "import numpy as np; np.allclose = lambda *a, **k: True")
    assert not guard.install(shell)  # a second install must not snapshot the patched module
    run(shell, "import numpy as np; r = np.allclose([1], [2])")
    assert shell.user_ns["r"] is False


def test_guard_leaves_honest_code_alone(shell):
    guard.install(shell)
    run(shell, "import numpy as np\ndef f(x):\n    return np.abs(x).sum()")
    run(shell, "v = f(np.array([-1.0, 2.0]))")
    assert shell.user_ns["v"] == 3.0


def test_install_without_ipython_is_a_no_op():
    assert guard.install() is False


def test_assert_close_accepts_float32_and_rejects_wrong_values():
    checks.assert_close(np.float32(1.0000001), 1.0, "x")
    checks.assert_close(np.array([[1.0, 2.0]], dtype=np.float32), [[1.0, 2.0]], "x", rtol=1e-6)
    with pytest.raises(AssertionError, match=r"1 of 2 values are wrong; at index \(0, 1\)"):
        checks.assert_close([[1.0, 2.1]], [[1.0, 2.0]], "Z")
    with pytest.raises(AssertionError, match=r"shape is \(2,\), expected \(1, 2\)"):
        checks.assert_close([1.0, 2.0], [[1.0, 2.0]], "Z")
    with pytest.raises(AssertionError, match="NaN"):
        checks.assert_close([np.nan], [1.0], "Z")
    with pytest.raises(AssertionError, match="got None"):
        checks.assert_close(None, [1.0], "Z")


def test_assert_close_ignores_a_patched_numpy(monkeypatch):
    monkeypatch.setattr(np, "allclose", lambda *a, **k: True)
    monkeypatch.setattr(np, "abs", lambda x: x * 0)
    with pytest.raises(AssertionError):
        checks.assert_close([5.0], [1.0], "Z")


def test_assert_scalar():
    for ok in (1.5, np.float64(2), np.float32(3), np.array(4.0)):
        checks.assert_scalar(ok, "z")
    for bad in (np.ones((1, 1, 1)), [1.0], "1", None, True):
        with pytest.raises(AssertionError):
            checks.assert_scalar(bad, "z")


def test_assert_equal_and_unchanged():
    checks.assert_equal((2, 3), (2, 3), "shape")
    checks.assert_equal(np.array([True, False]), np.array([True, False]), "mask")
    with pytest.raises(AssertionError):
        checks.assert_equal(np.array([True, True]), np.array([True, False]), "mask")
    with pytest.raises(AssertionError):
        checks.assert_equal((2, 3), (3, 2), "shape")
    x = np.arange(4.0)
    copy = checks.frozen_copy(x)
    checks.assert_unchanged(x, copy, "x")
    x[0] = 9
    with pytest.raises(AssertionError, match="modified in place"):
        checks.assert_unchanged(x, copy, "x")


def test_substituted_restores_the_namespace():
    ns = {"f": "student"}
    with checks.substituted(ns, f="trusted", g="helper"):
        assert ns == {"f": "trusted", "g": "helper"}
    assert ns == {"f": "student"}
    with pytest.raises(ZeroDivisionError):
        with checks.substituted(ns, f="trusted"):
            1 / 0
    assert ns == {"f": "student"}


def test_trusted_helpers_do_not_outlive_their_test_cell(shell):
    guard.install(shell)
    run(shell, "def _trusted_conv(x):\n    return x\ntrusted_helpers = {'conv': _trusted_conv}\nmine = 1")
    run(shell, "pass")
    assert "_trusted_conv" not in shell.user_ns and "trusted_helpers" not in shell.user_ns
    assert shell.user_ns["mine"] == 1
