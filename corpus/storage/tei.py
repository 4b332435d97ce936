"""TEI P5 reading and writing: the corpus's source of truth.

One file per document::

    TEI
      teiHeader       title, authors, source (file, checksum, date, agency),
                      segmentation and correction notes, languages, people, rubric
      text
        group
          text xml:lang="kk" xml:id="kk"   body/div/(head|p|sp|fw|opener|closer)/s
          text xml:lang="en" xml:id="en"   the same for the English side
        linkGrp type="alignment"
          link type="text" target="#kk #en"            the two texts are parallel
          link type="1-2" subtype="auto" cert="0.87" target="#kk.s3 #en.s4 #en.s5"

An empty side is ``<body><div/></body>`` and an empty side of a link points at
the other text as a whole (``#kk.s7 #en`` is a 1-0 link), since TEI wants at
least one element in a body and two targets in a link.

Writing is in :mod:`corpus.storage.teiwrite` (as text, remembering what it
wrote for the editor's next save); reading, which checks what RelaxNG cannot
(unique ids, no dangling pointers, no nested ``<s>``, no text outside
sentences, links with two sides), is in :mod:`corpus.storage.teiread`. Both
are answered here. Reading then writing a document gives back the same bytes.
"""

from __future__ import annotations

from corpus.storage.teiread import from_bytes
from corpus.storage.teiwrite import TeiWriter, to_bytes

__all__ = ["TeiWriter", "from_bytes", "to_bytes"]
