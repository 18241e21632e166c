"""Run several nbgrader commands in ONE process: ``python -m autograder.run_nbgrader_steps
'autograde A --student S --force' 'generate_feedback A --student S --force'``.

Importing nbgrader costs seconds (nbconvert, jsonschema, SQLAlchemy); a workspace that runs
autograde then generate_feedback pays it once.  Each step runs in the current folder with its
``nbgrader_config.py``; the exit status is the first failing step's, and later steps are skipped.

A first argument ``--memory-mb=N`` caps the data memory (heap and private mappings,
RLIMIT_DATA) of this process and of every kernel it starts at N MiB: a student's runaway
allocation then raises MemoryError in its own cell instead of starving the machine.
"""
import ctypes
import os
import resource
import shlex
import signal
import sys
import time


def limit_memory(megabytes):
    """Cap RLIMIT_DATA (soft and hard) for this process and its children; 0 means no cap."""
    if megabytes > 0:
        limit = megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def die_with_parent():
    """SIGKILL this process when the grader that started it dies (its pid is in
    ``AUTOGRADER_PARENT_PID``): a grading worker killed mid-job must not leave an nbgrader
    running on (the sandboxed kernel follows it, see :mod:`autograder.sandbox_enter`)."""
    parent = os.environ.get("AUTOGRADER_PARENT_PID")
    if not parent or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)          # PR_SET_PDEATHSIG
    if os.getppid() != int(parent):                 # it died before the signal was armed
        os._exit(1)


def main(steps):
    die_with_parent()
    if steps and steps[0].startswith("--memory-mb="):
        limit_memory(int(steps.pop(0).split("=", 1)[1]))
    from jupyter_core.application import NoStart
    from nbgrader.apps import NbGraderApp

    for step in steps:
        started = time.monotonic()
        argv = shlex.split(step)
        NbGraderApp.clear_instance()
        app = NbGraderApp.instance()
        try:
            app.initialize(argv)
            app.start()
        except NoStart:  # how jupyter apps say "the subcommand ran; nothing more to start"
            pass
        except SystemExit as exc:
            if exc.code not in (None, 0):
                print(f"[autograder] FAILED: nbgrader {step}", flush=True)
                return int(exc.code) if isinstance(exc.code, int) else 1
        finally:
            # the subcommand app is a singleton of its own class: reset it for the next step
            if getattr(app, "subapp", None) is not None:
                type(app.subapp).clear_instance()
        print(f"[autograder] {argv[0]} took {time.monotonic() - started:.2f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
