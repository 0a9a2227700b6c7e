"""Optional parts: the core runs without any extra, and a command whose extra is missing says
in one line which extra to install (exit 78)."""

from __future__ import annotations

import ast
import importlib.metadata
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from helpers import EXAMPLE_PUBLISHED, EXAMPLE_STORY, REPO, run_newsdigest
from newsdigest.extras import EXTRAS, MissingExtra, require

PACKAGE = REPO / "src" / "newsdigest"
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
EXIT_CONFIG = 78


def _names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(line).name) for line in requirements}


def _installed_with_the_core() -> set[str]:
    """The distributions a plain ``pip install newsdigest`` brings, dependencies of dependencies."""
    seen: set[str] = set()
    todo = list(_names(PROJECT["dependencies"]))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    return seen


def _extra_only_modules() -> list[str]:
    """The optional modules that only an extra installs (pydantic, say, comes with spaCy)."""
    core = _installed_with_the_core()
    providers = importlib.metadata.packages_distributions()
    return sorted(
        module
        for module in EXTRAS
        if not {canonicalize_name(d) for d in providers.get(module, [module])} & core
    )


EVERY_EXTRA_MODULE = _extra_only_modules()


def _imported_modules() -> dict[str, list[str]]:
    """Top-level third-party modules imported (or required) anywhere in the package."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "require"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names = [str(node.args[0].value)]
            for name in names:
                top = name.split(".")[0]
                if top != "newsdigest" and top not in sys.stdlib_module_names:
                    found.setdefault(top, []).append(str(path.relative_to(REPO)))
    return found


def test_every_import_is_a_core_dependency_or_belongs_to_an_extra() -> None:
    core = _names(PROJECT["dependencies"])
    extras = {name: _names(reqs) for name, reqs in PROJECT["optional-dependencies"].items()}
    providers = importlib.metadata.packages_distributions()
    wrong = []
    for module, files in _imported_modules().items():
        distributions = {canonicalize_name(d) for d in providers.get(module, [module])}
        if distributions & core:
            continue
        extra = EXTRAS.get(module)
        if extra is None or not distributions & extras.get(extra, set()):
            wrong.append(f"{module} (imported in {files[0]}; extra {extra})")
    assert not wrong, "declare these in pyproject.toml and newsdigest/extras.py: " + str(wrong)


def test_every_extra_named_in_the_code_exists_in_the_project() -> None:
    assert set(EXTRAS.values()) <= set(PROJECT["optional-dependencies"])


def test_require_returns_an_installed_module() -> None:
    assert require("json", purpose="a test").dumps([]) == "[]"


def test_require_names_the_extra_of_a_missing_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    with pytest.raises(MissingExtra) as caught:
        require("uvicorn", purpose="newsdigest serve")
    message = str(caught.value)
    assert "newsdigest serve" in message and "newsdigest[server]" in message
    assert "\n" not in message
    assert caught.value.exit_code == EXIT_CONFIG


@pytest.mark.slow
def test_the_core_commands_run_without_any_extra() -> None:
    result = run_newsdigest(
        "digest",
        str(EXAMPLE_STORY),
        "--published",
        EXAMPLE_PUBLISHED,
        "--format",
        "json",
        blocked=EVERY_EXTRA_MODULE,
    )
    assert result.returncode == 0, result.stderr
    assert '"highlights"' in result.stdout
    for args in (["--help"], ["--version"], ["schema"], ["serve", "--help"]):
        result = run_newsdigest(*args, blocked=EVERY_EXTRA_MODULE)
        assert result.returncode == 0, (args, result.stderr)


def _assert_names_the_extra(result: object, extra: str) -> None:
    assert getattr(result, "returncode", None) == EXIT_CONFIG, result
    stderr = str(getattr(result, "stderr", ""))
    assert stderr.count("\n") == 1, stderr
    assert f"pip install 'newsdigest[{extra}]'" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize("missing", ["uvicorn", "fastapi"])
def test_serve_without_the_server_extra_names_it(missing: str) -> None:
    result = run_newsdigest("serve", "--port", "0", blocked=[missing])
    _assert_names_the_extra(result, "server")


def test_eval_highlights_without_the_eval_extra_names_it(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "article": "A story.", "reference": "A story."}\n')
    result = run_newsdigest("eval", "highlights", "--set", str(gold), blocked=["rouge_score"])
    _assert_names_the_extra(result, "eval")


def test_eval_dates_baseline_without_the_eval_extra_names_it(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "dct": "2026-03-11", "text": "Today.", "timexes": []}\n')
    result = run_newsdigest("eval", "dates", "--set", str(gold), blocked=["dateparser"])
    _assert_names_the_extra(result, "eval")


def test_batch_on_ray_without_the_ray_extra_names_it(tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    records.write_text('{"id": "a", "text": "The council met on Tuesday."}\n')
    result = run_newsdigest(
        "batch",
        str(records),
        "--out",
        str(tmp_path / "out.jsonl"),
        "--engine",
        "ray",
        "--no-progress",
        blocked=["ray"],
    )
    _assert_names_the_extra(result, "ray")


def test_a_sqlite_corpus_needs_no_extra(tmp_path: Path) -> None:
    database = str(tmp_path / "corpus.db")
    for args in (["migrate"], ["stories"], ["export", "--format", "jsonl", "--out", "-"]):
        result = run_newsdigest("corpus", *args, "--db", database, blocked=EVERY_EXTRA_MODULE)
        assert result.returncode == 0, (args, result.stderr)


def test_a_postgresql_corpus_without_the_postgres_extra_names_it() -> None:
    result = run_newsdigest(
        "corpus", "stories", "--db", "postgresql://nobody@127.0.0.1:9/none", blocked=["psycopg"]
    )
    _assert_names_the_extra(result, "postgres")


def test_a_parquet_export_without_the_parquet_extra_names_it(tmp_path: Path) -> None:
    database = str(tmp_path / "corpus.db")
    assert run_newsdigest("corpus", "migrate", "--db", database).returncode == 0
    out = tmp_path / "tables"
    result = run_newsdigest(
        "corpus",
        "export",
        "--db",
        database,
        "--format",
        "parquet",
        "--out",
        str(out),
        blocked=["pyarrow"],
    )
    _assert_names_the_extra(result, "parquet")
