"""The grading pipeline end to end on the toy course: real nbgrader, real kernels."""
import csv
import hashlib
import json

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder import samples
from autograder.build import verify_release
from autograder.course import Course, CourseError
from autograder.grade import grade
from autograder.gradebook import db_url
from autograder.notebook import STUB_BODY, nbgrader_meta, solution_regions
from autograder.validate import validate
from toy_course import ASSIGNMENT, HIDDEN_MARKERS


def test_release_is_clean(toy_course):
    assert verify_release(toy_course, ASSIGNMENT) == []
    nb = nbformat.read(toy_course.release_dir / ASSIGNMENT / "toy.ipynb", as_version=4)
    text = json.dumps(nb)
    for marker in HIDDEN_MARKERS:
        assert marker not in text
    regions = [r for c in nb.cells for r in solution_regions(c.source)]
    assert regions == [STUB_BODY, STUB_BODY]
    assert (toy_course.release_dir / ASSIGNMENT / "data.txt").exists()


def test_verify_release_catches_a_leaked_solution_and_hidden_test(toy_course, tmp_path):
    import shutil
    course = Course(tmp_path / "course")
    shutil.copytree(toy_course.root, course.root)
    path = course.release_dir / ASSIGNMENT / "toy.ipynb"
    nb = nbformat.read(path, as_version=4)
    source = nbformat.read(course.notebooks(ASSIGNMENT)[0], as_version=4)
    nb.cells[2].source = source.cells[2].source          # the solution of double
    nb.cells[5].source = source.cells[5].source          # the hidden tests of square
    nbformat.write(nb, path)
    problems = verify_release(course, ASSIGNMENT)
    assert any("double still holds solution code" in p for p in problems)
    assert any("hidden-test markers" in p for p in problems)
    assert any("test_square leaks hidden lines" in p for p in problems)


def test_validate_grades_the_three_samples_as_expected(toy_course):
    problems, results = validate(toy_course, log=lambda *_: None)
    assert problems == []
    scores = {r.student: r.scores["toy"] for r in results}
    assert scores == {"reference": {"test_double": 1.0, "test_square": 2.0},
                      "untouched": {"test_double": 0.0, "test_square": 0.0},
                      "buggy": {"test_double": 1.0, "test_square": 0.0},
                      "variant": {"test_double": 1.0, "test_square": 2.0}}


def _write(folder, nb):
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "toy.ipynb")


def _reference(course, tmp_path, name):
    samples.write_submission(course, ASSIGNMENT, "reference", tmp_path / "ref" / name)
    return nbformat.read(tmp_path / "ref" / name / "toy.ipynb", as_version=4)


def _cell(nb, grade_id):
    return next(c for c in nb.cells if nbgrader_meta(c).get("grade_id") == grade_id)


BUGGY_SQUARE = "def square(x):\n    return x * abs(x)"
MEMORY_CAP_MB = 1024   # the toy kernel needs about 300 MiB; a real course uses the default


