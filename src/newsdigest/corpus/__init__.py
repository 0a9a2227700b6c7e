"""The corpus: stored digests, and the links between stories, events and people.

    >>> from newsdigest.corpus import open_store, queries
    >>> with open_store("news.db", write=True) as store:
    ...     store.add(digest.to_dict())
    ...     queries.quotes(store, person="Ana Ruiz")

- the store (:mod:`.store`, :mod:`.sqlite`, :mod:`.postgres`, :mod:`.migrations`,
  :mod:`.tables`): digests kept as versions of their stories, one table per section;
- the queries (:mod:`.queries`, :mod:`.digests`), the export (:mod:`.export`) and
  ``corpus add`` (:mod:`.add`, :mod:`.ray_store`);
- the links across stories (:mod:`.links` and the modules it names): duplicates, event
  clusters, corpus people, who gets quoted.
"""

from newsdigest.corpus.add import AddSummary, add_to_corpus
from newsdigest.corpus.export import export
from newsdigest.corpus.queries import Window
from newsdigest.corpus.store import Store, open_store

__all__ = ["AddSummary", "Store", "Window", "add_to_corpus", "export", "open_store"]
