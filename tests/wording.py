"""The official wording of both editions with its English, as the tests read the template
(not as the library maps it): shared by the tests of English glosses."""

from __future__ import annotations

import govdisclosure as gd
from govdisclosure.i18n import describe_path


def official_labels() -> tuple[dict[str, str], dict[str, str]]:
    """Every row label, row group label, column label, corner and caption of section 二
    of both editions with its English from the template; and every section heading
    with its English, as the test reads them (not as the library maps them)."""
    labels: dict[str, str] = {}
    headings: dict[str, str] = {}
    for edition in ("2019", "2021"):
        tpl = gd.template(edition)
        glosses = dict(tpl.glosses)
        for s in tpl.sections:
            headings[s.heading] = describe_path(s.id, "en")
        for spec in tpl.tables:
            for r in spec.rows:
                labels[r.label] = r.en
                for g in (r.group, r.subgroup):
                    if g:
                        labels[g] = glosses[g]
            labels.update({c.label: c.en for c in spec.columns})
            merged = [
                (spec.corner, spec.corner_en),
                (spec.column_group, spec.column_group_en),
                (spec.column_subgroup, spec.column_subgroup_en),
                (spec.row_group, spec.row_group_en),
                (spec.caption if spec.section == "active" else None, spec.en),
            ]
            labels.update({zh: en for zh, en in merged if zh and en})
    return labels, headings
