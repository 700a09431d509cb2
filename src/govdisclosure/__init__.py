"""govdisclosure: China's 政府信息公开工作年度报告 as typed data.

Model, check, read and write the annual government information disclosure reports of
Chinese administrative organs, in the 2019 trial format and the 2021 format.

>>> import govdisclosure as gd
>>> report = gd.build_report(organ="某县某局", year=2024,
...     applications={"new_received": {"natural_person": 2}, "granted": {"natural_person": 2}})
>>> [f.code for f in gd.check(report) if f.severity == "error"]
[]
"""

from govdisclosure.checks import CODES, check, is_valid, validate
from govdisclosure.errors import GovDisclosureError, InvalidReport, LimitExceeded, ParseError
from govdisclosure.formats.html import parse_html, render_html
from govdisclosure.formats.json import (
    JSONError,
    from_dict,
    from_json,
    json_schema,
    to_dict,
    to_json,
)
from govdisclosure.formats.markdown import render_markdown
from govdisclosure.formats.records import Record, to_records
from govdisclosure.formats.text import parse_text, render_text
from govdisclosure.i18n import describe_path
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
    "Blank",
    "CellValue",
    "Edition",
    "Finding",
    "GovDisclosureError",
    "InvalidReport",
    "JSONError",
    "LimitExceeded",
    "Narrative",
    "NotApplicable",
    "Organ",
    "OrganKind",
    "ParseError",
    "Record",
    "Report",
    "Severity",
    "Source",
    "Table",
    "Text",
    "build_report",
    "build_table",
    "check",
    "describe_path",
    "from_dict",
    "from_json",
    "is_valid",
    "json_schema",
    "parse_html",
    "parse_text",
    "render_html",
    "render_markdown",
    "render_text",
    "template",
    "to_dict",
    "to_json",
    "to_records",
    "validate",
]
