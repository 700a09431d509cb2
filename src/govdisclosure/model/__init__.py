"""What a report is: frozen, typed attrs classes with no I/O and no cross-field arithmetic."""

from govdisclosure.model.build import CellInput, TableInput, build_report, build_table
from govdisclosure.model.cells import (
    BLANK,
    Blank,
    CellReading,
    CellValue,
    NotApplicable,
    Number,
    Text,
    is_number,
    read_cell,
)
from govdisclosure.model.findings import Finding, Param, Severity, Source
from govdisclosure.model.organ import Organ, OrganKind, infer_organ_kind, organ_key, same_organ
from govdisclosure.model.report import SECTION_IDS, Narrative, Report, split_path
from govdisclosure.model.tables import Table

__all__ = [
    "BLANK",
    "SECTION_IDS",
    "Blank",
    "CellInput",
    "CellReading",
    "CellValue",
    "Finding",
    "Narrative",
    "NotApplicable",
    "Number",
    "Organ",
    "OrganKind",
    "Param",
    "Report",
    "Severity",
    "Source",
    "Table",
    "TableInput",
    "Text",
    "build_report",
    "build_table",
    "infer_organ_kind",
    "is_number",
    "organ_key",
    "read_cell",
    "same_organ",
    "split_path",
]
