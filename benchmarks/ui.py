"""What a user waits for in the browser: input event to idle page, in headless Chromium (`make bench-ui`).

    .venv/bin/python -m benchmarks.ui [--repeat 5] [--rows 6000]

Starts the app on a free loopback port with an empty SQLite database, then walks the main journey
`--repeat` times (a new assessment each time): create, answer, change step, reload, upload a training,
production and annotations sample, run the checks, open the results, prepare the PDF. Each wait is timed
inside the page, on the page's own clock:

- start: the first input event after the action (pointer, key, change or input; a reload starts at the
  new document's time origin);
- end: the arrival of the last "script finished" message from the server once the page shows what the
  action should bring (a rerun requested by a callback is part of the wait).

The messages are read off the app's WebSocket (a Streamlit `ForwardMsg`; field 6 is `script_finished`),
so the time includes the network round trip and the server's work, but not the final paint (a frame,
~16 ms). The table gives the median of the repeats, and the targets of the product.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from benchmarks.datagen import annotations_frame, production_frame, training_frame

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 120_000
QUIET_MS = 400  # no script run for this long after the expected content shows: the page is idle

# target seconds per measured wait (issue: perceived speed)
TARGETS = {
    "first page after a server start": 2.0,
    "answer saved": 0.3,
    "step change": 0.4,
    "reload": 1.0,
    "upload (training)": None,
    "upload (production)": None,
    "upload (annotations)": None,
    "run checks": 1.5,
    "results page": 1.0,
    "PDF ready": 3.0,
}

# Installed before any page script: records the first input event after `__arm()` and the arrival time
# of every `script_finished` message (a varint in field 6 of the top-level ForwardMsg protobuf).
PAGE_HOOK = """
(() => {
  window.__inputAt = null; window.__armed = false; window.__finished = []; window.__lastMessageAt = 0;
  window.__arm = () => { window.__armed = true; window.__inputAt = null; window.__finished = []; };
  for (const type of ['pointerdown', 'keydown', 'change', 'input']) {
    document.addEventListener(type, () => {
      if (window.__armed && window.__inputAt === null) window.__inputAt = performance.now();
    }, true);
  }
  const varint = (bytes, pos) => {
    let value = 0, shift = 0, b;
    do { b = bytes[pos++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return [value, pos];
  };
  const finishedStatus = (bytes) => {
    let pos = 0;
    while (pos < bytes.length) {
      let tag; [tag, pos] = varint(bytes, pos);
      const field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { let v; [v, pos] = varint(bytes, pos); if (field === 6) return v; }
      else if (wire === 2) { let n; [n, pos] = varint(bytes, pos); pos += n; }
      else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else return null;
    }
    return null;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const at = performance.now();
        window.__lastMessageAt = at;
        if (!(event.data instanceof ArrayBuffer)) return;
        const status = finishedStatus(new Uint8Array(event.data));
        if (status !== null) window.__finished.push([at, status]);
      });
    }
  };
})();
"""
FINISHED_EARLY_FOR_RERUN = 2


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder: Path, run: int) -> tuple[subprocess.Popen, str, float]:
    """The app on a free loopback port with an empty database; returns the process, URL and start seconds."""
    port = free_port()
    from application.server import server_command

    command, env = server_command(port, "127.0.0.1", f"sqlite:///{folder / f'bench{run}.db'}")  # as `readiness ui`
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=(folder / "server.log").open("w"),
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.read().strip() == b"ok":
                    return process, url, time.perf_counter() - started
        except OSError:
            pass
        if process.poll() is not None or time.perf_counter() - started > 60:
            raise SystemExit(f"the app did not start:\n{(folder / 'server.log').read_text()}")
        time.sleep(0.05)


class Stopwatch:
    """Times one user action at a time on the page's clock (see the module docstring)."""

    def __init__(self, page) -> None:
        self.page = page
        self.times: dict[str, list[float]] = {}

    def measure(self, name: str, action: Callable[[], None], ready: Callable[[], None], *,
                from_navigation: bool = False) -> float:
        self.page.mouse.move(0, 0)  # no tooltip of the previous action left over the next target
        self.page.evaluate("window.__arm && window.__arm()")
        action()
        ready()
        seconds = self._idle(from_navigation)
        self.times.setdefault(name, []).append(seconds)
        return seconds

    def _idle(self, from_navigation: bool) -> float:
        deadline = time.monotonic() + WAIT_MS / 1000
        while time.monotonic() < deadline:
            state = self.page.evaluate(
                "[window.__inputAt, window.__finished, window.__lastMessageAt, performance.now()]")
            input_at, finished, last_message, now = state
            start = 0.0 if from_navigation else input_at
            done = [at for at, status in finished if status != FINISHED_EARLY_FOR_RERUN
                    and start is not None and at >= start]
            if done and now - last_message >= QUIET_MS and now - done[-1] >= QUIET_MS:
                return (done[-1] - start) / 1000
            time.sleep(0.05)
        raise TimeoutError("the page did not become idle")


