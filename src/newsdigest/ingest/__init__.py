"""Readers that turn what a user gives (bytes, text, HTML, a URL, a corpus record) into an Article."""
