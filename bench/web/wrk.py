"""Running wrk against one target and reading its figures.

Every run loads a Lua script whose ``done`` prints one JSON line (requests, errors, latency
percentiles in microseconds), so nothing depends on wrk's human-readable report. The reactions
target adds a ``request`` function that rotates the readers' sessions and the reaction kinds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.web.processes import HOST, BenchError, run_checked

MARKER = "WRKJSON "
DONE_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,'
    .. '"write":%d,"status":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,'
    .. '"max_us":%d,"statuses":%s}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, statuses_json and statuses_json() or "{}"))
end
"""
# Each wrk thread owns every THREADS-th reader, so no two threads send for the same reader at
# once. A reader's visits choose kinds in the sequence k, k, k+1, k+2, k+2, k+3, k+4, k+4, …:
# the same kind twice removes the reaction, so the writes are a third inserts, a third updates
# and a third deletes. Answers are counted by status class (a 3xx is an error here: a reaction
# answered with a redirect was not taken as JSON).
REACTIONS_LUA = """
local path = %(path)s
local readers = %(readers)s
local kinds = %(kinds)s
local thread_count = %(threads)d
local threads = {}
local mine = {}
local sent = 0
classes = {}

setup = function(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

init = function(args)
  for i = thread_index + 1, #readers, thread_count do
    table.insert(mine, {index = i, session = readers[i]})
  end
  if #mine == 0 then
    for i = 1, #readers do table.insert(mine, {index = i, session = readers[i]}) end
  end
end

request = function()
  local reader = mine[(sent %% #mine) + 1]
  local visit = math.floor(sent / #mine)
  sent = sent + 1
  local kind = kinds[((math.floor(visit * 2 / 3) + reader.index) %% #kinds) + 1]
  return wrk.format("POST", path, {
    ["Cookie"] = reader.session.cookie,
    ["X-CSRFToken"] = reader.session.token,
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
  }, '{"reaction": "' .. kind .. '"}')
end

response = function(status, headers, body)
  local class = math.floor(status / 100) .. "xx"
  classes[class] = (classes[class] or 0) + 1
end

statuses_json = function()
  local totals = {}
  for _, thread in ipairs(threads) do
    for class, n in pairs(thread:get("classes") or {}) do
      totals[class] = (totals[class] or 0) + n
    end
  end
  local parts = {}
  for class, n in pairs(totals) do
    table.insert(parts, string.format('"%%s":%%d', class, n))
  end
  return "{" .. table.concat(parts, ",") .. "}"
end
"""


@dataclass(frozen=True)
class Load:
    """The shape of the load: wrk's threads, connections and duration."""

    threads: int = 2
    connections: int = 16
    seconds: int = 10


@dataclass(frozen=True)
class Reader:
    cookie: str
    token: str


@dataclass(frozen=True)
class Measurement:
    requests: int
    seconds: float
    errors: int  # socket errors, time-outs, answers >= 400 (and 3xx where statuses are counted)
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict[str, int]  # answers per status class, where the script counts them

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string with these characters is a valid Lua string


def write_page_script(folder: Path) -> Path:
    script = folder / "page.lua"
    script.write_text(DONE_LUA)
    return script


def write_reactions_script(
    folder: Path, path: str, readers: Sequence[Reader], kinds: Sequence[str], threads: int
) -> Path:
    entries = ", ".join(
        f"{{cookie = {lua_string(r.cookie)}, token = {lua_string(r.token)}}}" for r in readers
    )
    script = folder / "reactions.lua"
    script.write_text(
        REACTIONS_LUA
        % {
            "path": lua_string(path),
            "readers": f"{{{entries}}}",
            "kinds": "{" + ", ".join(lua_string(k) for k in kinds) + "}",
            "threads": threads,
        }
        + DONE_LUA
    )
    return script


def run_wrk(
    wrk: str, port: int, path: str, script: Path, load: Load, headers: Sequence[str] = ()
) -> Measurement:
    command = [
        wrk, f"-t{load.threads}", f"-c{load.connections}", f"-d{load.seconds}s",
        "--timeout", "10s", "-s", str(script),
    ]  # fmt: skip
    for header in headers:
        command += ["-H", header]
    command.append(f"http://{HOST}:{port}{path}")
    output = run_checked(command, timeout=load.seconds + 60)
    line = next((ln for ln in output.splitlines() if ln.startswith(MARKER)), None)
    if line is None:
        raise BenchError(f"wrk printed no figures:\n{output[-500:]}")
    figures = json.loads(line.removeprefix(MARKER))
    statuses: dict[str, int] = figures["statuses"]
    errors = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    errors += statuses.get("3xx", 0)
    return Measurement(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        errors=errors,
        p50_ms=figures["p50_us"] / 1000,
        p90_ms=figures["p90_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        max_ms=figures["max_us"] / 1000,
        statuses=statuses,
    )
