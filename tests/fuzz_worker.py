"""A long-lived process that runs Hawkama commands for the fuzz battery, under a budget.

The test sends one JSON case per line (``{"args": [...], "input": "..."}``) and reads
one JSON line back: the exit code, any exception other than SystemExit, and how long
it took. The process lives under a memory limit (RLIMIT_AS: its size after start-up
plus ``HAWKAMA_FUZZ_HEADROOM`` bytes) and every command under a time limit
(``HAWKAMA_FUZZ_SECONDS``, by SIGALRM), so a command that would exhaust the machine
fails its case instead. Started once per test module: one start-up for many cases.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
from types import FrameType

from click.testing import CliRunner

from hawkama.cli import cli


class OverTime(BaseException):
    """Raised by the alarm; a BaseException so that CliRunner does not swallow it."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise OverTime


def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[0]) * resource.getpagesize()


def main() -> None:
    seconds = float(os.environ.get("HAWKAMA_FUZZ_SECONDS", "20"))
    headroom = int(os.environ.get("HAWKAMA_FUZZ_HEADROOM", str(1 << 30)))
    # Warm up what every case needs, so the limit is measured from a steady size.
    CliRunner().invoke(cli, ["--help"])
    limit = _address_space() + headroom
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    signal.signal(signal.SIGALRM, _alarm)
    print(json.dumps({"ready": True, "limit": limit}), flush=True)
    for line in sys.stdin:
        case = json.loads(line)
        start = time.perf_counter()
        reply: dict[str, object]
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            result = CliRunner().invoke(cli, case["args"], input=case.get("input"))
            exc = result.exception
            reply = {
                "exit_code": result.exit_code,
                "exception": None if exc is None or isinstance(exc, SystemExit) else repr(exc),
                "stderr": result.stderr[-1500:],
                "traceback": "Traceback" in result.output,
            }
        except OverTime:
            reply = {"exit_code": None, "exception": f"over the {seconds:g} s budget"}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        reply["seconds"] = round(time.perf_counter() - start, 3)
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