@pytest.fixture(scope="module")
def graded_class(toy_course, tmp_path_factory):
    """Grade a class of awkward submissions once; tests below read the outcome."""
    tmp_path = tmp_path_factory.mktemp("class")
    subs = tmp_path / "submitted"
    ref = lambda name: _reference(toy_course, tmp_path, name)  # noqa: E731

    _write(subs / "good" / ASSIGNMENT, ref("good"))
    (subs / "invalid_json" / ASSIGNMENT).mkdir(parents=True)
    (subs / "invalid_json" / ASSIGNMENT / "toy.ipynb").write_text('{"cells": [')
    (subs / "missing" / ASSIGNMENT).mkdir(parents=True)
    renamed = subs / "renamed" / ASSIGNMENT
    renamed.mkdir(parents=True)
    nbformat.write(ref("renamed"), renamed / "toy_final.ipynb")

    nb = ref("deleted_test")
    nb.cells = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") != "test_square"]
    _cell(nb, "square").source = BUGGY_SQUARE
    _write(subs / "deleted_test" / ASSIGNMENT, nb)

    nb = ref("edited_test")
    _cell(nb, "test_square").source = "pass"
    _cell(nb, "square").source = BUGGY_SQUARE
    _write(subs / "edited_test" / ASSIGNMENT, nb)

    nb = ref("retyped_test")
    cell = _cell(nb, "test_square")
    nb.cells[nb.cells.index(cell)] = nbformat.v4.new_markdown_cell("pass", metadata=cell.metadata)
    _cell(nb, "square").source = BUGGY_SQUARE
    _write(subs / "retyped_test" / ASSIGNMENT, nb)

    nb = ref("reordered")
    nb.cells = nb.cells[:1] + nb.cells[4:] + nb.cells[1:4]   # square and its test first
    _write(subs / "reordered" / ASSIGNMENT, nb)

    nb = ref("stderr")
    _cell(nb, "double").source += "\nimport sys, warnings\n" \
        "def double(x, _d=double):\n    print('debug', file=sys.stderr)\n" \
        "    warnings.warn('a library warning')\n    return _d(x)"
    _write(subs / "stderr" / ASSIGNMENT, nb)

    nb = ref("tamper")
    _cell(nb, "square").source = BUGGY_SQUARE + (
        "\nimport builtins, numpy as np\nfrom coursekit import checks\n"
        "np.allclose = lambda *a, **k: True\nchecks.assert_close = lambda *a, **k: None\n"
        "builtins.AssertionError = type('Quiet', (Exception,), {})")
    _write(subs / "tamper" / ASSIGNMENT, nb)

    nb = ref("duplicated_test")
    test = _cell(nb, "test_square")
    nb.cells.insert(nb.cells.index(test), nbformat.from_dict(json.loads(json.dumps(test))))
    _cell(nb, "square").source = BUGGY_SQUARE
    _write(subs / "duplicated_test" / ASSIGNMENT, nb)

    for name, tamper in TAMPERING.items():
        nb = ref(name)
        _cell(nb, "square").source = BUGGY_SQUARE + "\n" + tamper
        _write(subs / name / ASSIGNMENT, nb)

    for name, extra in ODD_BUT_CORRECT.items():
        nb = ref(name)
        _cell(nb, "square").source += "\n" + extra
        _write(subs / name / ASSIGNMENT, nb)

    nb = ref("tamper_isinstance")  # breaks the kernel's own machinery: may sink the whole notebook
    _cell(nb, "square").source = BUGGY_SQUARE + "\nimport builtins\nbuiltins.isinstance = lambda *a: True"
    _write(subs / "tamper_isinstance" / ASSIGNMENT, nb)

    nb = ref("endless")
    _cell(nb, "square").source = "def square(x):\n    while True:\n        pass"
    _write(subs / "endless" / ASSIGNMENT, nb)

    nb = ref("memory_hog")   # 1.6 GB per call: over the class's cap below, so MemoryError
    _cell(nb, "square").source = "def square(x):\n    scratch = np.ones(2 * 10**8)\n    return x * x"
    _write(subs / "memory_hog" / ASSIGNMENT, nb)

    nb = ref("kills_kernel")
    _cell(nb, "square").source = "import os\nos._exit(1)"
    _write(subs / "kills_kernel" / ASSIGNMENT, nb)

    (subs / "bad id!" / ASSIGNMENT).mkdir(parents=True)

    before = _tree_digest(subs)
    logs = []
    results = grade(toy_course, subs, tmp_path / "out", db_path=tmp_path / "out" / "gradebook.db",
                    jobs=2, cell_timeout=15, memory_mb=MEMORY_CAP_MB, log=logs.append)
    return {"results": {r.student: r for r in results}, "out": tmp_path / "out", "logs": logs,
            "subs": subs, "before": before}


