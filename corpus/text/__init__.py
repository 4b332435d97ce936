"""Raw text to sentences: decoding, cleaning, look-alike letters, page structure, segmentation.

Modules: ``textio`` (reading files, encoding detection), ``clean`` (line structure, invisible
characters, NFC), ``homoglyphs`` (Latin letters inside Cyrillic words), ``script`` (Kazakh
in the 2018 Latin alphabet or the Arabic script read into Cyrillic), ``structure``
(metadata, headings, speech, furniture), ``abbreviations`` and ``segment`` (sentence splitting).
"""
