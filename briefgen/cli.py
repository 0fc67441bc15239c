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

    build = commands.add_parser("build", parents=[common, claims], help="build a brief into a PDF")
    build.add_argument("brief", help="the brief's YAML file")
    build.add_argument("-o", "--out-dir", default="out", help="output folder (default: out/)")
    build.add_argument("--allow-outside", action="store_true",
                       help="allow files outside the brief's folder and assets/")

    validate = commands.add_parser("validate", parents=[common, claims], help="check a brief and report every problem")
    validate.add_argument("brief", help="the brief's YAML file")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    validate.add_argument("--allow-outside", action="store_true",
                          help="allow files outside the brief's folder and assets/")
    watch = commands.add_parser("watch", parents=[common, claims],
                                help="rebuild a brief whenever it or its files change (Ctrl-C stops)")
    watch.add_argument("brief", help="the brief's YAML file")
    watch.add_argument("-o", "--out-dir", default="out", help="output folder (default: out/)")
    watch.add_argument("--interval", type=float, default=0.5, help="seconds between looks (default: 0.5)")
    watch.add_argument("--allow-outside", action="store_true",
                       help="allow files outside the brief's folder and assets/")
    commands.add_parser("schema", parents=[common], help="print the JSON Schema for brief files")
    from .charts.commands import register as register_chart_commands  # charts, chart, attach, cache
    parser.set_defaults(chart_commands=register_chart_commands(commands, common))
    return parser


def _schema(args) -> int:
    from .schema.jsonschema import brief_schema_text

    sys.stdout.write(brief_schema_text())
    return 0


def _build(args) -> int:
    from . import build

    started = time.perf_counter()
    target = build(args.brief, args.out_dir, allow_outside=args.allow_outside, limits=args.limits,
                   standard=args.standard)
    print(f"wrote {terminal_safe(target)} in {time.perf_counter() - started:.2f} s")
    return 0


def _watch(args) -> int:
    from pathlib import Path

    from .watch import watch

    if not Path(args.brief).is_file():
        print(f"{terminal_safe(args.brief)}: no such file", file=sys.stderr)
        return 2
    print(f"watching {terminal_safe(args.brief)} and its files; Ctrl-C stops", flush=True)
    try:
        watch(args.brief, args.out_dir, interval=max(0.1, args.interval), allow_outside=args.allow_outside,
              limits=args.limits, standard=args.standard, report=lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        print("stopped")
    return INTERRUPTED


def _validate(args) -> int:
    from . import load

    try:
        brief = load(args.brief, allow_outside=args.allow_outside, limits=args.limits, standard=args.standard)
        diagnostics = brief.warnings
    except BriefError as error:
        diagnostics = error.diagnostics
    failed = any(d.severity == "error" for d in diagnostics) or (args.strict and diagnostics)
    if args.format == "json":
        print(json.dumps({"ok": not failed, "diagnostics": [d.as_dict() for d in diagnostics]}, indent=2))
    else:
        for diagnostic in diagnostics:
            print(diagnostic, file=sys.stderr)
        if not failed:
            print(f"{terminal_safe(args.brief)}: ok" + (f" ({len(diagnostics)} warning(s))" if diagnostics else ""))
    return 2 if failed else 0


COMMANDS = {"build": _build, "validate": _validate, "watch": _watch, "schema": _schema}


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


def run() -> None:
    """Console-script entry point."""
    try:
        status = main()
    except KeyboardInterrupt:  # Ctrl-C in the instant before main() set up its own handler
        status = INTERRUPTED
    sys.exit(status)
