"""The names kopir's TEI reader and writer share: namespaces and the prefixes of its ids.

Apart so that :mod:`corpus.storage.tei` (writing, and the format's face) and
:mod:`corpus.storage.teiread` (reading and checking) agree on them without
importing each other.
"""

from __future__ import annotations

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

#: ``<corr ana="#repair.…">`` points at the header's category for why a word was repaired.
REPAIR_PREFIX = "repair."
#: Prefixes of the ids of the people who reviewed links and of their changes.
RESP_PREFIX = "resp."
CHANGE_PREFIX = "change."
