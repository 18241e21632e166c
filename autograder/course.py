"""Where things are in a course, and how to run nbgrader on it.

A course is a folder with ``nbgrader_config.py``, ``assignments/<id>/<notebook>.ipynb``
(sources) and ``release/<id>/`` (student versions); this repository is one.
"""
import os
import shlex
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


class CourseError(RuntimeError):
    """A problem an instructor must fix (missing build, bad notebook...); the message says what."""


@dataclass(frozen=True)
class Course:
    root: Path = REPO_ROOT

    @property
    def source_dir(self) -> Path:
        return self.root / "assignments"

    @property
    def release_dir(self) -> Path:
        return self.root / "release"

    @property
    def config_file(self) -> Path:
        return self.root / "nbgrader_config.py"

    @property
    def db_path(self) -> Path:
        return self.root / "gradebook.db"

    @property
    def bundles_dir(self) -> Path:
        """What ``build`` makes for the grader alone: ``bundles/<assignment>/expected.json``."""
        return self.root / "bundles"

    def expected_file(self, assignment) -> Path:
        """The reference solution's handouts for ``assignment`` (see :mod:`autograder.expected`)."""
        return self.bundles_dir / assignment / "expected.json"

    def assignments(self):
        """Assignment ids: the folders of ``assignments/`` that hold at least one notebook."""
        if not self.source_dir.is_dir():
            return []
        return sorted(p.name for p in self.source_dir.iterdir()
                      if p.is_dir() and any(p.glob("*.ipynb")))

    def notebooks(self, assignment):
        """Source notebook paths of one assignment, sorted by name."""
        folder = self.source_dir / assignment
        if not folder.is_dir():
            raise CourseError(f"no assignment {assignment!r}: {folder} does not exist "
                              f"(known: {', '.join(self.assignments()) or 'none'})")
        return sorted(folder.glob("*.ipynb"))

    def check_assignments(self, assignments):
        """Return ``assignments`` (all of them when empty/None) after checking each exists."""
        known = self.assignments()
        chosen = list(assignments or known)
        unknown = [a for a in chosen if a not in known]
        if unknown:
            raise CourseError(f"unknown assignment(s) {', '.join(unknown)}; known: {', '.join(known)}")
        return chosen


def tool_env(extra=None):
    """Environment for nbgrader subprocesses: this interpreter's ``bin`` first on PATH
    (nbgrader runs ``alembic`` by name) and quiet TensorFlow start-up."""
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.setdefault("PYTHONWARNINGS", "ignore::DeprecationWarning")
    env.setdefault("MPLBACKEND", "Agg")
    env.update(extra or {})
    return env


def run_nbgrader(args, cwd, *, timeout=None, env=None, steps=None, memory_mb=0):
    """Run ``nbgrader ARGS`` in ``cwd``; return the CompletedProcess (output captured as text).

    With ``steps`` (a list of argument lists) instead of ``args``, run several nbgrader
    commands in one process (see :mod:`autograder.run_nbgrader_steps`), stopping at the first
    that fails; ``memory_mb`` then caps the data memory of nbgrader and of each kernel.

    The command runs in its own process group so that on timeout its kernels die with it;
    then ``subprocess.TimeoutExpired`` is raised.  A ``steps`` runner also dies when this
    process dies (parent-death signal), and its sandboxed kernels with it.  nbgrader's exit
    code is not trusted alone (``validate`` exits 0 on failure): callers inspect results.
    """
    if steps is None:
        cmd = [sys.executable, "-m", "nbgrader", *args]
    else:
        cmd = [sys.executable, "-m", "autograder.run_nbgrader_steps", f"--memory-mb={int(memory_mb)}",
               *(shlex.join(s) for s in steps)]
    env = dict(env or tool_env())
    if steps is not None:   # the steps runner dies with us (a killed grading worker leaves no orphan)
        env["AUTOGRADER_PARENT_PID"] = str(os.getpid())
    proc = subprocess.Popen(cmd, cwd=str(cwd), env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    if "Exception while loading config file" in out:
        # nbgrader logs a broken config and carries on with defaults: never grade like that
        raise CourseError(f"nbgrader could not load its configuration:\n{out[-3000:]}")
    return subprocess.CompletedProcess(cmd, proc.returncode, out, None)
