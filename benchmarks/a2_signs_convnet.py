"""Time Assignment 2 (a2_signs_convnet) against its budgets.

    python benchmarks/a2_signs_convnet.py [--skip-student] [--skip-autograde] [--skip-grade]

(a) student: the source notebook run top to bottom as a student runs it (no
    NBGRADER_EXECUTION): 100 epochs of training. Budget 120 s on 2 cores. Also prints the cost
    after epoch 0 and the train/test accuracies the run reached.
(b) autograde mode: the same notebook executed with NBGRADER_EXECUTION=autograde (the training
    cell shortens itself), kernel start included. Budget 30 s.
(c) grade: one reference submission through the real pipeline (``nbgrader generate_assignment``
    and ``nbgrader autograde`` via :mod:`autograder`), in a throw-away copy of the course so that
    nothing in the repository is written. Budget 30 s; nbgrader's own start-up is included.

The SIGNS files are found as the notebook finds them (SIGNS_DATA_DIR, ./datasets, the repository's
datasets folder). Timings depend on the machine and on what else runs on it: run it alone. The
CPU time of the processes involved is printed too (it includes (c)'s release build); on an
otherwise idle 2-core machine the wall time lies roughly between half of it and all of it.
"""
import argparse
import os
import resource
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "a2_signs_convnet"
NOTEBOOK = ROOT / "assignments" / ASSIGNMENT / "signs_convnet.ipynb"
BUDGET_STUDENT_S = 120.0
BUDGET_AUTOGRADE_S = 30.0


def execute(mode):
    """Run the source notebook in a temp copy of its folder; return (seconds, executed notebook)."""
    env_before = dict(os.environ)
    os.environ.pop("NBGRADER_EXECUTION", None)
    if mode == "autograde":
        os.environ["NBGRADER_EXECUTION"] = "autograde"
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    try:
        with tempfile.TemporaryDirectory(prefix="bench-a2-") as tmp:
            work = Path(tmp) / ASSIGNMENT
            shutil.copytree(NOTEBOOK.parent, work)
            nb = nbformat.read(work / NOTEBOOK.name, as_version=4)
            client = NotebookClient(nb, timeout=600, kernel_name="python3",
                                    resources={"metadata": {"path": str(work)}})
            start = time.perf_counter()
            client.execute()
            return time.perf_counter() - start, nb
    finally:
        os.environ.clear()
        os.environ.update(env_before)


def problems_in(nb):
    """Errors anywhere, and stderr in test cells (nbgrader would score those cells 0)."""
    found = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"{meta.get('grade_id', 'cell')}: {out.get('ename')}: {out.get('evalue')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr" and meta.get("grade"):
                found.append(f"{meta.get('grade_id')}: wrote to stderr: {out.get('text')[:200]!r}")
    return found


def training_figures(nb):
    """Cost after epoch 0 and the accuracies printed by the training cell."""
    text = ""
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "train_signs":
            text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
    figures = {}
    for key, pattern in [("cost after epoch 0", r"Cost after epoch 0: ([0-9.]+)"),
                         ("train accuracy", r"Train Accuracy: ([0-9.]+)"),
                         ("test accuracy", r"Test Accuracy: ([0-9.]+)")]:
        match = re.search(pattern, text)
        figures[key] = float(match.group(1)) if match else None
    return figures


def children_cpu():
    """CPU seconds (user + system) used so far by finished child processes (kernels, nbgrader)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report(label, seconds, budget, cpu=None):
    line = f"{label}: {seconds:.1f} s  ({seconds / budget:.2f} of the {budget:.0f} s budget)"
    if cpu is not None:
        line += f"; CPU time of its processes {cpu:.1f} s"
    print(line, flush=True)


def grade_reference():
    """Build the release and autograde the reference sample in a throw-away course copy."""
    sys.path.insert(0, str(ROOT))
    from autograder import samples
    from autograder.build import build
    from autograder.course import Course
    from autograder.grade import grade

    with tempfile.TemporaryDirectory(prefix="bench-a2-course-") as tmp:
        course_root = Path(tmp) / "course"
        (course_root / "assignments").mkdir(parents=True)
        (course_root / "autograder" / "samples").mkdir(parents=True)
        shutil.copy(ROOT / "nbgrader_config.py", course_root)
        shutil.copytree(NOTEBOOK.parent, course_root / "assignments" / ASSIGNMENT)
        course = Course(course_root)
        build(course, [ASSIGNMENT], log=lambda *a: None)
        submissions = Path(tmp) / "submissions"
        samples.write_submission(course, ASSIGNMENT, "reference", submissions / "reference" / ASSIGNMENT)
        start = time.perf_counter()
        results = grade(course, submissions, Path(tmp) / "out", assignments=[ASSIGNMENT],
                        db_path=Path(tmp) / "out" / "gradebook.db", log=lambda *a: None)
        seconds = time.perf_counter() - start
    result = results[0]
    return seconds, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-student", action="store_true", help="skip (a), the 100-epoch run")
    parser.add_argument("--skip-autograde", action="store_true", help="skip (b)")
    parser.add_argument("--skip-grade", action="store_true", help="skip (c), the nbgrader pipeline")
    args = parser.parse_args(argv)
    print(f"{ASSIGNMENT}: {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.2f}")
    failed = False

    if not args.skip_student:
        cpu = children_cpu()
        seconds, nb = execute("student")
        report("(a) student run-all (100 epochs)", seconds, BUDGET_STUDENT_S, children_cpu() - cpu)
        for key, value in training_figures(nb).items():
            print(f"    {key}: {value}")
        for problem in problems_in(nb):
            print("    PROBLEM:", problem)
            failed = True

    if not args.skip_autograde:
        cpu = children_cpu()
        seconds, nb = execute("autograde")
        report("(b) autograde-mode execution", seconds, BUDGET_AUTOGRADE_S, children_cpu() - cpu)
        for problem in problems_in(nb):
            print("    PROBLEM:", problem)
            failed = True

    if not args.skip_grade:
        cpu = children_cpu()
        seconds, result = grade_reference()
        report("(c) nbgrader autograde of the reference submission", seconds, BUDGET_AUTOGRADE_S,
               children_cpu() - cpu)
        print(f"    score {result.score:g}/{result.max_score:g} ({result.status}{': ' + result.reason if result.reason else ''})")
        failed |= result.score != result.max_score

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
