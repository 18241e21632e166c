"""The common-mistakes report: per test cell and per failed check, how many students failed it
(``mistakes.csv``, and ``mistakes.html`` with bar charts drawn as inline SVG: one file, no
network).

A verdict message names the first failed check and carries the student's own numbers
("square(3): 1 of 1 values are wrong; at index () expected 9, got 6"), so messages are grouped
by their stable part: the check's name (the text before the colon that precedes a known kind of
failure) and that kind ("wrong values", "wrong shape", "stopped with ValueError"...).  The kinds
are the wordings of :mod:`coursekit.checks` and :mod:`autograder.verdict`; a message in no
known shape is its own group (digits masked).  One example message is kept per group.
"""
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

#: (kind, pattern of what follows "<check>: ") — most specific first.
KINDS = (
    ("wrong values", r"\d+ of \d+ values are wrong"),
    ("wrong shape", r"shape is "),
    ("NaN or infinity", r"contains NaN or infinity"),
    ("returned None", r"got None; does the function return"),
    ("not numbers", r"expected numbers, got"),
    ("not an array", r"expected an array, got"),
    ("an array instead of a scalar", r"expected a scalar, got an array"),
    ("not a number", r"expected a number, got"),
    ("wrong dtype", r"has dtype .*, expected kind"),
    ("not checked: the test took another path", r"not checked \(the test took another path"),
    ("wrong value", r"got\b"),
)
_KIND_AFTER_COLON = re.compile(": (?:" + "|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(KINDS)) + ")", re.S)
#: Messages whose check is not before a colon: (pattern, kind; ``{error}`` filled from the match).
WHOLE = (
    (re.compile(r"the test stopped with (?P<error>.+?) before checking (?P<check>.+)", re.S), "stopped with {error}"),
    (re.compile(r"the test did not get as far as checking (?P<check>.+)", re.S), "stopped before this check"),
    (re.compile(r"(?P<check>.+?) was modified in place; ", re.S), "input changed in place"),
    (re.compile(r"this test has (?P<check>no expected values)", re.S), "rebuild the assignment"),
)
NOT_GRADED = "(whole notebook)"


def classify(message, judged=True):
    """``(check, kind)``: the stable part of a failed test's message.

    ``judged=False``: the message is why the notebook could not be graded at all."""
    if not judged:
        return NOT_GRADED, _mask(re.split(r" \(|: ", message, maxsplit=1)[0])
    for pattern, kind in WHOLE:
        found = pattern.match(message)
        if found:
            return found["check"].strip(), kind.format(**found.groupdict())
    found = _KIND_AFTER_COLON.search(message)
    if found:
        index = next(int(name[1:]) for name, value in found.groupdict().items() if value is not None)
        return message[:found.start()].strip(), KINDS[index][0]
    return _mask(message.strip()), "does not hold"


def _mask(text):
    return re.sub(r"\d+(\.\d+)?(e[-+]?\d+)?", "#", text)[:200]


@dataclass
class Group:
    check: str
    kind: str
    students: set = field(default_factory=set)
    example: str = ""


@dataclass
class CellSummary:
    assignment: str
    notebook: str
    test: str
    students: int = 0          # submissions graded on this test
    failed: int = 0            # of them, how many got less than full points from the autograder
    groups: list = field(default_factory=list)   # [Group], most frequent first


def summarize(submissions, order=None):
    """:class:`CellSummary` per test cell of :class:`~autograder.gradebook.SubmissionGrades`.

    ``order(assignment, notebook, test)`` sorts the tests (default: by name)."""
    tests = {}
    for sub in submissions:
        for t in sub.tests:
            summary = tests.setdefault((sub.assignment, t.notebook, t.test),
                                       CellSummary(sub.assignment, t.notebook, t.test))
            summary.students += 1
            if not t.failed:
                continue
            summary.failed += 1
            key = classify(t.message, t.judged) if t.message else ("(no message)", "failed")
            group = next((g for g in summary.groups if (g.check, g.kind) == key), None)
            if group is None:
                group = Group(*key, example=t.message)
                summary.groups.append(group)
            group.students.add(sub.student)
    for summary in tests.values():
        summary.groups.sort(key=lambda g: (-len(g.students), g.check, g.kind))
    return sorted(tests.values(), key=lambda s: order(s.assignment, s.notebook, s.test) if order else
                  (s.assignment, s.notebook, s.test))


