"""The organ that publishes a report, and what kind of organ it is."""

from __future__ import annotations

import enum
import re

import attrs

__all__ = ["Organ", "OrganKind", "infer_organ_kind"]


class OrganKind(enum.StrEnum):
    """The kinds of organ that the 条例 treats differently (第四十九条, 第五十条)."""

    DEPARTMENT = "department"
    """A department of a people's government at county level or above (publishes by
    31 January)."""
    GOVERNMENT = "government"
    """A people's government at county level or above (published by 31 March)."""
    TOWNSHIP = "township"
    """A township or town government, or a street office (no date in the 条例)."""
    OTHER = "other"
    """Any other organ (authorised organisations, agencies) or not known."""


@attrs.frozen
class Organ:
    """The publishing organ.

    >>> Organ("河曲县巡镇镇人民政府").kind
    <OrganKind.TOWNSHIP: 'township'>
    """

    name: str
    kind: OrganKind = attrs.field(converter=OrganKind)

    @kind.default
    def _kind_from_name(self) -> OrganKind:
        return infer_organ_kind(self.name)


_TOWNSHIP = re.compile(r"(镇|乡|街道|街道办事处|苏木)(人民政府|办事处)?$")
_GOVERNMENT = re.compile(r"(省|自治区|市|州|盟|县|区|旗|特区|林区)人民政府$")
_GOVERNMENT_OFFICE = re.compile(r"人民政府办公(室|厅)$")
_DEPARTMENT = re.compile(
    r"(局|委|委员会|厅|办|办公室|中心|署|院|部|所|处|站|队|管委会|管理委员会|监督管理局)$"
)


def infer_organ_kind(name: str) -> OrganKind:
    """Guess the kind of organ from its name; :attr:`OrganKind.OTHER` when unsure.

    >>> infer_organ_kind("淮安市人民政府")
    <OrganKind.GOVERNMENT: 'government'>
    >>> infer_organ_kind("杨凌示范区审计局")
    <OrganKind.DEPARTMENT: 'department'>
    >>> infer_organ_kind("巡镇镇人民政府")
    <OrganKind.TOWNSHIP: 'township'>
    """
    name = "".join(name.split())
    if not name:
        return OrganKind.OTHER
    if _TOWNSHIP.search(name):
        return OrganKind.TOWNSHIP
    if _GOVERNMENT.search(name):
        return OrganKind.GOVERNMENT
    if _GOVERNMENT_OFFICE.search(name) or _DEPARTMENT.search(name):
        return OrganKind.DEPARTMENT
    return OrganKind.OTHER
