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
    assert report(outcomes, markdown=True).splitlines()[-1] == "| TOTAL |  | 3/3 | 3 | 2 (66%) | - | 2/2 |"


def test_runner_reports_a_missed_mutant_a_rejected_variant_and_collateral(toy_course):
    candidates = [
        Candidate(ASSIGNMENT, "square", "actually_correct", "def square(x):\n    return x * x", "mutant", ("test_square",)),
        Candidate(ASSIGNMENT, "square", "actually_wrong", "def square(x):\n    return 2 * x", "variant"),
        Candidate(ASSIGNMENT, "double", "breaks_square_too",
                  "def double(x):\n    return 3 * x\nsquare = None", "mutant", ("test_double",)),
        Candidate(ASSIGNMENT, "square", "stale", "def square(x):\n    return x * undefined_name\nsquare(1)",
                  "mutant", ("test_square",)),
        Candidate(ASSIGNMENT, "square", "crashes", "def square(x):\n    return x.nope", "mutant", ("test_square",)),
    ]
    outcomes = run_corpus(toy_course, ASSIGNMENT, candidates, all_tests=True, log=lambda *_: None)
    problems = failures(outcomes)
    assert any("mutant toy/square/actually_correct passes ['test_square']" in p for p in problems)
    assert any(p.startswith("variant toy/square/actually_wrong fails test_square") for p in problems)
    assert outcomes[2].ok and outcomes[2].collateral == ["test_square"]
    # a candidate that does not run is an error of the corpus, never a catch
    assert not outcomes[3].ok and any(p.startswith("corpus error: mutant toy/square/stale does not run (NameError")
                                      for p in problems)
    # caught, but by a crash of the test rather than by a check
    assert outcomes[4].ok and not outcomes[4].caught_by_check and outcomes[4].crashed == ["test_square"]
    assert outcomes[2].caught_by_check


COURSE = Course()


@pytest.mark.parametrize("assignment", COURSE.assignments())
def test_shipped_corpus_is_fully_caught_and_accepted(assignment, capsys):
    corpus = load_corpus(COURSE, assignment)
    assert corpus, f"{assignment} ships no mutant/variant corpus (autograder/samples/{assignment}.py)"
    # every test cell for every candidate: the README promises one bug costs one function's points
    outcomes = run_corpus(COURSE, assignment, corpus, all_tests=True, log=lambda *_: None)
    with capsys.disabled():   # the mutation report belongs in the CI log, pass or fail
        print("\n" + report(outcomes))
    assert failures(outcomes) == []
    assert {f"{o.candidate.cell}/{o.candidate.name}": o.collateral for o in outcomes if o.collateral} == {}
    # a student's own run (visible tests only) already shows most bugs, and some for every function
    mutants = [o for o in outcomes if o.candidate.kind == "mutant"]
    assert sum(o.caught_visibly for o in mutants) >= 0.8 * len(mutants)
    assert {o.candidate.cell for o in mutants} == {o.candidate.cell for o in mutants if o.caught_visibly}


def test_report_command_prints_the_markdown_table(toy_course, capsys):
    from autograder.cli import main
    assert main(["--course", str(toy_course.root), "mutation-report", "--all-tests", "--markdown"]) == 0
    out = capsys.readouterr().out
    # collateral measured: 0; x * abs(x) passes the visible square(3) and only the hidden test catches it
    assert "| toy | `square` | 2/2 | 2 | 1 (50%) | 0 | 2/2 |" in out
    assert out.rstrip().endswith("| TOTAL |  | 3/3 | 3 | 2 (66%) | 0 | 2/2 |")
