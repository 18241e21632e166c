"""The mutant / correct-variant runner, on the toy course and on the shipped corpora."""
import pytest

from autograder.corpus import Candidate, failures, load_corpus, report, run_corpus
from autograder.course import Course
from toy_course import ASSIGNMENT


def test_toy_corpus_is_fully_caught_and_accepted(toy_course):
    corpus = load_corpus(toy_course, ASSIGNMENT)
    assert {(c.kind, c.cell, c.name) for c in corpus} >= {("mutant", "square", "abs"), ("variant", "square", "power")}
    outcomes = run_corpus(toy_course, ASSIGNMENT, corpus, log=lambda *_: None)
    assert failures(outcomes) == []
    assert "3/3" in report(outcomes).splitlines()[-1]


def test_runner_reports_a_missed_mutant_a_rejected_variant_and_collateral(toy_course):
    candidates = [
        Candidate(ASSIGNMENT, "square", "actually_correct", "def square(x):\n    return x * x", "mutant", ("test_square",)),
        Candidate(ASSIGNMENT, "square", "actually_wrong", "def square(x):\n    return 2 * x", "variant"),
        Candidate(ASSIGNMENT, "double", "breaks_square_too",
                  "def double(x):\n    return 3 * x\nsquare = None", "mutant", ("test_double",)),
    ]
    outcomes = run_corpus(toy_course, ASSIGNMENT, candidates, all_tests=True, log=lambda *_: None)
    problems = failures(outcomes)
    assert any("mutant toy/square/actually_correct passes ['test_square']" in p for p in problems)
    assert any(p.startswith("variant toy/square/actually_wrong fails test_square") for p in problems)
    assert outcomes[2].ok and outcomes[2].collateral == ["test_square"]


COURSE = Course()


@pytest.mark.parametrize("assignment", COURSE.assignments())
def test_shipped_corpus_is_fully_caught_and_accepted(assignment):
    corpus = load_corpus(COURSE, assignment)
    if not corpus:
        pytest.skip(f"{assignment} ships no mutant/variant corpus yet")
    outcomes = run_corpus(COURSE, assignment, corpus, log=print)
    print(report(outcomes))
    assert failures(outcomes) == []
