"""The verdict: the grader, in its own process, judges what each test cell handed out.

A test cell, run in the student's kernel, hands out what the student's code produced
(:mod:`coursekit.handout`); it decides nothing.  At build time the same cells ran on the
reference solution and their handouts became the *expected* file of the assignment
(:mod:`autograder.expected`), kept with the grader and never shown to a kernel.  Here each
student handout is compared with the expected one at the same position, with the reference's
comparison and tolerance, and a test cell passes when every one of its checks does.

The kernel can print anything and forge any output: what it hands out is only ever data
compared with the expected values (a forged value passes only if it is the right one, which is
what a correct function returns), and the messages written for the student are built here from
the expected file's own wording plus numbers and shapes (never the kernel's text).
"""
import builtins
from dataclasses import dataclass

from coursekit import checks
from coursekit.handout import MIME, HandoutError, decode

from .notebook import is_test, nbgrader_meta

PASSED = "Passed: every check of this test holds."
#: Exception names a message may quote; anything else is "an error".
_QUOTABLE_ERRORS = frozenset(
    name for name in dir(builtins) if isinstance(getattr(builtins, name), type)
    and issubclass(getattr(builtins, name), BaseException)) | {
    "InvalidArgumentError", "FailedPreconditionError", "ResourceExhaustedError", "CheckFailed"}


@dataclass(frozen=True)
class Check:
    """One handout: what was checked, how to compare, and the value."""
    what: str
    compare: str
    value: object
    rtol: float = 1e-6
    atol: float = 1e-8
    kinds: str = ""

    @classmethod
    def from_record(cls, record):
        """Parse a handout record (untrusted JSON); raises :class:`HandoutError`."""
        if not isinstance(record, dict):
            raise HandoutError("a handout must be an object")
        what, compare = record.get("what"), record.get("compare")
        rtol, atol, kinds = record.get("rtol", 1e-6), record.get("atol", 1e-8), record.get("kinds") or ""
        if not isinstance(what, str) or compare not in checks.COMPARISONS:
            raise HandoutError("a handout has no description or an unknown comparison")
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (rtol, atol)):
            raise HandoutError("a handout has a bad tolerance")
        if not isinstance(kinds, str):
            raise HandoutError("a handout has bad dtype kinds")
        return cls(what[:500], compare, decode(record.get("value")), float(rtol), float(atol), kinds[:8])


@dataclass(frozen=True)
class CellVerdict:
    passed: bool
    message: str        # PASSED, or what failed first, in plain words
    crashed: bool = False   # the test stopped with an error before its checks were done


def handouts(cell):
    """The raw handout records of an executed cell's outputs, in order."""
    return [output["data"][MIME] for output in cell.get("outputs", [])
            if output.get("output_type") == "display_data" and MIME in output.get("data", {})]


def parse_handouts(records):
    """:class:`Check` objects; a malformed record ends the list (everything after it is lost)."""
    parsed = []
    for record in records:
        try:
            parsed.append(Check.from_record(record))
        except HandoutError:
            break
    return parsed


def problem(expected: Check, actual: Check):
    """What is wrong with ``actual`` compared with ``expected``, or None."""
    what = expected.what
    if actual.compare != expected.compare or actual.what != expected.what:
        return f"{what}: not checked (the test took another path than with a correct solution)"
    value = actual.value
    if expected.compare == "close":
        return checks.close_problem(value, expected.value, what, expected.rtol, expected.atol)
    if expected.compare == "equal":
        return checks.equal_problem(value, expected.value, what)
    if expected.compare == "shape":
        return checks.shape_problem(value, expected.value, what)
    if expected.compare == "scalar":
        return checks.scalar_problem(value, what)
    if expected.compare == "unchanged":
        return checks.unchanged_problem(value, expected.value, what)
    if expected.compare == "dtype_kind":
        return checks.dtype_kind_problem(value, expected.kinds, what)
    return checks.true_problem(value, what)


def judge_cell(expected, cell) -> CellVerdict:
    """Judge one executed test cell against the reference's checks for it (a list of
    :class:`Check`).  The first failing check decides the message."""
    actual = parse_handouts(handouts(cell))
    for index, exp in enumerate(expected):
        if index >= len(actual):
            error = error_name(cell)
            if error:
                return CellVerdict(False, f"the test stopped with {error} before checking "
                                          f"{exp.what!s}", crashed=True)
            return CellVerdict(False, f"the test did not get as far as checking {exp.what}", crashed=True)
        found = problem(exp, actual[index])
        if found:
            return CellVerdict(False, found)
    if not expected:
        return CellVerdict(False, "this test has no expected values: rebuild the assignment")
    return CellVerdict(True, PASSED)


def judge_notebook(expected_cells, nb):
    """``{grade_id: CellVerdict}`` for every test cell of executed notebook ``nb``;
    ``expected_cells`` is ``{grade_id: [Check]}``.  A test cell the expected file does not
    know (a course built from another source) fails."""
    verdicts = {}
    for cell in nb.cells:
        if is_test(cell):
            grade_id = nbgrader_meta(cell).get("grade_id")
            verdicts[grade_id] = judge_cell(expected_cells.get(grade_id, []), cell)
    return verdicts


def error_name(cell):
    """The name of the first error a cell raised, if it is a well-known one; '' when none."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            name = str(output.get("ename", ""))
            return name if name in _QUOTABLE_ERRORS else "an error"
    return ""
