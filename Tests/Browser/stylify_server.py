"""Runs the real `stylify serve` binary on a free port with a fresh data directory."""

import os
import re
import subprocess
import tempfile
import threading
import time
from pathlib import Path


class StylifyServer:
    """`with StylifyServer(binary, models) as server:` → server.base_url; stopped with SIGTERM."""

    def __init__(self, binary: Path, models: Path, startup_timeout: float = 120.0):
        self.binary = binary
        self.models = models
        self.startup_timeout = startup_timeout
        self.base_url = None
        self.log_lines: list[str] = []
        self._data = None
        self._process = None

    def __enter__(self):
        self._data = tempfile.TemporaryDirectory(prefix="stylify-browser-")
        environment = dict(os.environ, STYLIFY_MODELS=str(self.models))
        self._process = subprocess.Popen(
            [str(self.binary), "serve", "--listen", "127.0.0.1:0", "--data-dir", self._data.name],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=environment,
        )
        found = threading.Event()
        threading.Thread(target=self._read_output, args=(found,), daemon=True).start()
        # Seeding the gallery (20 style images) on a fresh database takes 5-17 s on 2 cores.
        deadline = time.monotonic() + self.startup_timeout
        while not found.wait(0.2):
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                tail = "\n".join(self.log_lines[-20:])
                raise RuntimeError(f"stylify serve did not print 'listening on' in {self.startup_timeout:.0f} s:\n{tail}")
        return self

    @property
    def data_directory(self) -> str:
        return self._data.name

    def admin(self, *arguments: str) -> str:
        """Runs `stylify admin …` on this server's database, as an operator would."""
        completed = subprocess.run(
            [str(self.binary), "admin", *arguments, "--data-dir", self._data.name], capture_output=True, text=True, timeout=30
        )
        if completed.returncode != 0:
            raise RuntimeError(f"stylify admin {' '.join(arguments)} exited {completed.returncode}: {completed.stderr}")
        return completed.stdout

    def _read_output(self, found: threading.Event):
        for line in self._process.stdout:
            self.log_lines.append(line.rstrip("\n"))
            match = re.match(r"listening on (http://\S+)", line)
            if match and not found.is_set():
                self.base_url = match.group(1)
                found.set()

    def __exit__(self, *exc):
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._data:
            self._data.cleanup()
        return False
