"""What can go wrong with a corpus database, each error with its exit status and HTTP status."""

from __future__ import annotations

from newsdigest.errors import ConfigError, InputError, NewsdigestError, NoInput


class StoreError(NewsdigestError):
    """The corpus database cannot be read or written: corrupt, locked, or unreachable."""

    exit_code = 74
    status = 503
    title = "Corpus database failed"


class StoreLocked(StoreError):
    """Another process held the database's write lock for longer than the time-out."""

    title = "Corpus database locked"


class StoreCorrupt(StoreError):
    """The file is not a SQLite database, or its pages are damaged."""

    title = "Corpus database corrupt"


class SchemaMismatch(NewsdigestError):
    """The database was made by an older newsdigest (run ``corpus migrate``) or a newer one."""

    exit_code = 78
    status = 409
    title = "Corpus database needs migrating"


class NoDatabase(NoInput):
    """A read asks for a SQLite corpus file that does not exist."""

    title = "No corpus database"


class UnknownStory(NoInput):
    """No story (or version) with the id asked for is in the corpus."""

    title = "No such story"


class BadFilter(InputError):
    """A query's filter has a value it cannot use (a date that is not a date)."""

    title = "Invalid filter"


class BadDatabaseURL(ConfigError):
    """``--db`` names a scheme newsdigest cannot store a corpus in."""

    title = "Unknown database"
