"""The handout wire format and the verdict, without a kernel: what the grader accepts from a
kernel, how it judges, and that its messages never repeat the kernel's text."""
import base64
import json

import nbformat
import numpy as np
import pytest

from coursekit import checks, handout
from coursekit.handout import MIME, HandoutError, Opaque, decode, encode
from autograder.verdict import PASSED, Check, judge_cell


def record(value, what="x", compare="close", **params):
    return {"what": what, "compare": compare, "rtol": params.get("rtol", 1e-6),
            "atol": params.get("atol", 1e-8), "kinds": params.get("kinds"), "value": encode(value)}


def cell(*records, error=None):
    outputs = [nbformat.v4.new_output("display_data", data={MIME: r}) for r in records]
    if error:
        outputs.append(nbformat.v4.new_output("error", ename=error, evalue="secret text", traceback=[]))
    return nbformat.v4.new_code_cell("", outputs=outputs, metadata={
        "nbgrader": {"grade": True, "solution": False, "grade_id": "test_f", "points": 1}})


@pytest.mark.parametrize("value", [1.5, np.float32(2.5), np.float64(3), np.int64(4), np.array(5.0),
                                   np.ones((2, 3), np.float32), np.array([True, False]), (2, 3),
                                   [None, 64, 64, 3], "float32", True, None, [None, np.int64(36)]])
def test_round_trip_keeps_value_shape_and_scalar_kind(value):
    back = decode(json.loads(json.dumps(encode(value))))   # as it travels: JSON
    if isinstance(value, np.float64):
        assert type(back) is float and back == value
    elif isinstance(value, (np.ndarray, np.generic)):
        assert isinstance(back, np.ndarray) and back.shape == np.shape(value)
        assert back.dtype == np.asarray(value).dtype and np.array_equal(back, value)
    else:
        assert back == (list(value) if isinstance(value, tuple) else value)
        assert all(type(v) in (type(None), int) for v in back) if isinstance(back, list) else True


def test_objects_and_huge_arrays_travel_by_name_only():
    assert isinstance(decode(encode(object())), Opaque)
    big = decode(encode(np.zeros(handout.MAX_BYTES // 8 + 1)))
    assert isinstance(big, Opaque) and big.too_large


@pytest.mark.parametrize("forged", [
    "not a dict", {"type": "x", "dtype": "|O8", "shape": [1], "data": ""},        # object dtype
    {"type": "x", "dtype": "<f8", "shape": [3], "data": base64.b64encode(b"\0" * 16).decode()},  # wrong size
    {"type": "x", "dtype": "<f8", "shape": [-1], "data": ""},
    {"type": "x", "dtype": "<f8", "shape": [1], "data": "not base64!"},
    {"type": "x", "json": {"a": 1}},                                              # not plain
])
def test_forged_values_are_rejected(forged):
    with pytest.raises(HandoutError):
        decode(forged)


def expected(*records):
    return [Check.from_record(r) for r in records]


def test_a_cell_passes_only_when_every_check_matches_the_reference():
    ref = expected(record([1.0, 2.0], "a"), record((2, 3), "shape", "shape"), record(True, "ok", "true"))
    assert judge_cell(ref, cell(record([1.0, 2.0000001], "a"), record([2, 3], "shape", "shape"),
                                record(True, "ok", "true"))).passed
    verdict = judge_cell(ref, cell(record([1.0, 2.5], "a")))
    assert not verdict.passed and verdict.message.startswith("a: 1 of 2 values are wrong")


def test_the_reference_tolerance_decides_not_the_students():
    ref = expected(record([1.0], "a", rtol=0, atol=0))
    assert not judge_cell(ref, cell(record([1.0 + 1e-9], "a", rtol=1e9, atol=1e9))).passed


def test_a_crash_names_the_error_and_the_first_check_not_reached():
    ref = expected(record([1.0], "a"), record([2.0], "b"))
    verdict = judge_cell(ref, cell(record([1.0], "a"), error="IndexError"))
    assert verdict.crashed and verdict.message == "the test stopped with IndexError before checking b"
    # an exception class the student named is not quoted, nor its message
    verdict = judge_cell(ref, cell(error="HiddenTestsSayHello"))
    assert verdict.message == "the test stopped with an error before checking a"


def test_a_reordered_or_extra_handout_fails():
    ref = expected(record([1.0], "a"), record([2.0], "b"))
    assert not judge_cell(ref, cell(record([2.0], "b"), record([1.0], "a"))).passed
    assert not judge_cell(ref, cell(record([1.0], "injected"), record([1.0], "a"), record([2.0], "b"))).passed


def test_messages_never_repeat_text_from_the_kernel():
    ref = expected(record("float32", "dtype", "equal"), record([1.0], "values"))
    verdict = judge_cell(ref, cell(record("### BEGIN HIDDEN TESTS leaked", "dtype", "equal")))
    assert "leaked" not in verdict.message and "another str" in verdict.message
    class Sneaky:  # noqa: E306  (its type name is kernel-chosen text too)
        pass
    Sneaky.__name__ = "LeakedHiddenLine"
    verdict = judge_cell(expected(record([1.0], "values")), cell(record(Sneaky(), "values")))
    assert "Leaked" not in verdict.message and "another kind of object" in verdict.message


def test_no_expected_values_never_passes():
    assert not judge_cell([], cell(record([1.0], "a"))).passed
    assert judge_cell(expected(record(1.0, "z", "scalar")), cell(record(np.float32(2), "z", "scalar"))).message == PASSED
    assert not judge_cell(expected(record(1.0, "z", "scalar")), cell(record(np.ones((1, 1, 1)), "z", "scalar"))).passed


def test_checks_hand_out_instead_of_raising_while_grading(monkeypatch):
    published = []
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setattr(handout, "publish", published.append)
    checks.assert_close([5.0], [1.0], "Z")          # wrong, but judged outside: no raise
    checks.hand_out(np.arange(3), "shape", compare="shape")
    assert [(r["what"], r["compare"]) for r in published] == [("Z", "close"), ("shape", "shape")]
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(AssertionError):
        checks.assert_close([5.0], [1.0], "Z")
    checks.hand_out([1.0], "nothing to hand to while not grading")
    assert len(published) == 2
