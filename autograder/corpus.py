"""Is the grader right?  Run a corpus of wrong and of correct implementations through the
notebook's own test cells, many per kernel.

For each assignment, ``autograder/samples/<assignment>.py`` may define

- ``MUTANTS = {solution_cell: {name: source | {"source": ..., "loses": [test cells]}}}`` —
  realistic bugs; each must fail the test cells it names (default: ``test_<solution_cell>``)
  and, ideally, no other;
- ``VARIANTS = {solution_cell: {name: source}}`` — other correct implementations (vectorised,
  fused activation, other layer names...); each must pass every test cell.

One kernel runs the source notebook (solutions and hidden tests, as under ``nbgrader
autograde``: guard installed at start-up, ``NBGRADER_EXECUTION=autograde``); what its test
cells hand out is the expected value every candidate is judged against, outside the kernel, by
:mod:`autograder.verdict` (as the grader does with the expected file made at build).  Then,
for each candidate, the candidate replaces its solution cell, its own test cells run again
(every test cell with ``all_tests``, to see collateral damage), and the reference solution
cells run again to restore the kernel.  The buggy and variant samples of
:mod:`autograder.validate` send a sample of the corpus through full ``nbgrader autograde``.
"""
import runpy
import time
from dataclasses import dataclass, field

import nbformat

from .course import Course
from .expected import grading_client, grading_env, reference_handouts
from .notebook import is_solution, is_test, nbgrader_meta, visible_part
from .verdict import Check, judge_cell


@dataclass
class Candidate:
    assignment: str
    cell: str            # grade_id of the solution cell it replaces
    name: str
    source: str
    kind: str            # "mutant" or "variant"
    loses: tuple = ()    # for a mutant: the test cells it must fail


@dataclass
class Outcome:
    candidate: Candidate
    failed: list = field(default_factory=list)   # test cells the verdict failed
    errors: dict = field(default_factory=dict)   # test cell -> the verdict's message
    crashed: list = field(default_factory=list)  # failed ones that stopped with an error
    all_tests: bool = False                      # every test cell ran, not only its own
    broken: str = ""                             # the candidate's own cell raised: a corpus error
    visible_failed: list = field(default_factory=list)  # own test cells whose VISIBLE part failed

    @property
    def ok(self):
        """Mutant: fails every test it names.  Variant: fails none.  A candidate whose own
        source does not run is neither (an error of the corpus, not a catch)."""
        if self.broken:
            return False
        if self.candidate.kind == "variant":
            return not self.failed
        return set(self.candidate.loses) <= set(self.failed)

    @property
    def caught_by_check(self):
        """A caught mutant whose named tests all failed on a check, not by crashing."""
        return self.ok and self.candidate.kind == "mutant" and not set(self.candidate.loses) & set(self.crashed)

    @property
    def caught_visibly(self):
        """A mutant that the visible part of one of its tests already fails, in a student's own
        run: the student sees the bug before submitting."""
        return self.candidate.kind == "mutant" and not self.broken and bool(self.visible_failed)

    @property
    def collateral(self):
        """Test cells a mutant failed beyond the ones it names (grading one function
        should not cost another function's points); measured only with ``all_tests``."""
        return sorted(set(self.failed) - set(self.candidate.loses)) if self.candidate.kind == "mutant" else []


def load_corpus(course: Course, assignment):
    """All :class:`Candidate` of an assignment's sample module (mutants first)."""
    path = course.root / "autograder" / "samples" / f"{assignment}.py"
    if not path.exists():
        return []
    module = runpy.run_path(str(path))
    found = []
    for kind, table in (("mutant", module.get("MUTANTS", {})), ("variant", module.get("VARIANTS", {}))):
        for cell, entries in table.items():
            for name, entry in entries.items():
                if isinstance(entry, str):
                    entry = {"source": entry}
                loses = tuple(entry.get("loses", [f"test_{cell}"])) if kind == "mutant" else ()
                found.append(Candidate(assignment, cell, name, entry["source"], kind, loses))
    return found


