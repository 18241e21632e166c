"""What an instructor sees in formgrader after ``python -m autograder grade``, read through
nbgrader's own :class:`~nbgrader.apps.api.NbGraderAPI` (the object formgrader's handlers call),
and ``grade`` on a fresh clone (issue 14, the instructor's part).

One small class of the toy course, graded once through the real pipeline (CLI, bundles,
sandboxed kernels, the one writer) into a course that was never built, as a fresh clone is:
``release/`` committed, no ``bundles/``, no ``gradebook.db``.  Submissions sit in the course's
``submitted/`` folder with the ``timestamp.txt`` that ``nbgrader collect`` writes.
"""
import contextlib
import io
import re
import shutil

import pytest

from nbgrader.apps.api import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

from autograder import samples
from autograder.cli import main
from autograder.course import Course
from autograder.gradebook import RosterError, course_gradebook, read_roster
from toy_course import ASSIGNMENT, make_course

PLUS = "def square(x):\n    return x + x"       # square wrong, double right: 1 of 3 points
TIMESTAMP = "2026-11-30 12:00:00.000000 UTC"
SCRIPT = '<script>alert("x")</script>'          # not a notebook; quoted in the reason
ROSTER = ("id,first_name,last_name,email\n"
          "ann,Ann,Lee,ann@example.org\n"
          "bob,Bob,Okafor,\n"
          "dan,Dan,Ito,dan@example.org\n")        # dan never submits; cyd is not listed
#: what ``grade`` may write into a course besides what was there
GRADE_OUTPUTS = ("bundles/", "gradebook.db", "autograded/", "feedback/", "results/", "grades.csv",
                 "grades_by_test.csv", "mistakes.csv", "mistakes.html")


def _files(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _grade(course, *args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = main(["--course", str(course.root), "grade", str(course.root / "submitted"), "--jobs", "2",
                   "--cell-timeout", "30", "--memory-mb", "1024", *args])
    return rc, out.getvalue()


def _api(course):
    """NbGraderAPI as formgrader makes it: the course's nbgrader_config.py, root the course."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()
    return NbGraderAPI(CourseDirectory(config=config), config=config)


def formgrader_name(student):
    """The name formgrader's student and submission lists draw (manage_students.js,
    manage_submissions.js): ``last_name + ", " + first_name``, a null shown as "None"."""
    def shown(value):
        return "None" if value is None else value
    return f"{shown(student['last_name'])}, {shown(student['first_name'])}"


@pytest.fixture(scope="module")
def fresh(toy_course, tmp_path_factory):
    """A fresh clone of the toy course with four students' work in ``submitted/``: ann (all
    right), bob (square wrong), cyd (a file that is not notebook JSON; not on the roster),
    and dan (on the roster, submitted nothing); graded once with ``--roster``."""
    tmp = tmp_path_factory.mktemp("fresh")
    course = Course(make_course(tmp / "course"))
    # the committed state: the source and its release as the built toy course has them
    shutil.copy(toy_course.root / "assignments" / ASSIGNMENT / "toy.ipynb", course.root / "assignments" / ASSIGNMENT)
    shutil.copytree(toy_course.release_dir / ASSIGNMENT, course.release_dir / ASSIGNMENT)
    submitted = course.root / "submitted"
    samples.write_submission(toy_course, ASSIGNMENT, "reference", submitted / "ann" / ASSIGNMENT, replacements={})
    samples.write_submission(toy_course, ASSIGNMENT, "reference", submitted / "bob" / ASSIGNMENT,
                             replacements={"square": PLUS})
    (submitted / "cyd" / ASSIGNMENT).mkdir(parents=True)
    (submitted / "cyd" / ASSIGNMENT / "toy.ipynb").write_text(SCRIPT)
    for student in ("ann", "bob", "cyd"):
        (submitted / student / ASSIGNMENT / "timestamp.txt").write_text(TIMESTAMP)
    roster = tmp / "roster.csv"
    roster.write_text(ROSTER)
    before = _files(course.root)
    rc, log = _grade(course, "--roster", str(roster))
    return {"course": course, "before": before, "rc": rc, "log": log, "roster": roster}


def test_grade_builds_a_fresh_clone_first_and_touches_nothing_else(fresh):
    """No bundle and no gradebook: ``grade`` builds the assignment, says so in one line, and
    grades.  Every file the clone had is byte for byte as it was (the rebuilt release
    included); what is new is the bundle, the gradebook and grade's own outputs."""
    assert fresh["rc"] == 0, fresh["log"]
    assert f"building {ASSIGNMENT} first (no bundle yet)" in fresh["log"].splitlines()
    after = _files(fresh["course"].root)
    assert {name: after.get(name) for name in fresh["before"]} == fresh["before"]
    new = sorted(set(after) - set(fresh["before"]))
    assert new and all(name.startswith(GRADE_OUTPUTS) for name in new), new
    assert "not in the roster (named by their id): cyd" in fresh["log"]