def _tree_digest(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(str(p.relative_to(folder)).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


#: Ways a student with a wrong ``square`` might try to pass its test anyway: all must fail.
TAMPERING = {
    "tamper_testing": "import numpy as np\nnp.testing.assert_allclose = lambda *a, **k: None",
    "tamper_abs": "import builtins\nbuiltins.abs = lambda x: 0",
    "tamper_helper": "import coursekit.checks as c\nc.check = lambda *a, **k: None\nc.fail = lambda *a: None\n"
                     "import sys\nsys.modules['coursekit.checks'] = type(sys)('fake')",
    "tamper_redefine": "class checks:\n    @staticmethod\n    def assert_close(*a, **k):\n        pass\n"
                       "np = None",
    # below: what a kernel-level attacker tries; each passed under in-kernel verdicts
    "tamper_code_swap": "import coursekit.checks as c\nfor name in ('assert_close', 'hand_out', 'fail'):\n"
                        "    if hasattr(c, name):\n"
                        "        getattr(c, name).__code__ = (lambda *a, **k: None).__code__",
    # swallow every exception: a custom handler with an empty traceback, shown by nobody
    "tamper_custom_exc": "ip = get_ipython()\n"
                         "ip.set_custom_exc((BaseException,), lambda self, etype, value, tb, tb_offset=None: [])\n"
                         "ip._showtraceback = lambda *a, **k: None",
    "tamper_ast": "import ast\nclass Gut(ast.NodeTransformer):\n    def visit_Module(self, node):\n"
                  "        node.body = [ast.Pass()]\n        return node\n"
                  "get_ipython().ast_transformers.append(Gut())",
    "tamper_input": "get_ipython().input_transformers_post.append("
                    "lambda lines: ['pass\\n'] if any('checks' in l for l in lines) else lines)",
    # a trace function that makes every check compare the expected value with itself
    "tamper_settrace": "import sys, threading\n"
                       "def tracer(frame, event, arg):\n"
                       "    if event == 'call' and 'expected' in frame.f_code.co_varnames:\n"
                       "        loc = frame.f_locals\n"
                       "        if 'actual' in loc and 'expected' in loc:\n"
                       "            loc['actual'] = loc['expected']\n"
                       "    return None\n"
                       "sys.settrace(tracer)\nthreading.settrace(tracer)",
    # forged kernel messages: errors never leave the kernel, every reply says ok, and a fake
    # execute_result claims 2 points (nbgrader reads a number there as partial credit)
    "tamper_forged_messages": "k = get_ipython().kernel\norig = k.session.send\n"
                              "def send(stream, msg, content=None, *a, **kw):\n"
                              "    if msg == 'error':\n        return None\n"
                              "    if msg == 'execute_reply' and content is not None:\n"
                              "        content = dict(content, status='ok')\n"
                              "    return orig(stream, msg, content, *a, **kw)\n"
                              "k.session.send = send\n"
                              "def fake(result):\n"
                              "    orig(k.iopub_socket, 'execute_result', {'data': {'text/plain': '2'}, 'metadata': {},\n"
                              "         'execution_count': 1}, parent=k.get_parent('shell'))\n"
                              "get_ipython().events.register('post_run_cell', fake)",
    # random inputs made zero, so that a function returning zeros for zeros looks right
    "tamper_random": "import numpy\n_square = square\n"
                     "def square(x):\n    numpy.random.randn = lambda *s: numpy.zeros(s)\n    return _square(x)",
}

#: Honest code that does odd things: full marks, and nothing hidden reaches the feedback.
ODD_BUT_CORRECT = {
    # prints every hidden test cell it can see, before and after each cell runs
    "prints_hidden_tests": "def _leak(*args):\n    print([s for s in In if 'BEGIN HIDDEN' in s])\n"
                           "get_ipython().events.register('pre_run_cell', lambda info: print(info.raw_cell))\n"
                           "get_ipython().events.register('post_run_cell', _leak)",
    # its own code quotes the hidden-test marker: nbgrader's ClearHiddenTests used to crash on it
    "quotes_the_marker": "# my notes: ### BEGIN HIDDEN TESTS is what the grader hides",
    # links and odd files in its working folder, made while running
    "makes_links": "import os\nos.symlink('/etc/passwd', 'leak.html')\nos.symlink('/etc/hostname', 'toy2.ipynb')\n"
                   "open('notes.html', 'w').write('<p>mine</p>')",
}

EXPECTED = {  # student: (test_double, test_square, reason fragment or None)
    "good": (1, 2, None),
    "invalid_json": (0, 0, "not valid notebook JSON"),
    "missing": (0, 0, "toy.ipynb is missing"),
    "renamed": (0, 0, "found toy_final.ipynb: was it renamed?"),
    "deleted_test": (1, 0, None),
    "edited_test": (1, 0, None),
    "retyped_test": (1, 0, None),
    "reordered": (1, 2, None),
    "stderr": (1, 2, None),
    "tamper": (1, 0, None),
    "endless": (1, 0, None),
    "memory_hog": (1, 0, None),
    "duplicated_test": (1, 0, None),
    **{name: (1, 0, None) for name in TAMPERING},
    **{name: (1, 2, None) for name in ODD_BUT_CORRECT},
    "kills_kernel": (0, 0, "could not autograde"),
}


def test_breaking_the_kernel_earns_nothing(graded_class):
    result = graded_class["results"]["tamper_isinstance"]
    assert result.scores["toy"]["test_square"] == 0
    assert result.status == "graded" or "could not autograde" in result.reason


def test_a_memory_hog_fails_only_its_own_test(graded_class):
    result = graded_class["results"]["memory_hog"]
    autograded = graded_class["out"] / "autograded" / "memory_hog" / ASSIGNMENT / "toy.ipynb"
    errors = [o for c in nbformat.read(autograded, as_version=4).cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert [e["evalue"] for e in errors] == ["the test stopped with MemoryError before checking square(3)"], \
        result.log[-2000:]


def test_a_duplicated_cell_is_noted(graded_class):
    assert graded_class["results"]["duplicated_test"].notes == [
        "toy.ipynb: cell test_square appears twice; only the last copy counts"]


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_each_awkward_submission_gets_the_right_score_and_reason(graded_class, student):
    result = graded_class["results"][student]
    double, square, reason = EXPECTED[student]
    assert result.scores["toy"] == {"test_double": double, "test_square": square}, result.log[-3000:]
    if reason:
        assert reason in result.reason
    else:
        assert result.status == "graded" and not result.reason


def test_bad_student_folder_is_reported_not_graded(graded_class):
    assert "bad id!" not in graded_class["results"]
    assert any("bad id!" in line and "not a valid student id" in line for line in graded_class["logs"])


def test_submissions_are_left_untouched(graded_class):
    assert _tree_digest(graded_class["subs"]) == graded_class["before"]


def test_gradebook_and_csv_hold_every_result(graded_class):
    out = graded_class["out"]
    with Gradebook(db_url(out / "gradebook.db")) as gb:
        totals = {s.student.id: s.score for s in gb.assignment_submissions(ASSIGNMENT)}
    assert {s: t for s, t in totals.items() if s in EXPECTED} == {s: float(d + q) for s, (d, q, _) in EXPECTED.items()}
    with open(out / "grades.csv") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert set(rows) == set(EXPECTED) | {"tamper_isinstance"}
    assert "appears twice" in rows["duplicated_test"]["notes"]
    assert rows["invalid_json"]["status"] == "failed" and "JSON" in rows["invalid_json"]["reason"]
    assert rows["good"]["score"] == "3" and rows["good"]["max_score"] == "3"
    with open(out / "grades_by_test.csv") as f:
        by_test = {(r["student"], r["test"]): r for r in csv.DictReader(f)}
    assert len(by_test) == 2 * len(rows)
    assert by_test["good", "test_square"]["message"].startswith("Passed")
    assert by_test["edited_test", "test_square"]["message"].startswith("square of an array: 1 of 2 values are wrong")
    assert "is not valid notebook JSON" in by_test["invalid_json", "test_square"]["message"]


def test_feedback_exists_for_everyone_and_hides_test_code(graded_class):
    out = graded_class["out"]
    for student in [*EXPECTED, "tamper_isinstance"]:
        page = out / "feedback" / student / ASSIGNMENT / "toy.html"
        assert page.exists(), student
        html = page.read_text()
        for marker in HIDDEN_MARKERS:
            if not (student == "quotes_the_marker" and marker == "BEGIN HIDDEN TESTS"):
                assert marker not in html, (student, marker)
        # only the notebook's page, whatever the kernel left in its folder
        assert sorted(p.name for p in page.parent.iterdir()) == ["toy.html"], student
    assert "what the grader hides" in (out / "feedback" / "quotes_the_marker" / ASSIGNMENT / "toy.html").read_text()
    tamper = (out / "feedback" / "edited_test" / ASSIGNMENT / "toy.html").read_text()
    # the failed check is named in plain words, with our verdict only: no traceback
    assert "CheckFailed: square of an array: 1 of 2 values are wrong" in tamper
    assert "most recent call last" not in tamper and "hidden-only" not in tamper


def test_grading_without_building_says_what_to_run(tmp_path):
    """``build_missing=False``: no building, the command to run instead (test_formgrader.py
    grades a fresh clone, which builds)."""
    from toy_course import make_course
    course = Course(make_course(tmp_path / "c"))
    (tmp_path / "subs").mkdir()
    with pytest.raises(CourseError, match="run `python -m autograder build` first"):
        grade(course, tmp_path / "subs", tmp_path / "out", build_missing=False, log=lambda *_: None)
    assert not (tmp_path / "c" / "bundles").exists() and not (tmp_path / "c" / "gradebook.db").exists()


def test_student_self_check_lists_each_function(toy_course, tmp_path):
    from autograder.check import check_notebook
    lines = []
    assert check_notebook(toy_course.release_dir / ASSIGNMENT / "toy.ipynb", log=lines.append) == 2
    assert lines == ["toy.ipynb:", "  double    not attempted", "  square    not attempted",
                     "0 of 2 functions pass their visible tests"]
    ref = samples.write_submission(toy_course, ASSIGNMENT, "reference", tmp_path / "ref")
    nb = nbformat.read(ref / "toy.ipynb", as_version=4)
    _cell(nb, "square").source = "def square(x):\n    ### START CODE HERE ###\n    return x + x\n    ### END CODE HERE ###"
    nbformat.write(nb, ref / "buggy.ipynb")
    lines.clear()
    assert check_notebook(ref / "buggy.ipynb", log=lines.append) == 1
    assert lines[1] == "  double    pass"
    assert lines[2] == "  square    FAIL           AssertionError: square(3): 1 of 1 values are wrong; at index () expected 9, got 6"
    assert lines[3] == "1 of 2 functions pass their visible tests"
    lines.clear()
    assert check_notebook(ref / "toy.ipynb", log=lines.append) == 0
    assert lines[-1] == "2 of 2 functions pass their visible tests; the grader also runs hidden tests"


def test_check_command_prints_no_kernel_noise(toy_course, capfd):
    from autograder.cli import main
    assert main(["check", str(toy_course.release_dir / ASSIGNMENT / "toy.ipynb")]) == 1
    out, err = capfd.readouterr()
    assert "0 of 2 functions pass" in out and "TCP" not in out + err and "WARNING" not in out + err
