"""Readers that turn a story as given (bytes, text, HTML, a URL, a record) into an Article."""
