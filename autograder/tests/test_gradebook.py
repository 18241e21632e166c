"""The gradebook as the source of truth, on SQLite and on a real PostgreSQL: grading the toy
course into either gives the same grades; a regrade keeps what an instructor entered (as
formgrader enters it, through nbgrader's API); ``export`` reads the database; the
common-mistakes report counts a small class right.

PostgreSQL is Debian's (``make setup`` installs it), started for this module on a Unix socket
in a temporary folder by :func:`postgres.throwaway_server`, and removed afterwards.
"""
import csv

import pytest

from nbgrader.api import Grade

from autograder import samples
from autograder.cli import main
from autograder.export import GRADE_COLUMNS, TEST_COLUMNS
from autograder.grade import grade
from autograder.gradebook import GradebookRef, copy_assignments, course_gradebook, make_template, merge, read_grades
from autograder.mistakes import CSV_COLUMNS, NOT_GRADED, classify
from autograder.workspace import SubmissionResult
from postgres import throwaway_server
from toy_course import ASSIGNMENT

MEMORY_CAP_MB = 1024
RETURNS_NONE = "def double(x):\n    y = 2 * x"
TIMES_ABS = "def square(x):\n    return x * abs(x)"
PLUS = "def square(x):\n    return x + x"
PLUS_ONE = "def square(x):\n    return x + 1"
#: student: (solution cells replaced, or None for no notebook at all)
CLASS = {
    "ann": {},
    "bob": {"square": TIMES_ABS},
    "cyd": {"square": PLUS},
    "dan": {"square": PLUS_ONE},    # fails the same check as cyd, with other numbers
    "eve": {"double": RETURNS_NONE},
    "fay": None,
}
#: student: (test_double, test_square) points the autograder gives
SCORES = {"ann": (1, 2), "bob": (1, 0), "cyd": (1, 0), "dan": (1, 0), "eve": (0, 2), "fay": (0, 0)}


@pytest.fixture(scope="module")
def postgres():
    with throwaway_server() as url:
        yield url


