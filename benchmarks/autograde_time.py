"""How long does grading one submission take?  Budgets: ``[budgets] autograde_s`` of each
assignment's manifest.toml (2 cores).

For each assignment, the reference submission is graded alone in its workspace, REPEAT times
(median reported), next to the toy course of autograder/tests as a baseline: what nbgrader and
a fresh kernel cost before any assignment code runs.  Grading = ``nbgrader autograde`` +
``nbgrader generate_feedback`` in a workspace rebuilt from the grading job, as ``python -m
autograder grade`` does.  Each
grading runs twice, with the kernel sandboxed (as ``grade`` does by default) and unconfined
(``--no-sandbox``), side by side; budgets apply to the sandboxed time.

    .venv/bin/python benchmarks/autograde_time.py [--repeat 3] [ASSIGNMENT ...]

Needs a built course (``python -m autograder build``).
"""
import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "autograder" / "tests"))

from autograder import samples  # noqa: E402
from autograder.build import build  # noqa: E402
from autograder.course import Course  # noqa: E402
from autograder.bundle import load_bundle, pack  # noqa: E402
from autograder.sandbox import preflight  # noqa: E402
from autograder.job import job_from_folder, run_job  # noqa: E402
from autograder.manifest import load_manifest  # noqa: E402


def time_reference(course, assignment, repeat, tmp: Path):
    """``{sandbox: [(autograde s, whole workspace s)]}`` for ``repeat`` isolated gradings of the
    reference, sandboxed (True) and not (False), alternating."""
    bundle = pack(load_bundle(course, assignment))
    submission = samples.write_submission(course, assignment, "reference", tmp / "subs" / assignment)
    seconds = {True: [], False: []}
    for i in range(repeat):
        for sandbox in (True, False):
            result = run_job(job_from_folder(submission, "bench", assignment, bundle, sandbox=sandbox)).result
            if result.score != result.max_score:
                raise SystemExit(f"{assignment}: reference scored {result.score}/{result.max_score} "
                                 f"(sandbox={sandbox}): {result.reason}")
            seconds[sandbox].append((result.autograde_seconds, result.seconds))
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    course = Course()
    print(preflight())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        from toy_course import make_course
        toy = Course(make_course(tmp / "toy"))
        build(toy, log=lambda *_: None)
        rows.append(("toy (baseline)", _medians(time_reference(toy, "toy", args.repeat, tmp / "toyrun")), None))
        for assignment in course.check_assignments(args.assignments):
            times = time_reference(course, assignment, args.repeat, tmp / assignment)
            rows.append((assignment, _medians(times), load_manifest(course, assignment).budgets.get("autograde_s")))
    baseline = rows[0][1][0]
    print(f"median of {args.repeat} runs; autograde = `nbgrader autograde`, whole = + workspace set-up and feedback; "
          "sandboxed (default) and --no-sandbox")
    print(f"{'assignment':<18} {'autograde s':>11} {'no sandbox':>10} {'whole s':>8} {'no sandbox':>10} "
          f"{'budget s':>9} {'autograde/budget':>17} {'autograde/toy':>14}")
    for name, (autograde, bare, whole, whole_bare), budget in rows:
        ratio = f"{autograde / budget:.2f}" if budget else "-"
        print(f"{name:<18} {autograde:>11.1f} {bare:>10.1f} {whole:>8.1f} {whole_bare:>10.1f} {budget or '-':>9} "
              f"{ratio:>17} {autograde / baseline:>14.2f}")


def _medians(times):
    """(autograde sandboxed, not, whole sandboxed, not): medians."""
    return tuple(statistics.median(t[k] for t in times[sandbox]) for k in (0, 1) for sandbox in (True, False))


if __name__ == "__main__":
    main()
