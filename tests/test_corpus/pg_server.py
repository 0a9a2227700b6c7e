"""A throwaway PostgreSQL server on a Unix socket in a temporary folder (Debian's package).

``initdb`` and ``pg_ctl`` come from PATH or ``/usr/lib/postgresql/*/bin``; as root the server
runs as the ``postgres`` user (PostgreSQL refuses to run as root). The server never touches
the system's own cluster and is stopped at the end.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path


def server_binaries() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or None when not installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        folder = Path(os.path.realpath(found)).parent
        if (folder / "postgres").exists():
            return folder
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        folder = Path(candidate)
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


class TemporaryPostgres:
    """Start a server now; :attr:`url` connects to its ``postgres`` database as user ``nd``.

    binaries (Path): the folder of ``initdb`` and ``pg_ctl``.
    """

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.root = Path(tempfile.mkdtemp(prefix="newsdigest-pg-"))
        self.data = self.root / "data"
        self.socket = self.root / "socket"
        self.socket.mkdir()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            for path in (self.root, self.socket):
                os.chown(path, account.pw_uid, account.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]
        self._run(["initdb", "-D", str(self.data), "-A", "trust", "-U", "nd", "--no-sync"])
        options = f"-k {self.socket} -c listen_addresses='' -c fsync=off"
        self._run(
            ["pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", options, "-w",
             "start"]
        )  # fmt: skip
        self.url = f"postgresql://nd@/postgres?host={self.socket}"

    def _run(self, command: list[str]) -> None:
        program = str(self.binaries / command[0])
        # the server inherits these descriptors: never a pipe of ours, or this call hangs
        subprocess.run(
            [*self._as_user, program, *command[1:]],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )

    def new_database(self, name: str) -> str:
        """Create an empty database; RETURNS its URL."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://nd@/{name}?host={self.socket}"

    def stop(self) -> None:
        """Stop the server (at once: its data is thrown away) and remove its folder."""
        try:
            self._run(["pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
