"""Static checks of the committed notebooks: clean sources, sound metadata, an up-to-date release."""
import re
import shutil

import nbformat
import pytest

from autograder.build import build, verify_release
from autograder.course import Course
from autograder.notebook import (BEGIN_HIDDEN, is_solution, is_test, nbgrader_meta, solution_regions,
                                 visible_part)
from autograder.trusted import TRUSTED_PATH, find_directives, graded_function, load_source, trusted_file

COURSE = Course()
NOTEBOOKS = [(a, p) for a in COURSE.assignments() for p in COURSE.notebooks(a)]
IDS = [f"{a}/{p.name}" for a, p in NOTEBOOKS]
GRADE_ID = re.compile(r"^[a-zA-Z0-9_\-]+$")
#: Things a test cell must not trust (student code may replace them) or must not do.
FORBIDDEN_IN_TESTS = [r"\bnp\.allclose\b", r"\bnp\.testing\b", r"^\s*assert\s", r"\bnp\.isclose\b"]
#: What a hidden block may call of coursekit.checks: none of these holds an expected value.
HIDDEN_CHECKS = {"hand_out", "assert_scalar", "frozen_copy", "assert_unchanged", "substituted", "check", "trusted"}


def test_the_three_assignments_exist():
    assert COURSE.assignments() == ["a1_conv_numpy", "a2_signs_convnet", "a3_resnet"]


