"""Student self-check: run a notebook the way ``nbgrader validate`` does, but fail loudly.

``nbgrader validate`` prints failures and still exits 0; this exits 1 when any visible test
cell fails, so scripts and pre-submission hooks can rely on it.  Hidden tests are not run
(students do not have them): passing here does not promise full marks.
"""
import re
from pathlib import Path

import nbformat
from nbgrader.validator import Validator
from traitlets.config import Config


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def check_notebook(path: Path, *, timeout=300, log=print):
    """Run ``path``; return the number of failing (or changed-type) graded cells."""
    config = Config()
    config.Execute.timeout = timeout
    config.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:"]
    results = Validator(config=config).validate(str(path))
    names = {c.source.strip(): c.metadata.get("nbgrader", {}).get("grade_id", "?")
             for c in nbformat.read(path, as_version=4).cells}
    problems = 0
    for kind in ("type_changed", "changed", "failed"):
        for item in results.get(kind, []):
            problems += 1
            detail = _ANSI.sub("", item.get("raw_error", "")).strip().splitlines()
            log(f"{kind.replace('_', ' ')}: {names.get(item['source'].strip(), 'a cell')}"
                + (f" -- {detail[-1]}" if detail else ""))
    log(f"{path.name}: {'all visible tests pass' if not problems else f'{problems} problem(s)'}")
    return problems
