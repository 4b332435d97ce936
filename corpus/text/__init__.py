"""Raw text to sentences: decoding, cleaning, look-alike letters, page structure, segmentation.

Modules: ``textio`` (reading files, encoding detection), ``clean`` (line structure, invisible
characters, NFC), ``homoglyphs`` (Latin letters inside Cyrillic words), ``structure``
(metadata, headings, speech, furniture), ``abbreviations`` and ``segment`` (sentence splitting).
"""
