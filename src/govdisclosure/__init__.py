"""govdisclosure: China's 政府信息公开工作年度报告 as typed data.

Model, check, read and write the annual government information disclosure reports of
Chinese administrative organs, in the 2019 trial format and the 2021 format.

>>> import govdisclosure as gd
>>> report = gd.build_report(organ="某县某局", year=2024, problems="人员不足。",
...     applications={"new_received": {"natural_person": 2}, "granted": {"natural_person": 1}})
>>> [(f.code, f.path) for f in gd.check(report) if f.severity == "error"]
[('applications.balance', 'applications.*.natural_person'), ('applications.balance', 'applications.*.total')]
"""

from govdisclosure.analysis import (
    HARMONISED_FIELDS,
    Harmonised,
    HarmonisedField,
    HarmonisedFigure,
    ReportRef,
    Similarity,
    harmonise,
    similar,
)
from govdisclosure.checks import CODES, check, in_reading_order, is_valid, validate
from govdisclosure.checks.narrative import StatedFigure, stated_figures
from govdisclosure.corpus import (
    AggregationError,
    ExtractSummary,
    FileResult,
    Series,
    aggregate,
    check_series,
    extract,
    extract_file,
    series,
)
from govdisclosure.errors import GovDisclosureError, InvalidReport, LimitExceeded, ParseError
from govdisclosure.formats.dispatch import parse, parse_all
from govdisclosure.formats.doc import parse_doc
from govdisclosure.formats.docx import parse_docx, render_docx
from govdisclosure.formats.html import parse_html, render_html
from govdisclosure.formats.json import (
    JSONError,
    from_dict,
    from_json,
    json_schema,
    to_dict,
    to_json,
)
from govdisclosure.formats.markdown import parse_markdown, render_markdown
from govdisclosure.formats.pdf import parse_pdf
from govdisclosure.formats.records import HarmonisedRecord, Record, to_records
from govdisclosure.formats.text import parse_text, render_text
from govdisclosure.i18n import describe_path
from govdisclosure.limits import Limits, get_limits, set_limits
from govdisclosure.model import (
    BLANK,
    Blank,
    CellValue,
    Finding,
    Narrative,
    NotApplicable,
    Organ,
    OrganKind,
    Report,
    Severity,
    Source,
    Table,
    Text,
    build_report,
    build_table,
)
from govdisclosure.template import Edition, template

__version__ = "0.1.0"

__all__ = [
    "BLANK",
    "CODES",
    "HARMONISED_FIELDS",
    "AggregationError",
    "Blank",
    "CellValue",
    "Edition",
    "ExtractSummary",
    "FileResult",
    "Finding",
    "GovDisclosureError",
    "Harmonised",
    "HarmonisedField",
    "HarmonisedFigure",
    "HarmonisedRecord",
    "InvalidReport",
    "JSONError",
    "LimitExceeded",
    "Limits",
    "Narrative",
    "NotApplicable",
    "Organ",
    "OrganKind",
    "ParseError",
    "Record",
    "Report",
    "ReportRef",
    "Series",
    "Severity",
    "Similarity",
    "Source",
    "StatedFigure",
    "Table",
    "Text",
    "aggregate",
    "build_report",
    "build_table",
    "check",
    "check_series",
    "describe_path",
    "extract",
    "extract_file",
    "from_dict",
    "from_json",
    "get_limits",
    "harmonise",
    "in_reading_order",
    "is_valid",
    "json_schema",
    "parse",
    "parse_all",
    "parse_doc",
    "parse_docx",
    "parse_html",
    "parse_markdown",
    "parse_pdf",
    "parse_text",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_text",
    "series",
    "set_limits",
    "similar",
    "stated_figures",
    "template",
    "to_dict",
    "to_json",
    "to_records",
    "validate",
]
