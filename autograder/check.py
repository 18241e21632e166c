"""Student self-check: run a notebook as ``nbgrader validate`` would, and say, function by
function, what passes.

Prints one row per graded function — ``pass``, ``FAIL`` with the first failing message, or
``not attempted`` when its START/END CODE HERE regions still hold the stub — then
"x of n functions pass".  Returns the number of functions that do not pass (the CLI exits 1
when it is not 0).  Only the visible tests run (students do not have the hidden ones): passing
here does not promise full marks.
"""
import re
import subprocess
from pathlib import Path

import nbformat

from .course import tool_env
from .expected import grading_client
from .notebook import STUB_BODY, is_solution, is_test, nbgrader_meta, solution_regions

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def check_notebook(path: Path, *, timeout=300, log=print):
    """Run notebook ``path`` (visible tests only); log the table; return the count of
    graded functions that fail or are not attempted."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    # the kernel's own start-up chatter (e.g. ipykernel's TCP warning) is not the student's business
    grading_client(nb, path.parent, timeout=timeout).execute(
        env=tool_env({"NBGRADER_EXECUTION": "validate"}), stderr=subprocess.DEVNULL)
    stubs = {nbgrader_meta(c).get("grade_id") for c in nb.cells
             if is_solution(c) and c.cell_type == "code" and STUB_BODY in solution_regions(c.source)}
    rows = []
    for cell in nb.cells:
        if not is_test(cell):
            continue
        grade_id = nbgrader_meta(cell)["grade_id"]
        function = grade_id[len("test_"):] if grade_id.startswith("test_") else grade_id
        error = _first_error(cell)
        if function in stubs:
            rows.append((function, "not attempted", ""))
        elif error:
            rows.append((function, "FAIL", error))
        else:
            rows.append((function, "pass", ""))
    width = max([len(f) for f, _, _ in rows] + [8])
    log(f"{path.name}:")
    for function, status, detail in rows:
        log(f"  {function:<{width}}  {status:<13}  {detail}".rstrip())
    passed = sum(status == "pass" for _, status, _ in rows)
    log(f"{passed} of {len(rows)} functions pass their visible tests"
        + ("" if passed < len(rows) else "; the grader also runs hidden tests"))
    return len(rows) - passed


def _first_error(cell):
    """``ename: evalue`` (first line) of the first error a cell raised, or ''."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            evalue = _ANSI.sub("", str(output.get("evalue", ""))).strip().splitlines()
            return f"{output.get('ename')}: {evalue[0] if evalue else ''}"[:200]
    return ""
