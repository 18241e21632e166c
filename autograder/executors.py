"""Where grading jobs run, behind one interface: ``map(jobs)`` yields a :class:`JobResult`
for every job, in the order they finish, and never raises for a job.

- :class:`LocalExecutor` (the default, no set-up): a pool of ``jobs`` threads on this machine;
  each job runs its own nbgrader process and sandboxed kernel, so threads are enough.
- :class:`DaskExecutor`: the same jobs on a Dask ``distributed`` cluster, given by scheduler
  address (``grade --dask tcp://host:8786``), a cluster object (``LocalCluster``,
  dask-jobqueue's ``SLURMCluster``, dask-kubernetes' ``KubeCluster``) or a ``Client``.
  Workers need the ``autograder`` package installed and bubblewrap; nothing of the course.

A worker that dies mid-job (killed, out of memory, node lost) makes the scheduler rerun the
job elsewhere (its ``allowed-failures``, 3 by default); when the scheduler gives up, the job is
resubmitted up to ``retries`` times, then recorded as a failed, graded-zero result saying so.
A recomputed job can therefore reach the caller's gradebook only once per ``map``, and the
gradebook merge sets scores (it never adds), so a rerun doubles nothing.

Jobs are pulled lazily from the iterable, ``window`` at a time, so a course of thousands of
submissions is never all in memory at once.
"""
import dataclasses
import hashlib
import itertools
import uuid
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from .job import JobResult, failed_result, run_job, with_attempts


class Executor:
    """Runs grading jobs; subclasses implement :meth:`map`."""

    workers = 1

    def map(self, jobs, max_scores=None):
        """Yield one :class:`JobResult` per job of the iterable ``jobs``, as they finish.
        ``max_scores`` ({assignment: {notebook: {cell: points}}}) shapes the zero result of a
        job that could not run at all."""
        raise NotImplementedError

    def preflight(self, limits):
        """Check the sandbox where the jobs will run; return a line describing it."""
        from .sandbox import preflight
        return preflight(limits)

    def describe(self):
        return type(self).__name__

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _lost(job, exc, attempts, max_scores):
    reason = f"grading never finished: {type(exc).__name__}: {str(exc)[:300]} (after {attempts} attempt(s))"
    return JobResult(failed_result(job, reason, (max_scores or {}).get(job.assignment, {})), attempts=attempts)


class LocalExecutor(Executor):
    """``jobs`` submissions at once on this machine (threads; each job runs its own processes)."""

    def __init__(self, jobs=1):
        self.workers = max(1, int(jobs))

    def describe(self):
        return f"local pool of {self.workers}"

    def map(self, jobs, max_scores=None):
        jobs = iter(jobs)
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="grade") as pool:
            running = {}
            while True:
                for job in itertools.islice(jobs, 2 * self.workers - len(running)):
                    running[pool.submit(run_job, job)] = job
                if not running:
                    return
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    job = running.pop(future)
                    try:
                        yield future.result()
                    except Exception as exc:  # noqa: BLE001  run_job does not raise; belt and braces
                        yield _lost(job, exc, 1, max_scores)


class DaskExecutor(Executor):
    """Grading jobs on Dask ``distributed``.

    ``target``: a scheduler address (``"tcp://10.0.0.5:8786"``), a cluster object (anything
    with ``scheduler_address``: ``LocalCluster``, ``SLURMCluster``, ``KubeCluster``) or a
    ``distributed.Client``.  A client made here is closed by :meth:`close`; the cluster is
    the caller's.  ``retries``: resubmissions after the scheduler gave up on a job."""

    def __init__(self, target, *, retries=2, window=None):
        from distributed import Client
        if isinstance(target, Client):
            self.client, self._own = target, False
        else:
            self.client, self._own = Client(target, set_as_default=False), True
        self.retries = retries
        self.window = window
        self._bundles = {}

    @property
    def workers(self):
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def describe(self):
        return f"Dask at {self.client.scheduler.address} ({self.workers} worker(s))"

    def preflight(self, limits):
        """The sandbox checked on every worker (it is where the kernels run)."""
        from .sandbox import preflight
        lines = self.client.run(preflight, limits)
        return f"{len(lines)} Dask worker(s); " + next(iter(lines.values()), "no worker")

    def _bundle(self, data: bytes):
        """A future holding the bundle bytes, one per distinct bundle: sent to the cluster once,
        and recomputable by the scheduler if the workers holding it die."""
        digest = hashlib.sha256(data).hexdigest()[:20]
        if digest not in self._bundles:
            self._bundles[digest] = self.client.submit(_identity, data, key=f"bundle-{digest}", pure=False)
        return self._bundles[digest]

    def _submit(self, job):
        light = dataclasses.replace(job, bundle=b"")     # the bundle travels once, apart
        return self.client.submit(run_job, light, self._bundle(job.bundle), pure=False,
                                  key=f"grade-{job.student}-{job.assignment}-{uuid.uuid4().hex[:8]}")

    def map(self, jobs, max_scores=None):
        from distributed import as_completed
        jobs = iter(jobs)
        window = self.window or 2 * self.workers + 2
        pending = as_completed(loop=self.client.loop)
        owner = {}                           # future key -> (job, attempts)
        for job in itertools.islice(jobs, window):
            future = self._submit(job)
            owner[future.key] = (job, 1)
            pending.add(future)
        for future in pending:
            job, attempts = owner.pop(future.key)
            try:
                outcome = with_attempts(future.result(), attempts)
            except Exception as exc:  # noqa: BLE001  KilledWorker, lost connection, cancelled
                if attempts <= self.retries:
                    again = self._submit(job)
                    owner[again.key] = (job, attempts + 1)
                    pending.add(again)
                    continue
                outcome = _lost(job, exc, attempts, max_scores)
            future.release()
            for nxt in itertools.islice(jobs, 1):
                new = self._submit(nxt)
                owner[new.key] = (nxt, 1)
                pending.add(new)
            yield outcome

    def close(self):
        for future in self._bundles.values():
            future.release()
        self._bundles.clear()
        if self._own:
            self.client.close()


def _identity(value):
    return value