@pytest.fixture(scope="module")
def submissions(toy_course, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gb") / "submitted"
    for student, cells in CLASS.items():
        dest = folder / student / ASSIGNMENT
        if cells is None:
            dest.mkdir(parents=True)
        else:
            samples.write_submission(toy_course, ASSIGNMENT, "reference", dest, replacements=cells)
    return folder


def _grade(course, subs, out, db):
    return grade(course, subs, out, db_path=db, jobs=2, cell_timeout=30, memory_mb=MEMORY_CAP_MB, log=lambda *_: None)


@pytest.fixture(scope="module")
def graded(toy_course, submissions, postgres, tmp_path_factory):
    """The class graded into a fresh SQLite file and into PostgreSQL."""
    out = tmp_path_factory.mktemp("graded")
    sqlite = out / "sqlite" / "gradebook.db"
    sqlite.parent.mkdir()
    _grade(toy_course, submissions, out / "sqlite", sqlite)
    _grade(toy_course, submissions, out / "pg", postgres)
    return {"sqlite": course_gradebook(toy_course, sqlite), "pg": course_gradebook(toy_course, postgres),
            "out": out}


def _facts(ref):
    """Everything export reads, as plain data."""
    return [(s.student, s.assignment, s.status, s.reason, s.notes,
             sorted((t.notebook, t.test, t.score, t.max_score, t.auto_score, t.message, t.judged) for t in s.tests))
            for s in read_grades(ref)]


def test_postgres_and_sqlite_hold_the_same_grades(graded):
    pg, sqlite = _facts(graded["pg"]), _facts(graded["sqlite"])
    assert pg == sqlite
    scores = {s.student: {t.test: t.score for t in s.tests} for s in read_grades(graded["pg"])}
    assert scores == {s: {"test_double": d, "test_square": q} for s, (d, q) in SCORES.items()}
    assert graded["pg"].course_id == "convnets"


def test_the_template_is_built_through_nbgrader_from_either_database(graded, tmp_path):
    """Same definitions (cells, points, checksums, course) from PostgreSQL as from SQLite; no student."""
    definitions = []
    for name in ("pg", "sqlite"):
        path = make_template(graded[name], tmp_path / f"{name}.db", [ASSIGNMENT])
        with GradebookRef(f"sqlite:///{path}", "convnets").open() as gb:
            assert gb.students == [] and gb.db.query(Grade).count() == 0
            assignment = gb.find_assignment(ASSIGNMENT)
            definitions.append((assignment.course_id, [
                (nb.name, sorted((c.name, c.max_score, c.cell_type) for c in nb.grade_cells),
                 sorted(c.name for c in nb.solution_cells),
                 sorted((c.name, c.locked, c.checksum, c.source) for c in nb.source_cells))
                for nb in assignment.notebooks]))
    assert definitions[0] == definitions[1]
    course_id, [(notebook, grade_cells, solution_cells, source_cells)] = definitions[0]
    assert course_id == "convnets" and notebook == "toy"
    assert grade_cells == [("test_double", 1.0, "code"), ("test_square", 2.0, "code")]
    assert solution_cells == ["double", "square"]
    assert all(checksum for _, _, checksum, _ in source_cells)


def _edit_as_formgrader(ref):
    """What an instructor does in formgrader: a manual score and comments."""
    with ref.open() as gb:
        grade_ = gb.find_grade("test_square", "toy", ASSIGNMENT, "bob")
        grade_.manual_score, grade_.needs_manual_grade = 1.5, False
        gb.find_comment("square", "toy", ASSIGNMENT, "bob").manual_comment = "abs() flips the sign: half marks"
        gb.find_comment("double", "toy", ASSIGNMENT, "fay").manual_comment = "emailed me the file late"
        gb.db.commit()


@pytest.fixture(scope="module")
def regraded(graded, toy_course, submissions):
    """The PostgreSQL gradebook after a formgrader edit and a second grading of the whole class."""
    _edit_as_formgrader(graded["pg"])
    before = _facts(graded["pg"])
    _grade(toy_course, submissions, graded["out"] / "pg", graded["pg"].url)
    return {"before": before, "after": _facts(graded["pg"])}


def test_regrading_keeps_manual_scores_and_comments(graded, regraded):
    assert regraded["after"] == regraded["before"]          # idempotent: nothing added, nothing lost
    with graded["pg"].open() as gb:
        bob = gb.find_grade("test_square", "toy", ASSIGNMENT, "bob")
        assert (bob.auto_score, bob.manual_score, bob.score, bob.needs_manual_grade) == (0.0, 1.5, 1.5, False)
        assert gb.find_submission(ASSIGNMENT, "bob").score == 2.5
        assert gb.find_comment("square", "toy", ASSIGNMENT, "bob").manual_comment == "abs() flips the sign: half marks"
        fay = gb.find_comment("double", "toy", ASSIGNMENT, "fay")
        assert fay.manual_comment == "emailed me the file late"          # the instructor's, kept
        assert fay.auto_comment == "Not graded: toy.ipynb is missing"     # the reason, beside it
        assert gb.find_comment("double", "toy", ASSIGNMENT, "ann").auto_comment is None
        assert not any(g.needs_manual_grade for s in gb.assignment_submissions(ASSIGNMENT)
                       for nb in s.notebooks for g in nb.grades)
        assert len(gb.students) == len(CLASS)


def test_needs_manual_grade_follows_what_a_human_must_look_at(toy_course, tmp_path):
    """Raised for a cell nobody scored, and for review when a manual score predates another
    autograder score; an unchanged regrade leaves it alone (merges into a fresh SQLite file)."""
    ref = course_gradebook(toy_course, tmp_path / "gradebook.db")
    copy_assignments(course_gradebook(toy_course), ref, [ASSIGNMENT])

    def merge_scores(double, square):
        merge(ref, SubmissionResult("gil", ASSIGNMENT, max_scores={"toy": {"test_double": 1.0, "test_square": 2.0}},
                                    scores={"toy": {"test_double": double, "test_square": square}}))
        with ref.open() as gb:
            grades = {n: gb.find_grade(n, "toy", ASSIGNMENT, "gil") for n in ("test_double", "test_square")}
            return {n: (g.score, g.needs_manual_grade) for n, g in grades.items()}

    assert merge_scores(1.0, None) == {"test_double": (1.0, False), "test_square": (0.0, True)}
    with ref.open() as gb:   # the instructor scores both, as formgrader does
        for name, points in (("test_double", 0.5), ("test_square", 2.0)):
            grade_ = gb.find_grade(name, "toy", ASSIGNMENT, "gil")
            grade_.manual_score, grade_.needs_manual_grade = points, False
        gb.db.commit()
    assert merge_scores(1.0, None) == {"test_double": (0.5, False), "test_square": (2.0, False)}
    assert merge_scores(0.0, None) == {"test_double": (0.5, True), "test_square": (2.0, False)}


def test_export_reads_the_database_so_formgrader_edits_show(graded, regraded, toy_course, tmp_path):
    assert main(["--course", str(toy_course.root), "export", "--db-url", graded["pg"].url,
                 "--out", str(tmp_path)]) == 0
    with open(tmp_path / "grades.csv") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == GRADE_COLUMNS
        rows = {r["student"]: r for r in reader}
    assert rows["bob"]["score"] == "2.5" and rows["bob"]["max_score"] == "3"
    assert rows["fay"]["status"] == "failed" and "toy.ipynb is missing" in rows["fay"]["reason"]
    assert {s: r["score"] for s, r in rows.items() if s != "bob"} == \
        {s: f"{d + q:g}" for s, (d, q) in SCORES.items() if s != "bob"}
    with open(tmp_path / "grades_by_test.csv") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == TEST_COLUMNS
        tests = [(r["student"], r["test"], r["score"], r["message"]) for r in reader]
    assert [t[:2] for t in tests] == [(s, t) for s in sorted(CLASS) for t in ("test_double", "test_square")]
    by_test = {t[:2]: t[2:] for t in tests}
    assert by_test["bob", "test_square"][0] == "1.5"
    assert by_test["bob", "test_square"][1].startswith("square of an array: 1 of 2 values are wrong")
    assert by_test["ann", "test_square"][1].startswith("Passed")
    assert by_test["fay", "test_double"] == ("0", "toy.ipynb is missing")
    # grade() wrote its CSVs with the same writer, from its own (SQLite) gradebook
    with open(graded["out"] / "sqlite" / "grades.csv") as f:
        assert next(csv.reader(f)) == GRADE_COLUMNS


def test_common_mistakes_are_counted_per_check(graded):
    out = graded["out"] / "sqlite"
    with open(out / "mistakes.csv") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == CSV_COLUMNS
        rows = [(r["test"], r["students"], r["failed_test"], r["check"], r["kind"], r["failed"]) for r in reader]
    assert rows == [
        ("test_double", "6", "2", NOT_GRADED, "toy.ipynb is missing", "1"),
        ("test_double", "6", "2", "double(arange(3))", "returned None", "1"),
        ("test_square", "6", "4", "square(3)", "wrong values", "2"),
        ("test_square", "6", "4", NOT_GRADED, "toy.ipynb is missing", "1"),
        ("test_square", "6", "4", "square of an array", "wrong values", "1"),
    ]
    html = (out / "mistakes.html").read_text()
    assert html.count("<svg") == 3          # the overview and one chart per test cell with failures
    assert "2 / 6" in html and "4 / 6" in html
    assert "square(3): 1 of 1 values are wrong; at index () expected 9, got 6" in html   # one example
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
    assert "<script" not in html and "<link" not in html


def test_messages_group_by_check_and_kind_of_failure():
    """Real wordings from coursekit.checks and the verdict, with a student's own numbers."""
    import numpy as np
    from coursekit import checks
    cases = {
        checks.close_problem(np.array([1.0, 2.5]), [1.0, 2.0], "conv(x)"): ("conv(x)", "wrong values"),
        checks.close_problem(np.zeros((2, 3)), np.zeros((3, 2)), "pool(x)"): ("pool(x)", "wrong shape"),
        checks.close_problem(None, [1.0], "cost"): ("cost", "returned None"),
        checks.close_problem([np.nan], [1.0], "A: layer 1"): ("A: layer 1", "NaN or infinity"),
        checks.equal_problem(3, 4, "n_H"): ("n_H", "wrong value"),
        checks.equal_problem(np.array([1, 2]), np.array([1, 3]), "mask"): ("mask", "wrong value"),
        checks.scalar_problem(np.ones((1, 1, 1)), "Z"): ("Z", "an array instead of a scalar"),
        checks.scalar_problem("x", "Z"): ("Z", "not a number"),
        checks.dtype_kind_problem(np.ones(2), "b", "mask"): ("mask", "wrong dtype"),
        checks.unchanged_problem(np.ones(2), np.zeros(2), "A_prev"): ("A_prev", "input changed in place"),
        "the test stopped with ValueError before checking conv(x)": ("conv(x)", "stopped with ValueError"),
        "the test did not get as far as checking pool(x)": ("pool(x)", "stopped before this check"),
        "the cost falls during training": ("the cost falls during training", "does not hold"),
    }
    for message, expected in cases.items():
        assert classify(message) == expected, message
    assert classify(checks.close_problem([9.0], [1.0], "f")) == classify(checks.close_problem([7.0], [1.0], "f"))
    assert classify("grading took longer than 900 s (an endless loop?)", judged=False) == \
        (NOT_GRADED, "grading took longer than # s")
