"""The assignment manifest (autograder.manifest) and what never leaves the course: grading/."""
import json
import shutil

import pytest

from autograder import samples
from autograder.build import build, check_points
from autograder.bundle import load_bundle
from autograder.course import Course, CourseError
from autograder.manifest import load_manifest
from toy_course import ASSIGNMENT, GRADING_MARKERS

COURSE = Course()


@pytest.fixture
def course_copy(toy_course, tmp_path):
    course = Course(tmp_path / "course")
    shutil.copytree(toy_course.root, course.root)
    return course


def _write(course, text):
    (course.source_dir / ASSIGNMENT / "manifest.toml").write_text(text)


def test_the_toy_manifest(toy_course):
    manifest = load_manifest(toy_course, ASSIGNMENT)
    assert manifest.points == 3 and manifest.buggy == ("square.abs",) and manifest.budgets == {}
    assert [m.key for m in samples.buggy_mutants(toy_course, ASSIGNMENT)] == ["square.abs"]


@pytest.mark.parametrize("text, message", [
    ("point = 3\n", r"unknown key\(s\) point"),
    ("points = 0\n", "points must be a positive number"),
    ("[budgets]\nautograde = 3\n", r"\[budgets\]: unknown key\(s\) autograde"),
    ("[budgets]\nautograde_s = -1\n", "autograde_s must be positive"),
    ("[limits]\nmemory_mb = 'lots'\n", "memory_mb must be non-negative"),
    ("[samples]\nbuggy = 'square.abs'\n", "buggy must be a list"),
    ("[samples]\nbuggy = ['square.abs', 'square.plus']\n", "one mutant per solution cell"),
    ("limits = 3\n", "limits must be a table"),
    ("points = \n", "manifest.toml"),
])
def test_a_bad_manifest_is_a_clear_course_error(course_copy, text, message):
    _write(course_copy, text)
    with pytest.raises(CourseError, match=message):
        load_manifest(course_copy, ASSIGNMENT)


def test_build_checks_the_points_and_the_buggy_names(course_copy):
    _write(course_copy, "points = 4\n")
    assert check_points(course_copy, ASSIGNMENT) == [
        "toy: the notebook's test cells are worth 3 points, the manifest says points = 4; change one of them"]
    with pytest.raises(CourseError, match="worth 3 points"):
        build(course_copy, log=lambda *_: None)
    _write(course_copy, "[samples]\nbuggy = ['square.nope']\n")
    with pytest.raises(CourseError, match="names square.nope, which grading/mutants.toml does not define"):
        samples.buggy_mutants(course_copy, ASSIGNMENT)


@pytest.mark.parametrize("assignment", COURSE.assignments())
def test_every_shipped_manifest_is_consistent(assignment):
    manifest = load_manifest(COURSE, assignment)
    assert manifest.points and check_points(COURSE, assignment) == []
    assert manifest.budgets.get("autograde_s")
    assert samples.buggy_mutants(COURSE, assignment)        # every name a mutant that applies


def test_no_grading_material_reaches_the_release_or_the_bundle(toy_course):
    bundle = load_bundle(toy_course, ASSIGNMENT)
    for folder in (toy_course.release_dir / ASSIGNMENT, bundle.folder):
        files = [p for p in folder.rglob("*") if p.is_file()]
        assert files
        for path in files:
            assert "grading" not in path.relative_to(folder).parts
            assert path.name not in ("mutants.toml", "manifest.toml", "manifest.json")
            text = path.read_bytes().decode("utf-8", "replace")
            if path.suffix == ".ipynb":    # the notebook holds code; what is in its cells counts
                text = json.dumps([c["source"] for c in json.loads(text)["cells"]])
            for marker in GRADING_MARKERS:
                assert marker not in text, f"{path} holds {marker!r}"
