"""Batches whose PDFs this process writes: outputs named by URL, and batches sent to a Dask cluster.

In:  :class:`briefgen.batch.BuildJob` records; for ``--scheduler``, a Dask scheduler's address.
Out: on the worker, :func:`build_for_client` builds a job and returns its result with the PDF's
     bytes (``result.data``); here, :func:`deliver` writes those bytes to the job's target (a local
     path, or any fsspec URL) and returns the result as :func:`briefgen.batch.build_one` would.
     :func:`connect` gives a ``distributed.Client``, or a :class:`SchedulerError` that says why not.

Why this process writes, not the worker: a ``memory://`` store lives in one process, and a worker
of a remote cluster sees neither the user's folder nor, often, the user's cloud credentials.
So the bytes travel back once, with the result, and are written here: atomically on a local
disk (:func:`briefgen.output.write_atomic`), with one put or a write-then-move elsewhere
(:func:`briefgen.output.write_url`). The workers must still read the briefs, their data and
assets at the same absolute paths (a shared file system, or the same checkout in each image).

dask and distributed are imported only by :func:`connect`; the rest needs neither.
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from pathlib import Path

from .errors import Diagnostic, display_name


class SchedulerError(Exception):
    """The scheduler cannot be used: distributed is missing, the address is wrong, or no one answers."""


def writes_here(job) -> bool:
    """True if ``job``'s PDF must be written by the process that holds the results (its target is a URL)."""
    from .output import is_url

    return is_url(job.out_file if job.out_file is not None else job.out_dir)


def build_for_client(job):
    """On a worker: build ``job`` into a private folder and return its result carrying the PDF's bytes.

    ``result.output`` is then the PDF's path relative to the job's folder (its file name, unless
    the job names a subfolder); :func:`deliver` turns it into the real target.
    """
    from .batch import build_one

    with tempfile.TemporaryDirectory(prefix="briefgen-remote-") as temp:
        folder = Path(temp)
        local = dataclasses.replace(job, out_dir=folder, out_file=None if job.out_file is None else
                                    folder / _file_name(job.out_file))
        result = build_one(local)
        result.errors = [_absolute_file(diagnostic) for diagnostic in result.errors]
        result.warnings = [_absolute_file(diagnostic) for diagnostic in result.warnings]
        if result.output is not None:
            result.data = Path(result.output).read_bytes()
            result.output = Path(result.output).relative_to(folder).as_posix()
    return result


def _file_name(target) -> str:
    return str(target).rstrip("/").rsplit("/", 1)[-1]


def deliver(result, job):
    """Here: write the bytes a worker returned (:func:`build_for_client`) to ``job``'s target; return the result.

    The result then reads as one from :func:`briefgen.batch.build_one`: ``output`` is the target
    written (a Path, or a URL string), or None with the error that stopped the write.
    """
    from .errors import BriefError
    from .output import destination, join, write_to

    data, result.data = result.data, None
    result.brief = Path(display_name(job.brief))  # relative to this folder again (see absolute())
    result.errors = [_seen_here(diagnostic) for diagnostic in result.errors]
    result.warnings = [_seen_here(diagnostic) for diagnostic in result.warnings]
    if data is None:
        return result
    target = destination(job.out_file) if job.out_file is not None else join(destination(job.out_dir),
                                                                             result.output)
    try:
        write_to(data, target)
        result.sha256 = hashlib.sha256(data).hexdigest()  # for a manifest, which cannot read a URL back
    except BriefError as error:
        result.output, result.errors, result.exit_code = None, error.diagnostics, error.exit_code
        return result
    result.output = target
    return result


def _absolute_file(diagnostic: Diagnostic) -> Diagnostic:
    """On a worker: a diagnostic naming its file absolutely (the worker's working folder is not the client's)."""
    where = Path(diagnostic.file)
    if where.is_absolute() or not where.exists():
        return diagnostic
    return dataclasses.replace(diagnostic, file=str(where.absolute()))


def _seen_here(diagnostic: Diagnostic) -> Diagnostic:
    """A worker's diagnostic with its file named as it is seen from here (relative to this folder, if inside)."""
    if not Path(diagnostic.file).is_absolute():
        return diagnostic
    return dataclasses.replace(diagnostic, file=display_name(Path(diagnostic.file)))


def absolute(job):
    """``job`` with its brief as an absolute path, for a worker whose working folder is not ours."""
    return dataclasses.replace(job, brief=Path(job.brief).absolute())


def connect(address: str, *, wait: float = 30.0):
    """A ``distributed.Client`` on the scheduler at ``address`` (``tcp://HOST:8786``) with at least one worker.

    Raises :class:`SchedulerError` with a sentence for the user: distributed not installed, a
    malformed address, no scheduler answering within dask's connect timeout
    (``distributed.comm.timeouts.connect``, 30 s unless configured, e.g. with
    ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s``), or no worker within ``wait`` seconds.
    """
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError("--scheduler needs the 'distributed' package: pip install 'briefgen[cluster]'") \
            from None
    from distributed.comm import parse_address, parse_host_port

    try:  # checked before the client starts: a client that fails to start takes a minute to close
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls", "ws", "wss"):
            parse_host_port(location)
    except ValueError as exc:
        raise SchedulerError(f"not a scheduler address: {address!r} ({exc}); expected tcp://HOST:PORT, e.g."
                             " tcp://10.0.0.5:8786") from None
    try:
        client = Client(address, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {exc or type(exc).__name__}"
                             " (is it running? 'dask scheduler' starts one)") from None
    try:
        client.wait_for_workers(1, timeout=wait)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise SchedulerError(f"the Dask scheduler at {address} has no worker (waited {wait:.0f} s); start one with"
                             f" 'dask worker {address} --nthreads 1'") from exc
    return client
