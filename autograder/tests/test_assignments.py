"""The three real assignments through the real pipeline: nbgrader builds each release in a
scratch copy of the course, then the reference solution must earn full marks, the untouched
release zero, and the buggy sample must lose exactly the points of the functions it breaks."""
import shutil

import pytest

from autograder import samples
from autograder.build import build
from autograder.course import Course
from autograder.validate import validate

COURSE = Course()


@pytest.fixture(scope="module")
def scratch_course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    course = Course(root)
    shutil.copytree(COURSE.source_dir, course.source_dir)
    shutil.copytree(COURSE.root / "autograder" / "samples", root / "autograder" / "samples")
    shutil.copy(COURSE.config_file, course.config_file)
    build(course, log=lambda *_: None)
    return course


@pytest.mark.parametrize("assignment", COURSE.assignments())
def test_samples_are_graded_exactly_as_expected(scratch_course, assignment):
    assert samples.bugs(scratch_course, assignment), f"{assignment} needs a buggy sample"
    problems, results = validate(scratch_course, [assignment], log=print)
    assert problems == []
    by_student = {r.student: r for r in results}
    assert {"reference", "untouched", "buggy"} <= set(by_student)
    assert 0 < by_student["buggy"].score < by_student["reference"].score == by_student["reference"].max_score