def journey(page, url: str, files: dict[str, Path], watch: Stopwatch) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    heading = page.get_by_role("heading", name="Project context")
    watch.measure("first page after a server start", lambda: page.goto(url),
                  lambda: expect(page.get_by_label("Name")).to_be_visible(), from_navigation=True)
    page.get_by_label("Name").fill(f"Benchmark {time.time_ns()}")
    page.get_by_role("button", name="Create and start").click()
    expect(heading).to_be_visible()
    watch._idle(True)

    cost = ["Moderate (rework, a support ticket)", "High (lost revenue or customers, a complaint)"]
    for i in range(2):
        watch.measure("answer saved", lambda: page.get_by_text(cost[i % 2]).click(),
                      lambda: expect(page.get_by_role("radio", name=cost[i % 2])).to_be_checked())
    steps = [("2", "Collection scope and representativeness"), ("1", "Project context")]
    for number, title in steps:
        watch.measure("step change",
                      lambda: page.get_by_role("button", name=re.compile(rf"{number}\. {title[:12]}")).click(),
                      lambda: expect(page.get_by_role("heading", name=title)).to_be_visible())
    watch.measure("reload", page.reload, lambda: expect(heading).to_be_visible(), from_navigation=True)

    page.get_by_role("button", name=re.compile(r"\d\. Sample data")).click()
    expect(page.get_by_text("never stored")).to_be_visible()
    watch._idle(True)
    uploads = [("training sample", "train", "training"), ("production sample", "production", "production"),
               ("annotations file", "annotations", "annotations")]
    for title, key, what in uploads:
        uploader = page.get_by_test_id("stFileUploader").filter(has_text=re.compile(f"Upload an? {title}")).first
        watch.measure(f"upload ({what})", lambda: uploader.locator("input[type=file]").set_input_files(str(files[key])),
                      lambda: expect(page.get_by_role("tab", name=re.compile(files[key].name))).to_be_visible())
    watch.measure("run checks", lambda: page.get_by_role("button", name="Run checks").click(),
                  lambda: expect(page.get_by_role("heading", name="Check results")).to_be_visible())
    watch.measure("results page", lambda: page.get_by_role("button", name="See results").first.click(),
                  lambda: expect(page.get_by_role("heading", name=re.compile("^Results"))).to_be_visible())
    watch.measure("PDF ready", lambda: page.get_by_role("button", name="Prepare PDF").click(),
                  lambda: expect(page.get_by_role("button", name="Download PDF")).to_be_visible())


def write_files(folder: Path, rows: int) -> dict[str, Path]:
    """Training, production and annotation CSVs of the sizes a first-time user uploads."""
    frames = {"train": training_frame(rows), "production": production_frame(rows // 2),
              "annotations": annotations_frame(rows // 4)}
    paths = {}
    for key, frame in frames.items():
        paths[key] = folder / f"{key}.csv"
        frame.to_csv(paths[key], index=False)
    return paths


def table(times: dict[str, list[float]], start_seconds: float, repeat: int, rows: int) -> str:
    lines = ["| what the user waits for | median (s) | min-max (s) | target (s) | met |", "|---|---:|---:|---:|:-:|"]
    for name, target in TARGETS.items():
        values = times.get(name)
        if not values:
            continue
        median = statistics.median(values)
        met = "" if target is None else ("yes" if median <= target else "**no**")
        lines.append(f"| {name} | {median:.2f} | {min(values):.2f}-{max(values):.2f} | "
                     f"{'' if target is None else f'{target:.1f}'} | {met} |")
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    lines += ["", f"- {repeat} repeats; samples: {rows:,} training, {rows // 2:,} production, "
              f"{rows // 4 * 3:,} annotation rows (CSV)",
              f"- server start to health check: {start_seconds:.2f} s (not a user wait)",
              f"- {os.cpu_count()} cores, Python {platform.python_version()}, load average after: {load}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=6000,
                        help="training rows (production: half as many; annotations: a quarter as many items x 3)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_files(folder, args.rows)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.add_init_script(PAGE_HOOK)
            watch = Stopwatch(page)
            for i in range(args.repeat):
                process, url, start_seconds = start_server(folder, i)
                try:
                    journey(page, url, files, watch)
                finally:
                    process.terminate()
                    process.wait(timeout=10)
                print(f"journey {i + 1}/{args.repeat} done", file=sys.stderr)
            browser.close()
    print(table(watch.times, start_seconds, args.repeat, args.rows))


if __name__ == "__main__":
    main()
