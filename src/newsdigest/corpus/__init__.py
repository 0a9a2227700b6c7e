"""The corpus: stored digests, and the links between stories, events and people."""