CSV_COLUMNS = ["assignment", "notebook", "test", "students", "failed_test", "check", "kind", "failed", "example"]


def csv_rows(summaries):
    """One row per (test cell, check, kind) that at least one student failed."""
    for s in summaries:
        for g in s.groups:
            yield [s.assignment, s.notebook, s.test, s.students, s.failed, g.check, g.kind, len(g.students), g.example]


def write_html(summaries, path: Path, title="Common mistakes"):
    """A self-contained page: an overview chart (share of students failing each test cell),
    then per test cell a chart of its failed checks with one example message each."""
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>",
             f"<style>{_CSS}</style></head><body><h1>{escape(title)}</h1>"]
    if not summaries:
        parts.append("<p>No graded submissions.</p>")
    else:
        parts.append("<p>Share of graded students who lost points on each test cell; below, what "
                     "failed first in each, grouped by check and kind of failure.</p>")
        parts.append(_bar_chart([(f"{s.assignment} / {s.test}", s.failed, s.students) for s in summaries]))
    for s in summaries:
        parts.append(f"<h2 id='{escape(s.assignment)}-{escape(s.test)}'>{escape(s.assignment)} / "
                     f"{escape(s.notebook)} / {escape(s.test)}</h2>"
                     f"<p>{s.failed} of {s.students} student(s) lost points.</p>")
        if not s.groups:
            continue
        parts.append(_bar_chart([(f"{g.check} — {g.kind}", len(g.students), s.students) for g in s.groups]))
        parts.append("<table><tr><th>check</th><th>kind of failure</th><th>students</th>"
                     "<th>example message</th></tr>")
        for g in s.groups:
            parts.append(f"<tr><td>{escape(g.check)}</td><td>{escape(g.kind)}</td><td class='n'>"
                         f"{len(g.students)}</td><td><pre>{escape(g.example)}</pre></td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    Path(path).write_text("\n".join(parts))


def _bar_chart(rows, width=900, label_width=420, bar_height=18, gap=6):
    """Horizontal bars as inline SVG: ``rows`` of ``(label, count, out_of)``."""
    scale = width - label_width - 90
    height = len(rows) * (bar_height + gap) + gap
    items = []
    for i, (label, count, out_of) in enumerate(rows):
        y = gap + i * (bar_height + gap)
        length = scale * count / out_of if out_of else 0
        short = label if len(label) <= 60 else label[:57] + "..."
        items.append(
            f"<text x='{label_width - 8}' y='{y + bar_height - 5}' text-anchor='end'>{escape(short)}"
            f"<title>{escape(label)}</title></text>"
            f"<rect x='{label_width}' y='{y}' width='{scale}' height='{bar_height}' class='track'/>"
            f"<rect x='{label_width}' y='{y}' width='{length:.1f}' height='{bar_height}' class='bar'/>"
            f"<text x='{label_width + scale + 6}' y='{y + bar_height - 5}'>{count} / {out_of}</text>")
    return (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
            f"role='img' aria-label='bar chart'>{''.join(items)}</svg>")


_CSS = """body{font-family:sans-serif;margin:2em;max-width:1100px}
svg text{font-size:12px;font-family:sans-serif} .bar{fill:#c0392b} .track{fill:#eee}
table{border-collapse:collapse;margin:1em 0} td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
td.n{text-align:right} pre{margin:0;white-space:pre-wrap;font-size:12px}"""
