"""The ``newsdigest`` command line: a group of verbs, each in its own module.

Exit codes are part of the interface: 0 success; 1 some records of a batch failed;
2 usage error; 65 bad data; 66 no input; 70 internal error; 74 I/O or fetch failure;
78 bad configuration; 130 interrupted.
"""

from __future__ import annotations

import logging

import click

from newsdigest import __version__
from newsdigest.cli.batch import batch_command
from newsdigest.cli.corpus import corpus_group
from newsdigest.cli.digest import digest_command, schema_command
from newsdigest.cli.evaluate import eval_group
from newsdigest.cli.serve import serve_command
from newsdigest.cli.train import train_group
from newsdigest.errors import NewsdigestError
from newsdigest.ingest.html import quiet_extraction_loggers

EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130

log = logging.getLogger("newsdigest")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsdigest")
@click.option("-v", "--verbose", count=True, help="More log lines on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Highlights, cast, quotes and timeline of news stories, with character offsets."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="newsdigest: %(levelname)s: %(message)s")


cli.add_command(digest_command)
cli.add_command(batch_command)
cli.add_command(schema_command)
cli.add_command(eval_group)
cli.add_command(serve_command)
cli.add_command(train_group)
cli.add_command(corpus_group)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script: runs a verb and turns every failure into one line."""
    quiet_extraction_loggers()
    try:
        # a verb that ends with click's Exit (batch: 1 when records failed) returns its code
        status = cli.main(
            args=argv,
            prog_name="newsdigest",
            standalone_mode=False,
            auto_envvar_prefix="NEWSDIGEST",
        )
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("newsdigest: interrupted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("newsdigest: interrupted", err=True)
        return EXIT_INTERRUPTED
    except NewsdigestError as exc:
        click.echo(f"newsdigest: error: {exc}", err=True)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last guard: never show a user a traceback
        log.debug("internal error", exc_info=True)
        click.echo(
            f"newsdigest: internal error: {type(exc).__name__}: {exc} (run with -vv for details)",
            err=True,
        )
        return EXIT_INTERNAL
    return status if isinstance(status, int) and not isinstance(status, bool) else 0
