"""The command line: a thin layer over the public API.

In:  ``argv`` (``build``, ``validate``, ``watch``, ``--version``...).
Out: files written by the API, messages on stdout/stderr, and an exit status:
     0 success, 1 a build error (or output that cannot be written), 2 a usage or
     validation error, 130 interrupted (Ctrl-C).

Nothing printed can drive the terminal: diagnostics escape their text
(:class:`briefgen.errors.Diagnostic`), other lines quoting a path escape it, and
while a command runs, stdout and stderr escape any control character left.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import sys
import time
import traceback

from . import BriefError, __version__
from .errors import terminal_lines, terminal_safe

#: Exit status after Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


class _TerminalStream:
    """A text stream that escapes control characters, keeping line breaks: the last guard before the terminal."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        safe = terminal_lines(text)
        try:
            self.stream.write(safe)
        except UnicodeEncodeError:  # a terminal that cannot show some letter gets it as an escape
            encoding = getattr(self.stream, "encoding", None) or "ascii"
            self.stream.write(safe.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def __getattr__(self, name):
        return getattr(self.stream, name)


def _limit_option(text: str):
    from .limits import parse_limit_option

    try:
        return parse_limit_option(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _standard_option(text: str):
    from .standards import parse_standards

    try:
        return parse_standards(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs_option(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of briefs at a time, found {text!r}")
    if count == 0:
        from .charts.worker import spare_processors

        count = spare_processors() + 1
    return count


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefgen", description="Build policy briefs from YAML into PDF.")
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks for unexpected errors")
    common.add_argument("--limit", action="append", type=_limit_option, default=[], metavar="NAME=N",
                        help="raise (or lower) one bound on the work a brief may cause, e.g."
                             " --limit image_pixels=100000000; see docs/security.md")
    claims = argparse.ArgumentParser(add_help=False)  # build, validate and watch: what the PDF claims
    claims.add_argument("--standard", type=_standard_option, default=None, metavar="STANDARD",
                        help="standards the PDF claims, overriding the brief's meta.standard: ua-1, a-2b, a-3b,"
                             " a combination such as ua-1+a-2b (the default), or none (an untagged draft)")

    edition = argparse.ArgumentParser(add_help=False)  # build and watch: the print shop's edition
    edition.add_argument("--print", dest="print_edition", action="store_true", default=None,
                         help="the print edition: 3 mm bleed, crop marks, TrimBox and BleedBox on every page"
                              " (meta.print); see docs/print.md")
    edition.add_argument("--cmyk", action="store_true", default=None,
                         help="set everything in DeviceCMYK through the press profile, charts and images"
                              " included (meta.cmyk)")

    build = commands.add_parser("build", parents=[common, claims, edition], help="build briefs into PDFs")
    build.add_argument("briefs", nargs="+", metavar="BRIEF",
                       help="a brief's YAML file, or a folder: every brief in it (a .yaml file with top-level"
                            " 'meta:' and 'sections:'; subfolders are not searched)")
    build.add_argument("-o", "--out", "--out-dir", dest="out", default="out", metavar="OUT",
                       help="output folder (default: out/), or the PDF's file name if it ends in .pdf (one brief);"
                            " either may be an fsspec URL (s3://bucket/out, memory://out...)")
    build.add_argument("-j", "--jobs", type=_jobs_option, default=1, metavar="N",
                       help="build N briefs at a time, in worker processes (0: one per processor; default: 1)")
    build.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="build on a running Dask cluster (tcp://HOST:8786); this process writes the PDFs,"
                            " and the workers must see the briefs at the same paths (see docs/scale.md)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors: build nothing if any")
    build.add_argument("--allow-outside", action="store_true",
                       help="allow files outside the brief's folder and assets/")

    validate = commands.add_parser("validate", parents=[common, claims], help="check a brief and report every problem")
    validate.add_argument("brief", help="the brief's YAML file")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    validate.add_argument("--allow-outside", action="store_true",
                          help="allow files outside the brief's folder and assets/")
    watch = commands.add_parser("watch", parents=[common, claims, edition],
                                help="rebuild a brief whenever it or its files change (Ctrl-C stops)")
    watch.add_argument("brief", help="the brief's YAML file")
    watch.add_argument("-o", "--out-dir", default="out", help="output folder (default: out/)")
    watch.add_argument("--interval", type=float, default=0.5, help="seconds between looks (default: 0.5)")
    watch.add_argument("--allow-outside", action="store_true",
                       help="allow files outside the brief's folder and assets/")
    commands.add_parser("schema", parents=[common], help="print the JSON Schema for brief files")
    from .scaffold import LANGUAGES

    new = commands.add_parser("new", help="make a brief folder: brief.yaml, data/, assets/ and the JSON Schema")
    new.add_argument("folder", help="the folder to make (an existing one must hold none of the new files)")
    new.add_argument("--lang", choices=LANGUAGES, default="en",
                     help="language of the brief's text, labels, dates and numbers (default: en)")
    from .charts.commands import register as register_chart_commands  # charts, chart, attach, cache
    parser.set_defaults(chart_commands=register_chart_commands(commands, common))
    return parser


def _schema(args) -> int:
    from .schema.jsonschema import brief_schema_text

    sys.stdout.write(brief_schema_text())
    return 0


def _new(args) -> int:
    import shlex

    from . import ScaffoldError, new_brief

    try:
        written = new_brief(args.folder, args.lang)
    except ScaffoldError as error:
        print(f"briefgen new: {terminal_safe(error)}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {terminal_safe(path)}")
    print(f"next: briefgen build {terminal_safe(shlex.quote(str(written[0])))}")
    return 0


def _build(args) -> int:

    from .batch import BuildJob, build_many, clashing_targets, find_briefs, worker_pool
    from .output import check_url, destination, is_url
    from .progress import BuildReport, ProgressLine, wanted

    briefs = find_briefs(args.briefs)  # a folder without a brief is a BriefError (status 2)
    out = destination(args.out)  # a Path, or a URL for fsspec
    if is_url(out):
        check_url(out)  # fsspec and its driver are here, before any work (a BriefError, status 2)
    out_file = out if str(out).lower().endswith(".pdf") else None
    if out_file is not None and len(briefs) > 1:
        return _usage("build", f"-o {out} names one PDF file, but {len(briefs)} briefs were given; give -o a folder")
    jobs = [BuildJob(brief, out, out_file, args.strict, args.allow_outside, args.limits, args.standard,
                     **_edition(args)) for brief in briefs]
    from .editions import expand_jobs, write_manifest

    jobs = expand_jobs(jobs)  # a brief with editions: one job per edition
    if out_file is not None and len(jobs) > 1:
        return _usage("build", f"-o {out} names one PDF file, but the brief has {len(jobs)} editions; give -o a folder")
    clash = clashing_targets(jobs)
    if clash:
        return _usage("build", f"{clash[0].brief} and {clash[1].brief} would both write {clash[1].target()};"
                               " build them into different folders (-o)")
    raw = getattr(sys.stderr, "stream", sys.stderr)  # the progress line's carriage returns must reach the terminal
    report = BuildReport(len(jobs), ProgressLine(raw, len(jobs)) if wanted(raw, len(jobs)) else None, args.debug)
    started = time.perf_counter()
    if args.scheduler:
        results = _on_cluster(args.scheduler, jobs, report, args.jobs)
        if isinstance(results, str):
            return _usage("build", results)
    elif min(args.jobs, len(jobs)) > 1:
        with worker_pool(min(args.jobs, len(jobs))) as pool:
            results = build_many(jobs, pool, progress=report.progress)
    else:
        results = build_many(jobs, progress=report.progress)
    for manifest in write_manifest(jobs, results):  # each brief with editions: its files, SHA-256 and rows
        print(f"wrote {terminal_safe(manifest)}")
    return report.summary(results, time.perf_counter() - started, None if out_file else out)


def _on_cluster(address: str, jobs: list, report, workers: int):
    """Build ``jobs`` on the Dask scheduler at ``address`` (this process writes the PDFs; see briefgen.remote);
    return their results, or a usage error's message."""
    from .batch import build_many
    from .remote import SchedulerError, absolute, connect

    if workers != 1:
        return "-j and --scheduler do not go together: the cluster's workers set how many build at a time"
    try:
        client = connect(address)
    except SchedulerError as error:
        return str(error)
    with client:  # the workers may run elsewhere: they get absolute paths, and send the PDFs back
        return build_many([absolute(job) for job in jobs], client.get_executor(), progress=report.progress,
                          write_here=True)


def _edition(args) -> dict:
    """--print and --cmyk, as the keywords of a build (only those given: the brief's meta decides the rest)."""
    return {name: True for name in ("print_edition", "cmyk") if getattr(args, name, None)}


def _usage(command: str, message: str) -> int:
    print(f"briefgen {command}: error: {terminal_safe(message)}", file=sys.stderr)
    return 2


def _watch(args) -> int:
    from pathlib import Path

    from .watch import watch

    if not Path(args.brief).is_file():
        print(f"{terminal_safe(args.brief)}: no such file", file=sys.stderr)
        return 2
    print(f"watching {terminal_safe(args.brief)} and its files; Ctrl-C stops", flush=True)
    try:
        watch(args.brief, args.out_dir, interval=max(0.1, args.interval), allow_outside=args.allow_outside,
              limits=args.limits, standard=args.standard, report=lambda line: print(line, flush=True),
              **_edition(args))
    except KeyboardInterrupt:
        print("stopped")
    return INTERRUPTED


def _validate(args) -> int:
    from . import load
    from .editions.jobs import check_editions, has_editions

    options = {"allow_outside": args.allow_outside, "limits": args.limits, "standard": args.standard}
    if has_editions(args.brief):  # every edition, not the first only
        diagnostics = check_editions(args.brief, **options)
    else:
        try:
            diagnostics = load(args.brief, **options).warnings
        except BriefError as error:
            diagnostics = error.everything()  # one error must not hide the warnings
    failed = any(d.severity == "error" for d in diagnostics) or (args.strict and diagnostics)
    if args.format == "json":
        print(json.dumps({"ok": not failed, "diagnostics": [d.as_dict() for d in diagnostics]}, indent=2))
    else:
        for diagnostic in diagnostics:
            print(diagnostic, file=sys.stderr)
        if not failed:
            print(f"{terminal_safe(args.brief)}: ok" + (f" ({len(diagnostics)} warning(s))" if diagnostics else ""))
    return 2 if failed else 0


COMMANDS = {"build": _build, "validate": _validate, "watch": _watch, "schema": _schema, "new": _new}


def main(argv=None) -> int:
    """Run one command; return the exit status (never calls sys.exit)."""
    with contextlib.redirect_stdout(_TerminalStream(sys.stdout)), \
            contextlib.redirect_stderr(_TerminalStream(sys.stderr)):
        try:
            return _main(argv)
        except KeyboardInterrupt:  # Ctrl-C: no traceback; the temporary file is already gone
            print("interrupted", file=sys.stderr)
            return INTERRUPTED


def _main(argv) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits on --help, --version and usage errors
        return int(stop.code or 0)
    from .limits import Limits

    try:
        args.limits = Limits.from_env(overrides=dict(getattr(args, "limit", None) or []))
    except ValueError as exc:
        print(f"briefgen: {exc}", file=sys.stderr)
        return 2
    try:
        return (COMMANDS.get(args.command) or args.chart_commands[args.command])(args)
    except BriefError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        return error.exit_code
    except OSError as exc:  # a file that cannot be written (or read) is the machine's problem, not a bug
        if args.debug:
            traceback.print_exc()
        where = f"{terminal_safe(exc.filename)}: " if exc.filename else ""
        print(f"briefgen: {where}{terminal_safe(exc.strerror or exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # an unexpected failure is still reported cleanly
        if args.debug:
            traceback.print_exc()
        else:
            print(f"briefgen: internal error: {type(exc).__name__}: {terminal_safe(exc)}"
                  " (run with --debug for details)", file=sys.stderr)
        return 1


#: The collector's first threshold for a command. A build keeps some 80,000 objects alive to its end (modules,
#: fonts, the story) among many more it makes: at Python's 700, walking them again and again is a tenth of it,
#: and at 50,000 its two collections still cost 20-25 ms. At this, the sample brief builds with none (its peak
#: memory is the same); a longer brief collects every 200,000 new objects, so its cyclic garbage stays bounded.
GC_THRESHOLD = 200_000


def collect_less() -> None:
    """Raise the collector's first threshold to :data:`GC_THRESHOLD` for this process (a command's)."""
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


def run() -> None:
    """Console-script entry point."""
    collect_less()
    try:
        status = main()
    except KeyboardInterrupt:  # Ctrl-C in the instant before main() set up its own handler
        status = INTERRUPTED
    gc.freeze()  # the process ends here: its exit need not walk every object left for cycles
    sys.exit(status)
