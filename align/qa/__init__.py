"""Quality checks on translation units: what a reviewer would catch before a TMX goes out.

The public API, for the command line and the translator's editor:

* :func:`check_document`, :func:`check_corpus`, :func:`check_units` run the
  checks and return :class:`Finding` lists; :class:`DocumentChecker` re-checks
  a document after each edit, re-running the one-unit checks only on the
  beads that changed;
* :func:`calibrate` fits the length-ratio check to a corpus;
* :func:`load_config` reads the project's ``kopir.toml`` into a
  :class:`QAConfig`;
* :data:`CATALOG` lists every check with its id and default severity.
"""

from align.qa.catalog import CATALOG, CHECKS, SEVERITIES, CheckInfo, Severity
from align.qa.config import CONFIG_NAME, CheckSettings, ConfigError, QAConfig, load_config
from align.qa.findings import Finding, count_by_severity, summarise
from align.qa.lengths import Calibration, calibrate
from align.qa.run import DocumentChecker, check_corpus, check_document, check_units

__all__ = [
    "CATALOG",
    "CHECKS",
    "CONFIG_NAME",
    "SEVERITIES",
    "Calibration",
    "CheckInfo",
    "CheckSettings",
    "ConfigError",
    "DocumentChecker",
    "Finding",
    "QAConfig",
    "Severity",
    "calibrate",
    "check_corpus",
    "check_document",
    "check_units",
    "count_by_severity",
    "load_config",
    "summarise",
]
