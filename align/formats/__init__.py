"""Translation units and the files they go to and come from: TMX, Moses, TSV, JSON Lines, hits.

Modules: ``units`` (a document's alignment as translation-memory pairs), ``unit_reader``,
``sanitize`` (text made safe for XML and CAT tools), ``export`` (what every export does),
``tmx_writer`` and ``tmx_reader`` (TMX 1.4b out and in), ``tmx_report`` (what a TMX export
did), ``srx`` and ``srx_dotnet`` (kopir's segmentation rules for CAT tools), ``plain``
(Moses, TSV, JSONL), ``registry`` (the one list of formats), ``hits`` and ``matchlines``
(query hits and match lines as CSV, TSV, JSON or TMX), ``hit_tmx`` (hits as the TMX units
the documents hold now), ``hit_report`` (what a hits export did), ``streams`` (CSV, TSV and
JSON rows, for every table).
"""
