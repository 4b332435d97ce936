"""The concordance: an SQLite index derived from the TEI files, and everything that reads it.

Modules: ``index`` (build and refresh), ``querylang`` and ``searchtext`` (what a linguist types,
how text is cut into words), ``query`` (plan, run, hits, KWIC, sorting, paging),
``regexfilter`` and ``regexscan`` (regular expressions within a time budget), ``frequency``
(frequencies and collocates), ``stats`` (corpus statistics).
"""
