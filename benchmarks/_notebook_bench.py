"""What the per-notebook benchmarks share: run a source notebook as a student does (top to
bottom, no NBGRADER_EXECUTION) and as the autograder does (NBGRADER_EXECUTION=autograde, the
training cells shorten themselves), time both against budgets, and print what the run reached.

Grading time through the real nbgrader pipeline is measured by ``autograde_time.py``.
"""
import argparse
import os
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from autograder.notebook import nbgrader_meta
from autograder.trusted import TRUSTED_PATH, expand_notebook

ROOT = Path(__file__).resolve().parents[1]


def grade_id(cell):
    return nbgrader_meta(cell).get("grade_id")


def stdout_of(nb, cell_id):
    """Everything the cell with grade_id ``cell_id`` printed (stream outputs)."""
    return "".join(o.get("text", "") for c in nb.cells if grade_id(c) == cell_id
                   for o in c.get("outputs", []) if o.get("output_type") == "stream")


def read_figures(text, patterns):
    """``{name: float or None}``: the first group of each regular expression found in ``text``."""
    found = {name: re.search(pattern, text) for name, pattern in patterns.items()}
    return {name: float(m.group(1)) if m else None for name, m in found.items()}


def execute(notebook: Path, mode, timeout):
    """Run ``notebook`` in a temp copy of its folder (so nothing in the repository is written).

    ``mode`` is "student" or "autograde".  Returns (wall seconds, executed notebook)."""
    env_before = dict(os.environ)
    os.environ.pop("NBGRADER_EXECUTION", None)
    if mode == "autograde":
        os.environ["NBGRADER_EXECUTION"] = "autograde"
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    try:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            work = Path(tmp) / notebook.parent.name
            shutil.copytree(notebook.parent, work)
            nb = nbformat.read(work / notebook.name, as_version=4)
            if mode == "autograde":   # as the grader does: hidden tests' checks.trusted(...) inlined
                expand_notebook(nb, work / TRUSTED_PATH, where=notebook.name)
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
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
        meta = nbgrader_meta(cell)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"{meta.get('grade_id', 'cell')}: {out.get('ename')}: {out.get('evalue')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr" and meta.get("grade"):
                found.append(f"{meta.get('grade_id')}: wrote to stderr: {out.get('text')[:200]!r}")
    return found


def children_cpu():
    """CPU seconds (user + system) used so far by finished child processes (the kernels)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(notebook: Path, budgets, figures, *, description, target=None, timeout=1800, argv=None):
    """Command-line entry shared by the notebook benchmarks.

    budgets: {"student": s, "autograde": s}.  figures(nb) -> {name: value} read from the
    executed student run.  target: optional (figure name, minimum) printed as a ratio.
    Returns the exit status: 1 when a run had errors or stderr in a test cell."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--skip-student", action="store_true", help="skip the student run-all (training)")
    parser.add_argument("--skip-autograde", action="store_true", help="skip the autograde-mode run")
    parser.add_argument("--save", metavar="DIR", help="also write the executed notebooks there")
    args = parser.parse_args(argv)
    name = notebook.parent.name
    print(f"{name}: {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.2f}", flush=True)
    failed = False
    for mode in ("student", "autograde"):
        if getattr(args, f"skip_{mode}"):
            continue
        cpu, load = children_cpu(), os.getloadavg()[0]
        seconds, nb = execute(notebook, mode, timeout)
        budget = budgets[mode]
        print(f"{mode} run-all: {seconds:.1f} s ({seconds / budget:.2f} of the {budget:.0f} s budget); "
              f"CPU time of its kernel {children_cpu() - cpu:.1f} s; load average {load:.2f} before, "
              f"{os.getloadavg()[0]:.2f} after", flush=True)
        if args.save:
            Path(args.save).mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, Path(args.save) / f"{name}_{mode}.ipynb")
        if mode == "student":
            values = figures(nb)
            for key, value in values.items():
                print(f"    {key}: {value}")
            if target and values.get(target[0]) is not None:
                print(f"    {target[0]} / target: {values[target[0]]:.4f} / {target[1]} = "
                      f"{values[target[0]] / target[1]:.3f}")
        for problem in problems_in(nb):
            print("    PROBLEM:", problem)
            failed = True
    return 1 if failed else 0
