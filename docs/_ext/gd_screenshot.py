"""``{optional-image}``: an image that may not exist yet.

The screenshot of a rendered report (``docs/_static/report-html.png``) is produced by the
HTML renderer's branch. Until the file exists the directive shows a short note instead
of failing the build; once it exists the image appears. Nothing else changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)


class OptionalImage(SphinxDirective):
    """An image if its file exists, otherwise a note saying it is not there yet."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "alt": directives.unchanged,
        "width": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        rel = self.arguments[0]
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        path = (Path(self.env.srcdir) / rel.lstrip("/")) if rel.startswith("/") else docdir / rel
        caption = " ".join(self.content).strip()
        # a dependency even while missing, so the page is re-read once the file appears
        self.env.note_dependency(str(path))
        if path.exists():
            image = nodes.image(uri=rel, alt=self.options.get("alt", caption))
            if "width" in self.options:
                image["width"] = self.options["width"]
            self.state.document.settings.record_dependencies.add(str(path))
            figure = nodes.figure("", image)
            if caption:
                figure += nodes.caption(caption, caption)
            return [figure]
        logger.info("optional-image: %s not found; showing a placeholder note", rel)
        note = nodes.note()
        note += nodes.paragraph(
            text=f"The screenshot ({Path(rel).name}) is not in this build yet: {caption}"
        )
        return [note]


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("optional-image", OptionalImage)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
