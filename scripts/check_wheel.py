"""Check that a built wheel carries every file of the package: code, models, word lists, pages.

python scripts/check_wheel.py dist/newsdigest-0.1.0-py3-none-any.whl
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsdigest"


def package_files(package: Path = PACKAGE) -> set[str]:
    """Every file of the package as its path inside a wheel (``newsdigest/...``).

    package (Path): the package directory in the source tree.
    RETURNS (set[str]): the paths, byte-code caches left out.
    """
    return {
        path.relative_to(package.parent).as_posix()
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def missing_from_wheel(wheel: Path, package: Path = PACKAGE) -> list[str]:
    """The package's files that the wheel lacks.

    wheel (Path): the built wheel.
    package (Path): the package directory in the source tree.
    RETURNS (list[str]): the missing paths, sorted; empty when the wheel is complete.
    """
    with zipfile.ZipFile(wheel) as archive:
        inside = set(archive.namelist())
    return sorted(package_files(package) - inside)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: check_wheel.py WHEEL", file=sys.stderr)
        return 2
    missing = missing_from_wheel(Path(argv[0]))
    for path in missing:
        print(f"check_wheel: missing from the wheel: {path}", file=sys.stderr)
    if not missing:
        print(f"check_wheel: {len(package_files())} files of the package are all in {argv[0]}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
