"""The mutant / correct-variant runner, on the toy course and on the shipped corpora."""
import shutil

import pytest

from autograder.corpus import Candidate, failures, load_corpus, report, run_corpus
from autograder.course import Course, CourseError
from toy_course import ASSIGNMENT, SQUARE


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


def test_toy_corpus_is_made_from_the_notebooks_own_solution_cells(toy_course):
    corpus = {c.key: c for c in load_corpus(toy_course, ASSIGNMENT)}
    abs_ = corpus["square.abs"]
    assert abs_.source == SQUARE.replace("y = x * x", "y = x * abs(x)") and abs_.loses == ("test_square",)
    assert abs_.why.startswith("x * abs(x)")
    sneaky = corpus["double.sneaky"]      # a file: its docstring says why, the rest is the source
    assert sneaky.why == "Adds 2 instead of multiplying by 2." and sneaky.source == "def double(x):\n    return x + 2\n"
    assert [c.name for c in corpus.values() if c.kind == "variant"] == ["numpy", "power"]
    assert not any(c.error for c in corpus.values())


def test_a_stale_mutant_is_a_corpus_error_never_a_catch(toy_course, tmp_path):
    course = Course(tmp_path / "course")
    shutil.copytree(toy_course.root, course.root)
    grading = course.source_dir / ASSIGNMENT / "grading"
    with open(grading / "mutants.toml", "a") as f:
        f.write('\n[square.stale]\nwhy = "edits a line the solution no longer has"\n'
                'edits = [["y = x * x", "y = x + 1"], ["return x", "return 0"]]\n'
                '\n[square.gone]\nfile = "mutants/square/gone.py"\n'
                '\n[cube.orphan]\nwhy = "a function the notebook no longer has"\nedits = [["x", "y"]]\n')
    (grading / "variants" / "square" / "undocumented.py").write_text("def square(x):\n    return x * x\n")
    corpus = load_corpus(course, ASSIGNMENT)
    errors = {c.key: c.error for c in corpus if c.error}
    assert errors == {"square.stale": "edit 2 no longer applies: 'return x' is not in the solution cell",
                      "square.gone": "file mutants/square/gone.py is missing",
                      "cube.orphan": "no solution cell 'cube' in the notebook",
                      "square.undocumented": "variants/square/undocumented.py needs a module docstring saying why"}
    stale = [c for c in corpus if c.error]
    outcomes = run_corpus(course, ASSIGNMENT, stale, log=lambda *_: None)
    assert [o.ok for o in outcomes] == [False] * 4 and not any(o.caught_by_check for o in outcomes)
    problems = failures(outcomes)
    assert "corpus error: mutant toy/square/stale: edit 2 no longer applies: 'return x' is not in the solution cell" \
        in problems and len(problems) == 4
    assert report(outcomes).splitlines()[-1].split()[1] == "0/3"    # counted, never caught
    (grading / "mutants.toml").write_text('[square.bad]\nwhy = "x"\nedit = [["a", "b"]]\n')
    with pytest.raises(CourseError, match=r"\[square.bad\]: unknown key\(s\) edit"):
        load_corpus(course, ASSIGNMENT)


COURSE = Course()


@pytest.mark.parametrize("assignment", COURSE.assignments())
def test_shipped_corpus_is_fully_caught_and_accepted(assignment, capsys):
    corpus = load_corpus(COURSE, assignment)
    assert corpus, f"{assignment} ships no mutant/variant corpus (assignments/{assignment}/grading/)"
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
