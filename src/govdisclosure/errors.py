"""One family of exceptions; leaves also subclass the natural built-in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govdisclosure.model import Finding

__all__ = ["GovDisclosureError", "InvalidReport", "LimitExceeded", "ParseError"]


class GovDisclosureError(Exception):
    """The root of every exception this library raises on purpose."""


class ParseError(GovDisclosureError, ValueError):
    """No report could be recovered from the input at all.

    Everything short of that becomes a finding attached to the report instead.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        page: int | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message)
        self.line = line
        self.page = page
        self.reason = reason
        """Why, as a message of the catalogs (an English msgid), when ``message`` says
        more than one of them can (a file name): what a translation shows."""


class LimitExceeded(ParseError):
    """The input is larger or deeper than the configured limits allow."""


class InvalidReport(GovDisclosureError, ValueError):
    """A report has error findings (raised by :func:`govdisclosure.validate`)."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        codes = ", ".join(sorted({f.code for f in self.findings}))
        super().__init__(f"{len(self.findings)} error finding(s): {codes}")