def test_formgrader_shows_the_roster_names_and_ids_for_the_rest(fresh):
    """Names come from the roster; cyd, not on it, is named by the id ("cyd, ", never
    "None, None"); dan, on the roster with nothing submitted, is a student of the course with
    0 of the course's 3 points."""
    students = _api(fresh["course"]).get_students()
    assert [(s["id"], formgrader_name(s), s["email"], s["score"], s["max_score"]) for s in students] == [
        ("dan", "Ito, Dan", "dan@example.org", 0.0, 3.0),
        ("ann", "Lee, Ann", "ann@example.org", 3.0, 3.0),
        ("bob", "Okafor, Bob", None, 1.0, 3.0),
        ("cyd", "cyd, ", None, 0.0, 3.0),
    ]    # nbgrader's order: by last name, as Python sorts strings


def test_formgrader_averages_count_the_submissions_it_lists(fresh):
    """The assignment and notebook averages formgrader shows are nbgrader's: the sum of the
    scores over the submissions in the gradebook.  Right here is (3 + 1 + 0) / 3 = 4/3:

    - ann 3/3 and bob 1/3 (double right, square wrong);
    - cyd 0/3: a file that is not a notebook is graded 0 with a reason (grades.csv says so),
      and formgrader must agree: listed as autograded, 0, its notebook page saying why; before,
      it was listed as "not autograded" (no ``autograded/`` folder) while the average counted
      its 0;
    - dan submitted nothing: not a submission, so outside the average; formgrader shows
      "(no submission)".

    Every submission carries the ``timestamp.txt`` of ``nbgrader collect``; formgrader calls a
    submission autograded only if the gradebook holds that same timestamp.  ``grade`` used to
    leave it empty, and formgrader then listed all three as "not autograded" with score 0
    beside an average of 1.33 made of their grades."""
    api = _api(fresh["course"])
    assignment = api.get_assignment(ASSIGNMENT)
    assert (assignment["average_score"], assignment["max_score"], assignment["num_submissions"]) == \
        pytest.approx((4 / 3, 3.0, 3))
    [notebook] = api.get_notebooks(ASSIGNMENT)
    assert (notebook["name"], notebook["average_score"], notebook["num_submissions"]) == \
        pytest.approx(("toy", 4 / 3, 3))
    submissions = api.get_submissions(ASSIGNMENT)
    assert [(s["student"], s["score"], s["autograded"], s["submitted"]) for s in submissions] == [
        ("ann", 3.0, True, True), ("bob", 1.0, True, True), ("cyd", 0.0, True, True)]
    listed = api.get_notebook_submissions(ASSIGNMENT, "toy")     # the rows the notebook average is over
    assert sorted((s["student"], s["score"]) for s in listed) == [("ann", 3.0), ("bob", 1.0), ("cyd", 0.0)]
    assert sum(s["score"] for s in listed) / len(listed) == pytest.approx(notebook["average_score"])
    [dan] = api.get_student_submissions("dan")
    assert (dan["submitted"], dan["autograded"]) == (False, False)
    page = (fresh["course"].root / "autograded" / "cyd" / ASSIGNMENT / "toy.ipynb").read_text()
    assert "could not be graded" in page and "not valid notebook JSON" in page


def _formgrade_page(course, student):
    """The grading page of ``student``'s toy notebook, drawn as formgrader's SubmissionHandler
    draws it (its HTMLExporter set-up and resources)."""
    from nbconvert.exporters import HTMLExporter
    from nbgrader.server_extensions.formgrader import handlers
    from traitlets.config import Config
    config = Config()
    config.HTMLExporter.template_name = "formgrade"
    config.HTMLExporter.extra_template_basedirs = [handlers.template_path]
    with course_gradebook(course).open() as gb:
        submission = gb.find_submission_notebook("toy", ASSIGNMENT, student)
        resources = {"assignment_id": ASSIGNMENT, "notebook_id": "toy", "submission_id": submission.id,
                     "index": 0, "total": 3, "base_url": "", "student": student,
                     "last_name": submission.student.last_name, "first_name": submission.student.first_name,
                     "notebook_path": "/x"}
    html, _ = HTMLExporter(config=config).from_filename(
        str(course.root / "autograded" / student / ASSIGNMENT / "toy.ipynb"), resources=resources)
    return html


