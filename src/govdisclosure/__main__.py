"""``python -m govdisclosure``: the command line (see :mod:`govdisclosure.cli`)."""

from govdisclosure.cli import main

raise SystemExit(main())
