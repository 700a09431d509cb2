"""``python -m govdisclosure``: the command line (see :mod:`govdisclosure.cli`)."""

from govdisclosure.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
