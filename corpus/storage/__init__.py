"""Persistence: the TEI files that are the corpus's truth, and writing them safely.

Modules: ``store`` (the corpus folder), ``tei`` (TEI P5 read and write), ``safexml`` (hostile
XML refused), ``atomic`` (all-or-nothing writes), ``lock`` (one editor per document),
``journal`` (the write-ahead log that makes a crash lose nothing).
"""
