"""The three real assignments through the real pipeline: nbgrader builds each release in a
scratch copy of the course, then the reference solution must earn full marks, the untouched
release zero, and the buggy sample must lose exactly the points of the functions it breaks."""
import shutil

import nbformat
import pytest

from autograder import samples
from autograder.build import build
from autograder.bundle import load_bundle
from autograder.course import Course
from autograder.notebook import nbgrader_meta
from autograder.validate import validate
from autograder.workspace import grade_submission

COURSE = Course()


@pytest.fixture(scope="module")
def scratch_course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    course = Course(root)
    shutil.copytree(COURSE.source_dir, course.source_dir)   # notebooks, manifests and grading/
    shutil.copy(COURSE.config_file, course.config_file)
    build(course, log=lambda *_: None)
    return course


@pytest.mark.parametrize("assignment", COURSE.assignments())
def test_samples_are_graded_exactly_as_expected(scratch_course, assignment):
    assert samples.buggy_mutants(scratch_course, assignment), f"{assignment} needs a buggy sample"
    problems, results = validate(scratch_course, [assignment], log=print)
    assert problems == []
    by_student = {r.student: r for r in results}
    assert {"reference", "untouched", "buggy"} <= set(by_student)
    assert 0 < by_student["buggy"].score < by_student["reference"].score == by_student["reference"].max_score


ATTACK = '''import numpy as np
from coursekit import checks


def zero_pad(X, pad):
    ### START CODE HERE ###
    return checks.trusted("zero_pad")["zero_pad"](X, pad)   # delegate to the grader's own copy?
    ### END CODE HERE ###
'''


def test_real_grading_inlines_from_the_bundle_and_a_student_cannot_delegate(scratch_course, tmp_path):
    """A1 through nbgrader autograde (workspace, bundle): test cells get the inlined helpers
    (InlineTrusted), the feedback shows none of them, and a student's zero_pad that asks for
    the trusted one earns nothing, while the cells that use the trusted zero_pad keep their points."""
    course, assignment = scratch_course, "a1_conv_numpy"
    bundle = load_bundle(course, assignment)
    assert bundle.trusted.exists()
    folder = samples.write_submission(course, assignment, "reference", tmp_path / "sub",
                                      replacements={"zero_pad": ATTACK})
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = grade_submission(bundle, "mallory", assignment, files, tmp_path / "ws", sandbox=True)
    scores = result.scores["conv_step_by_step"]
    assert result.status == "graded", result.reason
    assert scores["test_zero_pad"] == 0
    assert all(score == result.max_scores["conv_step_by_step"][cell] for cell, score in scores.items()
               if cell != "test_zero_pad"), scores
    autograded = nbformat.read(tmp_path / "ws" / "autograded" / "mallory" / assignment / "conv_step_by_step.ipynb",
                               as_version=4)
    sources = {nbgrader_meta(c).get("grade_id"): c.source for c in autograded.cells}
    assert "def _trusted_zero_pad(" in sources["test_conv_forward"]
    assert "checks.trusted" not in sources["test_conv_forward"]
    assert "checks.trusted" in sources["zero_pad"]              # the student's call stays a call
    feedback = next((tmp_path / "ws" / "feedback").rglob("*.html")).read_text()
    assert "_trusted_" not in feedback and "checks.trusted" not in feedback
