"""Build stage, part 2: what the reference solution hands out, kept for the grader alone.

``build`` runs each source notebook (solutions and hidden tests) the way the grader runs a
submission, and records every test cell's handouts (:mod:`coursekit.handout`) into
``bundles/<assignment>/expected.json``.  :mod:`autograder.verdict` compares students'
handouts with these.  The file never reaches a kernel: grading kernels run sandboxed and see
nothing of the course.

Format: ``{"format": 1, "assignment": id, "notebooks": {notebook: {test cell: [handout]}}}``,
each handout as :func:`coursekit.checks.hand_out` published it.
"""
import json
import time

from nbclient import NotebookClient

from .course import Course, CourseError, tool_env
from .notebook import is_test, nbgrader_meta
from .trusted import load_source
from .verdict import Check, error_name, handouts

FORMAT = 1
#: Kernel arguments of every grading kernel: no history file, and the tamper guard installed
#: before the first cell (nbgrader_config.py passes the same to nbgrader's Execute).
GUARD_ARGS = [
    "--HistoryManager.hist_file=:memory:",
    "--IPKernelApp.exec_lines=['import coursekit.guard as _g; _g.install(); del _g']",
]


def grading_client(nb, folder, *, timeout=300, **kwargs):
    """A NotebookClient that runs ``nb`` in ``folder`` as nbgrader autograde would."""
    return NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                          extra_arguments=list(GUARD_ARGS),
                          resources={"metadata": {"path": str(folder)}}, **kwargs)


def grading_env():
    return tool_env({"NBGRADER_EXECUTION": "autograde"})


def reference_handouts(nb, where):
    """``{test cell: [handout record]}`` of an executed reference notebook; raises
    :class:`CourseError` when a test cell failed or handed nothing out."""
    found, problems = {}, []
    for cell in nb.cells:
        if not is_test(cell):
            continue
        grade_id = nbgrader_meta(cell)["grade_id"]
        records = handouts(cell)
        error = error_name(cell)
        if error:
            detail = next(f"{o.get('ename')}: {o.get('evalue')}" for o in cell.outputs if o.output_type == "error")
            problems.append(f"{grade_id} raised {detail[:300]}")
        elif not records:
            problems.append(f"{grade_id} handed nothing to the grader (its checks must use coursekit.checks)")
        for record in records:
            check = Check.from_record(record)
            if check.compare == "true" and check.value is not True:
                problems.append(f"{grade_id}: the reference fails the check {check.what!r}")
        found[grade_id] = records
    if problems:
        raise CourseError(f"{where}: the reference solution does not pass its own tests:\n  " + "\n  ".join(problems))
    return found


def make_expected(course: Course, assignment, *, timeout=600, log=print):
    """Run every source notebook of ``assignment``; write and return its expected file."""
    started = time.monotonic()
    notebooks = {}
    for path in course.notebooks(assignment):
        nb = load_source(course, assignment, path)   # checks.trusted(...) inlined, as when grading
        grading_client(nb, path.parent, timeout=timeout).execute(env=grading_env())
        notebooks[path.stem] = reference_handouts(nb, f"{assignment}/{path.name}")
    target = course.expected_file(assignment)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"format": FORMAT, "assignment": assignment, "notebooks": notebooks}))
    count = sum(len(r) for cells in notebooks.values() for r in cells.values())
    log(f"expected values of {assignment}: {count} checks in {time.monotonic() - started:.1f} s")
    return target


def load_expected(path):
    """``{notebook: {test cell: [Check]}}`` from an expected file."""
    try:
        data = json.loads(open(path).read())
    except FileNotFoundError:
        raise CourseError(f"no expected values at {path}: run `python -m autograder build` first") from None
    if data.get("format") != FORMAT:
        raise CourseError(f"{path} has format {data.get('format')!r}, expected {FORMAT}: rebuild")
    return {notebook: {cell: [Check.from_record(r) for r in records] for cell, records in cells.items()}
            for notebook, cells in data["notebooks"].items()}
