"""The command line through a real subprocess: formats, standard input, and every error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLE_STORY as EXAMPLE


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsdigest", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[bytes], code: int) -> str:
    err = result.stderr.decode()
    assert result.returncode == code, err
    assert err.count("\n") == 1 and err.startswith("newsdigest: error:"), err
    assert "Traceback" not in err
    return err


def test_json_digest_of_a_file_follows_the_contract() -> None:
    result = run("digest", str(EXAMPLE), "--published", "2026-03-11")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["schema"] == "newsdigest/1"
    assert data["article"]["published"] == "2026-03-11"
    assert data["text"] == EXAMPLE.read_text(encoding="utf-8")
    for section in ("highlights", "entities", "quotes", "dates", "timeline"):
        assert data[section], section


def test_story_from_standard_input_without_text() -> None:
    story = b"The council met on Monday. It approved the budget."
    result = run("digest", "-", "--no-text", "--only", "highlights", stdin=story)
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert "text" not in data and "entities" not in data
    assert data["highlights"][0]["text"] == "The council met on Monday."


@pytest.mark.parametrize(("fmt", "marker"), [("markdown", "## Highlights"), ("text", "HIGHLIGHTS")])
def test_formats_for_people(fmt: str, marker: str) -> None:
    result = run("digest", str(EXAMPLE), "--format", fmt, "--published", "2026-03-11")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert marker in out and "Elena Marsh" in out


def test_schema_command_prints_a_json_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["$id"] == "newsdigest/1"


def test_missing_file_is_no_input() -> None:
    assert "no such file" in assert_one_line_error(run("digest", "no/such/story.txt"), 66)


@pytest.mark.parametrize("content", [b"", b"   \n\t  \n"])
def test_empty_story_is_bad_data(tmp_path: Path, content: bytes) -> None:
    story = tmp_path / "empty.txt"
    story.write_bytes(content)
    assert "empty" in assert_one_line_error(run("digest", str(story)), 65)


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    story = tmp_path / "image.png"
    story.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in assert_one_line_error(run("digest", str(story)), 65)


def test_mostly_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    noise = bytes((i * 97 + 13) % 255 + 1 for i in range(4000))
    story = tmp_path / "noise.bin"
    story.write_bytes(noise)
    assert_one_line_error(run("digest", str(story)), 65)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("The café opened on Tuesday.".encode("utf-8-sig"), "utf-8-sig"),
        ("The café opened on Tuesday.".encode("utf-16"), "utf-16"),
        ("The café owner, José Núñez, said: “We open on Tuesday.”".encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_decoded_and_reported(tmp_path: Path, data: bytes, encoding: str) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(data)
    result = run("digest", str(story), "--only", "highlights")
    assert result.returncode == 0, result.stderr.decode()
    digest = json.loads(result.stdout)
    assert digest["article"]["encoding"] == encoding
    assert "café" in digest["text"] and "\ufeff" not in digest["text"]
    for highlight in digest["highlights"]:
        for start, end in highlight["spans"]:
            assert digest["text"][start:end]


def test_story_over_max_chars_is_refused_unless_the_limit_is_raised(tmp_path: Path) -> None:
    story = tmp_path / "long.txt"
    story.write_text("The council met. " * 100, encoding="utf-8")
    assert "--max-chars" in assert_one_line_error(
        run("digest", str(story), "--max-chars", "1000"), 65
    )
    assert run("digest", str(story), "--max-chars", "5000", "--only", "highlights").returncode == 0


def test_unknown_section_is_a_usage_error() -> None:
    result = run("digest", str(EXAMPLE), "--only", "weather")
    assert result.returncode == 2
    assert "unknown section" in result.stderr.decode()


def test_bad_publication_date_is_bad_data() -> None:
    assert "YYYY-MM-DD" in assert_one_line_error(
        run("digest", str(EXAMPLE), "--published", "11/03/2026"), 65
    )


def test_help_exists_for_every_command() -> None:
    for command in ("digest", "schema", "eval"):
        result = run(command, "--help")
        assert result.returncode == 0 and b"Usage:" in result.stdout