def test_formgrader_grading_pages_show_names_and_why_a_notebook_is_zero(fresh):
    """ann's page carries her name; cyd's (not a notebook) says why it is 0, shows the
    student's quoted bytes as text (never as HTML that would run in the instructor's
    browser), and names cyd by the id."""
    shown = re.compile(r'class="name-shown"[^>]*>\s*([^<]*?)\s*<')
    ann = _formgrade_page(fresh["course"], "ann")
    assert shown.findall(ann) == ["Lee, Ann"]
    cyd = _formgrade_page(fresh["course"], "cyd")
    assert shown.findall(cyd) == ["cyd"]
    assert "This notebook could not be graded:" in cyd and "not valid notebook JSON" in cyd
    assert "<script>alert" not in cyd and "&lt;script&gt;alert" in cyd


def test_a_regrade_without_roster_keeps_every_name(fresh):
    """Names set by the roster or by an instructor in formgrader survive a regrade that has
    no roster; the grades and averages come out the same."""
    course = fresh["course"]
    with course_gradebook(course).open() as gb:      # an instructor names cyd in formgrader
        gb.update_or_create_student("cyd", first_name="Cyd", last_name="Moreau")
    api_before = _api(course)
    averages = api_before.get_assignment(ASSIGNMENT)["average_score"]
    rc, log = _grade(course, "--assignment", ASSIGNMENT)
    assert rc == 0, log
    assert "building" not in log and "roster" not in log
    api = _api(course)
    assert [(s["id"], formgrader_name(s)) for s in api.get_students()] == [
        ("dan", "Ito, Dan"), ("ann", "Lee, Ann"), ("cyd", "Moreau, Cyd"), ("bob", "Okafor, Bob")]
    assert api.get_assignment(ASSIGNMENT)["average_score"] == pytest.approx(averages)
    assert all(s["autograded"] for s in api.get_submissions(ASSIGNMENT))


def test_a_bad_roster_stops_grade_before_anything_is_built_or_graded(tmp_path, capsys):
    """Every bad line is named at once, and nothing is written: no bundle, no gradebook."""
    course = Course(make_course(tmp_path / "course"))
    (course.root / "submitted" / "ann" / ASSIGNMENT).mkdir(parents=True)
    (course.root / "roster.csv").write_text(     # the course's default roster
        "id,first_name,last_name,email\n"
        "ann,Ann,Lee,ann@example.org\n"
        "ann,Ann,Again,\n"
        "bad id,B,C,\n"
        ",No,Id,\n"
        "eve,Eve,Ng,eve.example.org\n"
        "fay,Fay\n")
    before = _files(course.root)
    assert main(["--course", str(course.root), "grade", str(course.root / "submitted")]) == 1
    err = capsys.readouterr().err
    for problem in ("line 3: student 'ann' is listed twice", "line 4: student id 'bad id' is not a valid id",
                    "line 5: no student id", "line 6: email 'eve.example.org' has no '@'",
                    "line 7: 2 cell(s), the header has 4", "nothing was graded"):
        assert problem in err, err
    assert _files(course.root) == before


@pytest.mark.parametrize("text, problem", [
    ("student,first_name\nann,Ann\n", "unknown column(s) 'student'"),
    ("first_name,last_name\nAnn,Lee\n", "no 'id' column"),
    ("id,first_name\nann," + "x" * 129 + "\n", "first_name is longer than 128 characters"),
    ('id,first_name\nann,"Ann\nLee"\n', "first_name holds a line break"),
])
def test_roster_problems_are_named(tmp_path, text, problem):
    path = tmp_path / "roster.csv"
    path.write_text(text)
    with pytest.raises(RosterError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        read_roster(path)


def test_a_roster_in_nbgraders_import_format_reads_as_nbgrader_would(tmp_path):
    """Empty cells mean "not given" (nbgrader's import sets them to None); blank lines and a
    byte-order mark are fine; lms_user_id is accepted."""
    path = tmp_path / "roster.csv"
    path.write_text("\ufeffid, first_name ,last_name,email,lms_user_id\nann,Ann,,,\n\nbob,,Okafor,b@x.org,42\n",
                    encoding="utf-8")
    assert read_roster(path) == {"ann": {"first_name": "Ann"},
                                 "bob": {"last_name": "Okafor", "email": "b@x.org", "lms_user_id": "42"}}