def run_corpus(course: Course, assignment, candidates, *, all_tests=False, timeout=300, sandbox=True,
               log=print):
    """Run ``candidates`` against the source notebook's test cells; return their outcomes.

    A candidate meets its own test cells (``loses``, or ``test_<cell>``); with ``all_tests``
    every test cell, so that :attr:`Outcome.collateral` is meaningful.  The kernel runs
    sandboxed (:mod:`autograder.sandbox`) unless ``sandbox=False``."""
    from .sandbox import kernel_manager_class, preflight
    if sandbox:
        preflight()
    notebooks = course.notebooks(assignment)
    outcomes = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        cells = {nbgrader_meta(c).get("grade_id"): (i, c) for i, c in enumerate(nb.cells)}
        mine = [c for c in candidates if c.cell in cells]
        if not mine:
            continue
        tests = [(i, c) for i, c in enumerate(nb.cells) if is_test(c)]
        # one cell that re-runs every reference solution: restores whatever a candidate rebound
        restore = nbformat.v4.new_code_cell("\n\n".join(
            c.source for c in nb.cells if is_solution(c) and c.cell_type == "code"))
        client = grading_client(nb, path.parent, timeout=timeout, kernel_manager_class=kernel_manager_class(sandbox))
        started = time.monotonic()
        with client.setup_kernel(env=grading_env()):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
            # what the reference hands out here is what every candidate is judged against
            expected = {cell: [Check.from_record(r) for r in records] for cell, records in
                        reference_handouts(nb, f"{assignment}/{path.name}").items()}
            for candidate in mine:
                index, _ = cells[candidate.cell]
                trial = nbformat.v4.new_code_cell(candidate.source)
                client.execute_cell(trial, index)
                outcome = Outcome(candidate, all_tests=all_tests, broken=_error(trial))
                own = set(candidate.loses) or {f"test_{candidate.cell}"}
                for t_index, test in tests:
                    if not all_tests and nbgrader_meta(test)["grade_id"] not in own:
                        continue
                    run = nbformat.v4.new_code_cell(test.source, metadata=test.metadata)
                    client.execute_cell(run, t_index)
                    name = nbgrader_meta(test)["grade_id"]
                    verdict = judge_cell(expected[name], run)
                    if not verdict.passed:
                        outcome.failed.append(name)
                        outcome.errors[name] = verdict.message[:200]
                        if verdict.crashed:
                            outcome.crashed.append(name)
                if candidate.kind == "mutant":
                    _run_visible(client, [(i, t) for i, t in tests if nbgrader_meta(t)["grade_id"] in own],
                                 outcome, index)
                client.execute_cell(restore, index)
                if _error(restore):
                    raise RuntimeError(f"{assignment}: restoring the reference after {candidate.name} failed")
                restore.outputs = []
                outcomes.append(outcome)
        log(f"{assignment}/{path.name}: {len(mine)} candidates in {time.monotonic() - started:.0f} s")
    return outcomes


_AS_STUDENT = "import os\nos.environ['NBGRADER_EXECUTION'] = 'validate'"
_AS_GRADER = "import os\nos.environ['NBGRADER_EXECUTION'] = 'autograde'"


def _run_visible(client, tests, outcome, index):
    """Run the visible part of ``tests`` as in a student's own run (checks raise in the
    kernel); record which fail."""
    client.execute_cell(nbformat.v4.new_code_cell(_AS_STUDENT), index)
    for t_index, test in tests:
        run = nbformat.v4.new_code_cell(visible_part(test.source), metadata=test.metadata)
        client.execute_cell(run, t_index)
        if _error(run):
            outcome.visible_failed.append(nbgrader_meta(test)["grade_id"])
    client.execute_cell(nbformat.v4.new_code_cell(_AS_GRADER), index)


def _error(cell):
    """The last line of the cell's error, or '' when it ran cleanly."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.get('ename')}: {output.get('evalue', '')}"[:200]
    return ""


def report(outcomes, markdown=False):
    """Per (assignment, solution cell): mutants caught / total, of which caught by a check
    (not by a crash), caught already by the visible tests of a student's own run, collateral
    ("-" unless measured, with ``all_tests``), variants accepted / total.  Text, or Markdown
    for the README."""
    rows = {}
    for o in outcomes:
        c = o.candidate
        row = rows.setdefault((c.assignment, c.cell), [0, 0, 0, 0, 0, 0, 0])
        if c.kind == "mutant":
            row[0] += o.ok
            row[1] += 1
            row[2] += o.caught_by_check
            row[3] += o.caught_visibly
            row[4] += bool(o.collateral)
        else:
            row[5] += o.ok
            row[6] += 1
    totals = [sum(column) for column in zip(*rows.values())] if rows else [0] * 7
    body = sorted(rows.items()) + [(("TOTAL", ""), totals)]
    cells = [(key, [f"{r[0]}/{r[1]}", f"{r[2]}", f"{r[3]} ({100 * r[3] // max(r[1], 1)}%)",
                    f"{r[4]}" if all(o.all_tests for o in outcomes) else "-", f"{r[5]}/{r[6]}"])
             for key, r in body]
    headers = ["mutants caught", "by a check", "by visible tests", "with collateral", "variants accepted"]
    if markdown:
        lines = ["| assignment | function | " + " | ".join(headers) + " |",
                 "| --- | --- | " + " | ".join("---:" for _ in headers) + " |"]
        for (assignment, cell), r in cells:
            lines.append(f"| {assignment} | {'`' + cell + '`' if cell else ''} | " + " | ".join(r) + " |")
        return "\n".join(lines)
    a = max(len("assignment"), *(len(k[0]) for k, _ in cells))
    f = max(len("function"), *(len(k[1]) for k, _ in cells))
    lines = [f"{'assignment':<{a}}  {'function':<{f}}  " + "  ".join(headers)]
    for (assignment, cell), r in cells:
        lines.append(f"{assignment:<{a}}  {cell:<{f}}  " + "  ".join(v.rjust(len(h)) for v, h in zip(r, headers)))
    return "\n".join(lines)


def failures(outcomes):
    """Sentences for every mutant not caught, every variant rejected and every candidate
    that does not even run."""
    out = []
    for o in outcomes:
        c = o.candidate
        if o.broken:
            out.append(f"corpus error: {c.kind} {c.assignment}/{c.cell}/{c.name} does not run ({o.broken})")
        elif not o.ok and c.kind == "mutant":
            out.append(f"mutant {c.assignment}/{c.cell}/{c.name} passes {sorted(set(c.loses) - set(o.failed))}")
        elif not o.ok:
            out.append(f"variant {c.assignment}/{c.cell}/{c.name} fails " +
                       "; ".join(f"{t} ({o.errors[t]})" for t in o.failed))
    return out
