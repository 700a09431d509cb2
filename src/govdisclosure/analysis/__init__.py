"""Analyses over many reports: copied prose and tables, harmonised series across editions.

This layer sits beside the checks: it reads the model and the template and never the
formats. :func:`similar` needs numpy (the ``audit`` extra); :func:`harmonise` needs
nothing beyond the core.
"""

from govdisclosure.analysis.harmonise import (
    HARMONISED_FIELDS,
    Harmonised,
    HarmonisedField,
    HarmonisedFigure,
    harmonise,
)
from govdisclosure.analysis.similarity import (
    ReportRef,
    Similarity,
    normalise_prose,
    shingle_jaccard,
    similar,
)

__all__ = [
    "HARMONISED_FIELDS",
    "Harmonised",
    "HarmonisedField",
    "HarmonisedFigure",
    "ReportRef",
    "Similarity",
    "harmonise",
    "normalise_prose",
    "shingle_jaccard",
    "similar",
]