@pytest.mark.parametrize("assignment,path", NOTEBOOKS, ids=IDS)
def test_source_notebook_is_clean_and_well_formed(assignment, path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    ids = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "commit notebooks without outputs"
        meta = nbgrader_meta(cell)
        if not meta:
            continue
        assert meta.get("schema_version") == 3 and GRADE_ID.match(meta.get("grade_id", ""))
        ids.append(meta["grade_id"])
        if is_solution(cell) and cell.cell_type == "code":
            assert solution_regions(cell.source), f"{meta['grade_id']}: no START/END CODE HERE region"
        if is_test(cell):
            assert meta["grade_id"].startswith("test_") and meta.get("points", 0) > 0
            assert "from coursekit import checks" in cell.source or "import coursekit" in cell.source
            assert BEGIN_HIDDEN in cell.source, f"{meta['grade_id']} has no hidden tests"
            for pattern in FORBIDDEN_IN_TESTS:
                assert not re.search(pattern, cell.source, re.M), f"{meta['grade_id']}: uses {pattern}"
    assert len(ids) == len(set(ids)), "grade_ids must be unique"
    assert "setup" in ids


#: One header convention for every exercise: "## Exercise 3 — `conv_forward` (10 points)".
EXERCISE = re.compile(r"^#{2,3} Exercise (\d+) \u2014 `(\w+)` \((\d+) points\)$", re.M)


@pytest.mark.parametrize("assignment,path", NOTEBOOKS, ids=IDS)
def test_every_exercise_header_names_its_function_and_points_out_of_100(assignment, path):
    """Students see each function's weight where they meet it; every assignment is out of 100."""
    nb = nbformat.read(path, as_version=4)
    points = {nbgrader_meta(c)["grade_id"][len("test_"):]: nbgrader_meta(c)["points"] for c in nb.cells if is_test(c)}
    headers = [m.groups() for c in nb.cells if c.cell_type == "markdown" for m in EXERCISE.finditer(c.source)]
    assert [int(n) for n, _, _ in headers] == list(range(1, len(points) + 1))
    assert {f: int(p) for _, f, p in headers} == points
    assert [f for _, f, _ in headers] == list(points), "exercises in the order of their test cells"
    assert sum(points.values()) == 100


def test_committed_release_is_clean():
    for assignment in COURSE.assignments():
        assert verify_release(COURSE, assignment) == []


def test_committed_release_matches_a_fresh_build(tmp_path):
    """release/ is generated, never edited by hand: rebuilding it must change nothing."""
    course = Course(tmp_path)
    shutil.copytree(COURSE.source_dir, course.source_dir)
    shutil.copy(COURSE.config_file, course.config_file)
    build(course, log=lambda *_: None)
    for assignment, path in NOTEBOOKS:
        fresh = nbformat.read(course.release_dir / assignment / path.name, as_version=4)
        committed = nbformat.read(COURSE.release_dir / assignment / path.name, as_version=4)
        assert [(c.cell_type, c.source, c.metadata) for c in fresh.cells] == \
               [(c.cell_type, c.source, c.metadata) for c in committed.cells], \
               f"release/{assignment}/{path.name} is stale: run `python -m autograder build`"
        fresh_files = sorted(p.relative_to(course.release_dir) for p in (course.release_dir / assignment).rglob("*"))
        committed_files = sorted(p.relative_to(COURSE.release_dir) for p in (COURSE.release_dir / assignment).rglob("*")
                                 if ".ipynb_checkpoints" not in p.parts)
        assert fresh_files == committed_files


def _hidden_part(source):
    visible = set(visible_part(source).splitlines())
    return "\n".join(line for line in source.splitlines() if line not in visible)


@pytest.mark.parametrize("assignment,path", NOTEBOOKS, ids=IDS)
def test_hidden_tests_hold_no_expected_values(assignment, path):
    """The verdict is computed outside the kernel: a hidden block hands the student's outputs
    out and holds neither expected values nor a reference implementation (issue 11)."""
    for cell in nbformat.read(path, as_version=4).cells:
        if not is_test(cell):
            continue
        hidden = _hidden_part(cell.source)
        grade_id = nbgrader_meta(cell)["grade_id"]
        used = set(re.findall(r"\bchecks\.(\w+)", hidden))
        assert used <= HIDDEN_CHECKS, f"{grade_id}: hidden tests call checks.{sorted(used - HIDDEN_CHECKS)}"
        assert "hand_out" in used, f"{grade_id}: hidden tests hand nothing to the grader"
        assert not re.search(r"\b_?reference\w*\s*=|def _?reference|\bexpected\w*\s*=", hidden), \
            f"{grade_id}: hidden tests compute an expected value or hold a reference implementation"
        function = grade_id[len("test_"):]
        assert not re.search(rf"def _trusted_{function}\b", cell.source), \
            f"{grade_id}: a trusted copy of {function} sits in its own test"


@pytest.mark.parametrize("assignment,path", NOTEBOOKS, ids=IDS)
def test_trusted_helpers_come_from_grading_trusted_py(assignment, path):
    """Known-good helpers live in assignments/<id>/grading/trusted.py, asked for by a directive
    inside a hidden block of a test cell (autograder.trusted), never copied into a notebook."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        where = nbgrader_meta(cell).get("grade_id") or "a cell"
        assert not re.search(r"\bdef _trusted_", cell.source), \
            f"{where}: defines a trusted helper inline; put it in {TRUSTED_PATH} and use checks.trusted(...)"
        if cell.cell_type == "code" and "checks.trusted" in cell.source:
            assert is_test(cell), f"{where}: checks.trusted(...) outside a test cell"
            assert find_directives(cell.source, where)   # raises when outside a hidden block or malformed
    # expanded as the grader expands it: no test cell receives a trusted copy of its own function
    for cell in load_source(COURSE, assignment, path).cells:
        function = graded_function(cell) if is_test(cell) else None
        if function:
            assert f"def _trusted_{function}(" not in cell.source, f"test_{function} holds a trusted {function}"
            assert "checks.trusted" not in cell.source


def test_grading_folder_never_reaches_students():
    for assignment in COURSE.assignments():
        assert not (COURSE.release_dir / assignment / TRUSTED_PATH.parent).exists()
        if trusted_file(COURSE, assignment).exists():   # the bundle has its copy (read outside the kernel)
            bundle = COURSE.bundles_dir / assignment
            if bundle.exists():
                assert not (bundle / "data" / TRUSTED_PATH.parent).exists()
