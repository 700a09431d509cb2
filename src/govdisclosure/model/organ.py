"""The organ that publishes a report, and what kind of organ it is."""

from __future__ import annotations

import enum
import re
import unicodedata

import attrs

__all__ = ["Organ", "OrganKind", "infer_organ_kind", "organ_key", "same_organ"]


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
    """Guess the kind of organ from its name; :attr:`~govdisclosure.OrganKind.OTHER` when unsure.

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


_PARENT_PLACE = re.compile(r"^\S+?(省|自治区|市|州|盟|地区)$")


def organ_key(name: str) -> str:
    """The name folded for comparison: no white space, full-width forms normalised."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def same_organ(a: str, b: str) -> bool:
    """Whether two printed names denote the same organ.

    Names are compared without white space; a name may also carry the higher-level
    place in front of it, as reports of one organ do from year to year.

    >>> same_organ("洪泽区人民政府", "淮安市洪泽区人民政府")
    True
    >>> same_organ("淮安市人民政府", "淮安市洪泽区人民政府")
    False
    """
    ka, kb = organ_key(a), organ_key(b)
    if ka == kb:
        return bool(ka)
    short, long = sorted((ka, kb), key=len)
    if not short or not long.endswith(short):
        return False
    return bool(_PARENT_PLACE.match(long[: -len(short)]))
