"""The real program in tmux (``Terminal``, ``KOPIR``): what the terminal and
crash-safety tests drive, keys sent and the screen read as the user would see it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

KOPIR = Path(sys.executable).with_name("kopir")
WIDTH, HEIGHT = 150, 45


class Terminal:
    """One tmux session running one command."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        assert shutil.which("tmux"), "tmux is needed for this test (apt-get install tmux)"
        self.name = f"kopir-test-{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "KOPIR_CONFIG": str(cwd / "no-config.toml"), "TERM": "xterm-256color"}
        shell = " ".join(_quote(part) for part in command)
        start = ["tmux", "new-session", "-d", "-s", self.name, "-x", str(WIDTH),
                 "-y", str(HEIGHT), "-c", str(cwd), f"exec {shell}"]  # fmt: skip
        # When the last session of the tmux server has just been killed, the server is on
        # its way out and may refuse a new session ("server exited unexpectedly"): the
        # kill -9 tests start and end sessions in quick turns. A later try meets a new server.
        for attempt in range(5):
            started = subprocess.run(start, env=env, capture_output=True, text=True)
            if started.returncode == 0:
                break
            time.sleep(0.2 * (attempt + 1))
        else:
            raise RuntimeError(f"tmux new-session failed: {started.stderr.strip()}")
        subprocess.run(["tmux", "set-option", "-t", self.name, "remain-on-exit", "on"], check=True)

    def screen(self) -> str:
        done = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return done.stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str, pause: float = 0.3) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(pause)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        time.sleep(0.3)

    def pid(self) -> int:
        done = subprocess.run(
            ["tmux", "display-message", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return int(done.stdout.strip())

    def dead(self) -> bool:
        done = subprocess.run(
            ["tmux", "display-message", "-p", "-t", self.name, "#{pane_dead}"],
            capture_output=True, text=True,
        )  # fmt: skip
        return done.stdout.strip() == "1"

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"
