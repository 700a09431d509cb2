"""Many reports at once: series across years, aggregation, bulk extraction.

- :func:`series` groups reports by organ and orders them by year; :func:`check_series`
  runs the cross-year checks over each report and the report of the year before.
- :func:`aggregate` sums the tables of many reports of one edition and year.
- :func:`extract_file` turns one file's bytes into tidy rows and findings (pure and
  picklable, for process pools and Dask); :func:`extract` runs it over folders.
"""

from __future__ import annotations

from govdisclosure.corpus.aggregate import AggregationError, aggregate
from govdisclosure.corpus.extract import (
    FINDING_FIELDS,
    RECORD_COLUMNS,
    ExtractSummary,
    FileResult,
    extract,
    extract_file,
    read_report,
)
from govdisclosure.corpus.series import Series, check_series, normalize_organ, series

__all__ = [
    "FINDING_FIELDS",
    "RECORD_COLUMNS",
    "AggregationError",
    "ExtractSummary",
    "FileResult",
    "Series",
    "aggregate",
    "check_series",
    "extract",
    "extract_file",
    "normalize_organ",
    "read_report",
    "series",
]
