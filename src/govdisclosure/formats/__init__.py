"""How a report is written down: one module per format, ``parse_*`` and ``render_*``."""
