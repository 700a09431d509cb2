"""``parse.pdf-damage`` whatever the program's logging, which is left as it is.

The damage pdfminer reads past is what it logs (a warning or an error). The reader took
it from a handler it added to the ``pdfminer`` logger while it read; a program that set
up its logging to silence pdfminer (a level above ``WARNING`` on ``pdfminer`` or on one
of its modules' loggers, ``logging.disable``, ``propagate`` off, a filter) kept the
records from being made or from reaching that handler, and a damaged PDF read as sound.
Now pdfminer's modules hold, while PDFs are read, a stand-in for their loggers that
notes each warning or error of the read under way in its thread and passes the call on
unchanged:
the damage is named whatever the program's logging, and the program gets the records it
asked for, no more, no less, each naming pdfminer's line.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.formats import pdf as pdfmod
from pdfbytes import assemble

pytest.importorskip("pdfplumber")

ENGINES = ["pdfplumber", "pdfium"]
CHILDREN = [
    "pdfminer.cmapdb",
    "pdfminer.pdfdevice",
    "pdfminer.pdfdocument",
    "pdfminer.pdffont",
    "pdfminer.pdfinterp",
    "pdfminer.pdfpage",
    "pdfminer.pdftypes",
    "pdfminer.psparser",
]
"""The loggers of pdfminer's modules that log warnings or errors."""


def _engine(engine: str) -> str:
    if engine == "pdfium":
        pytest.importorskip("pypdfium2")
    return engine


def page(*, damaged: bool) -> bytes:
    """A page; ``damaged``, with three kinds of damage pdfminer reads past: a MediaBox
    of five numbers (``pdfminer.pdfpage``: both engines), a line width that is a string
    (``pdfminer.pdfinterp``: the default engine, which interprets the content), a
    content stream that inflates but for its checksum (``pdfminer.pdftypes``; the PDFium
    engine judges it itself)."""
    drawn = b"BT /F1 12 Tf 72 700 Td (Damage 2024) Tj ET\n%s w\n" % (b"(x)" if damaged else b"1")
    packed = bytearray(zlib.compress(b"BT /F1 12 Tf 72 680 Td (More 2024) Tj ET\n"))
    if damaged:
        packed[-1] ^= 0xFF  # (the checksum's last byte)
    box = b"[0 0 612 792 0]" if damaged else b"[0 0 612 792]"
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents [4 0 R 5 0 R] "
            b"/Resources << /Font << /F1 6 0 R >> >> >>" % box,
            b"<< /Length %d >>\nstream\n" % len(drawn) + drawn + b"\nendstream",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + bytes(packed)
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


DAMAGED = page(damaged=True)
SOUND = page(damaged=False)
MEDIABOX = "Invalid MediaBox in /Page, defaulting to US Letter"
WIDTH = "Cannot set line width because b'x' is an invalid float value"
LOSS = "Data-loss while decompressing corrupted data"
EXPECTED = {
    "pdfplumber": [MEDIABOX, WIDTH, LOSS, MEDIABOX],
    "pdfium": [MEDIABOX, LOSS],
}
"""The problems of :data:`DAMAGED`, as each engine notes them with logging as Python
sets it up (no level, no handler)."""


Record = tuple[str, str, int, str, int, str, str]


@contextlib.contextmanager
def program_handlers() -> Iterator[list[Record]]:
    """A program's handlers, on the root logger (``logging.basicConfig``) and on
    ``pdfminer``: the records they get in this thread, each with its logger, level,
    message, and the file, line and function it names."""
    got: list[Record] = []
    thread = threading.get_ident()

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.thread == thread:
                try:
                    message = record.getMessage()
                except TypeError:
                    message = str(record.msg)
                got.append(
                    (
                        self.name or "",
                        record.name,
                        record.levelno,
                        message,
                        record.lineno,
                        record.funcName,
                        record.pathname,
                    )
                )

    handlers = {"": Keep(), "pdfminer": Keep()}
    for name, handler in handlers.items():
        handler.name = name or "root"
        logging.getLogger(name).addHandler(handler)
    try:
        yield got
    finally:
        for name, handler in handlers.items():
            logging.getLogger(name).removeHandler(handler)


@contextlib.contextmanager
def logging_kept() -> Iterator[None]:
    """Logging as it was before the block (the pdfminer loggers' levels, propagation,
    filters and handlers, ``logging.disable``), whatever the block sets."""
    loggers = [logging.getLogger(n) for n in ["pdfminer", *CHILDREN]]
    saved = [(lg, lg.level, lg.propagate, list(lg.filters), list(lg.handlers)) for lg in loggers]
    disabled = logging.root.manager.disable
    try:
        yield
    finally:
        logging.disable(disabled)
        for lg, level, propagate, filters, handlers in saved:
            lg.setLevel(level)
            lg.propagate = propagate
            lg.filters[:] = filters
            lg.handlers[:] = handlers


@pytest.fixture(autouse=True)
def python_logging() -> Iterator[None]:
    """Each test starts with the pdfminer loggers as Python sets them up (another
    test's command line may have set ``propagate`` off), and leaves them as they were."""
    with logging_kept():
        logging.disable(logging.NOTSET)
        for name in ["pdfminer", *CHILDREN]:
            logger = logging.getLogger(name)
            logger.setLevel(logging.NOTSET)
            logger.propagate = True
            logger.filters[:] = []
        yield


def read(data: bytes, engine: str) -> list[str]:
    """The problems pdfminer reports reading ``data`` (as ``pdf_reports`` reads it, to
    its ``parse.pdf-damage`` finding)."""
    with pdfmod._pdfminer_problems() as problems:
        pages = list(pdfmod._pages(data, None, engine=engine))  # type: ignore[arg-type]
    assert [getattr(it, "text", None) for it in pages[0].items] == ["Damage 2024", "More 2024"]
    return list(problems)


class Drop(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


def _set_level(names: list[str]) -> Callable[[], None]:
    def apply() -> None:
        for n in names:
            logging.getLogger(n).setLevel(logging.ERROR)

    return apply


def _no_propagation() -> None:
    for n in CHILDREN:
        logging.getLogger(n).propagate = False


def _filtered() -> None:
    for n in CHILDREN:
        logging.getLogger(n).addFilter(Drop())


SILENCING: dict[str, Callable[[], None]] = {
    "pdfminer-level": _set_level(["pdfminer"]),
    "module-levels": _set_level(CHILDREN),
    "disable": lambda: logging.disable(logging.WARNING),
    "no-propagation": _no_propagation,
    "module-filters": _filtered,
}
"""Ways a program silences pdfminer's warnings (its records, made or not, reach no
handler of the program's: with ``propagate`` off, none above the module's logger)."""


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("silence", list(SILENCING))
def test_a_program_that_silences_pdfminer_still_has_its_damage_named(
    silence: str, engine: str
) -> None:
    engine = _engine(engine)
    with logging_kept():
        SILENCING[silence]()
        with program_handlers() as got:
            problems = read(DAMAGED, engine)
    assert problems == EXPECTED[engine]
    assert got == []  # (and it stays silent)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_program_gets_every_record_as_pdfminer_made_it(engine: str) -> None:
    """With logging as Python sets it up, the program's handlers get each warning once
    each, naming pdfminer's module, line and function (not the reader's stand-in)."""
    engine = _engine(engine)
    with program_handlers() as got:
        problems = read(DAMAGED, engine)
    assert problems == EXPECTED[engine]
    logged = [r for r in got if r[0] == "pdfminer"]
    assert [r[3] for r in logged] == [p for p in problems if engine != "pdfium" or p != LOSS]
    assert [r for r in got if r[0] == "root"] == [("root", *r[1:]) for r in logged]
    for _, name, _, _, _, function, path in logged:
        assert Path(path).stem == name.split(".")[1]
        assert function in ("_parse_mediabox", "do_w", "decompress_corrupted")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_sound_page_has_no_problem(engine: str) -> None:
    assert read(SOUND, _engine(engine)) == []


def test_a_silenced_real_report_is_named_by_both_engines() -> None:
    """A report with a MediaBox pdfminer cannot read and a content stream that inflates
    but for its checksum, read by a program that sets pdfminer's level to ``ERROR``:
    its ``parse.pdf-damage`` finding is the one read with logging as Python sets it up."""
    pytest.importorskip("pypdfium2")
    data = bytearray(
        (Path(__file__).parent / "data" / "real" / "huaian-2024.pdf")
        .read_bytes()
        .replace(
            b"/Margins [0 0 0 0]/MediaBox [0 0 595 842]",
            b"/Margins[0 0 0 0]/MediaBox[0 0 595 842 0]",
            1,
        )
    )
    data[403847] = 189  # (page 5's content stream, in its checksum)

    def found() -> dict[str, object]:
        return {
            engine: [
                dict(f.params)
                for f in gd.parse_pdf(bytes(data), engine=engine).findings  # type: ignore[arg-type]
                if f.code == "parse.pdf-damage"
            ]
            for engine in ENGINES
        }

    with logging_kept():
        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        with program_handlers() as got:
            silenced = found()
    assert got == []
    assert silenced == {
        # (pdfminer reads the pages' MediaBoxes twice for pdfplumber, once for PDFium)
        "pdfplumber": [{"count": 3, "problem": MEDIABOX}],
        "pdfium": [{"count": 2, "problem": MEDIABOX}],
    }


_LEVELS = st.sampled_from(
    [logging.NOTSET, logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, 60]
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(ENGINES),
    st.dictionaries(
        st.sampled_from(["pdfminer", *CHILDREN]),
        st.tuples(_LEVELS, st.booleans(), st.booleans()),
    ),
    st.sampled_from([logging.NOTSET, logging.INFO, logging.WARNING, logging.CRITICAL]),
)
def test_the_damage_is_the_reads_and_the_records_the_programs(
    engine: str, setup: dict[str, tuple[int, bool, bool]], disable: int
) -> None:
    """Property: the pdfminer loggers set up anyhow (levels, propagation, filters,
    ``logging.disable``), the problems noted are those noted with logging as Python
    sets it up, and the program's handlers get the records they get from pdfminer
    unwatched (the reader's stand-ins not put in: as they were before them)."""
    engine = _engine(engine)
    with logging_kept():
        for name, (level, propagate, drop) in setup.items():
            logger = logging.getLogger(name)
            logger.setLevel(level)
            logger.propagate = propagate
            if drop:
                logger.addFilter(Drop())
        logging.disable(disable)
        with program_handlers() as got:
            problems = read(DAMAGED, engine)
        with (
            mock.patch.object(pdfmod, "_noting_logs", contextlib.nullcontext),
            program_handlers() as unwatched,
        ):
            read(DAMAGED, engine)
    assert problems == EXPECTED[engine]
    assert got == unwatched


def test_threads_reading_at_once_each_have_their_own_damage() -> None:
    """Reads in two threads at once, a damaged page and a sound one, pdfminer silenced:
    each read has its own problems, and pdfminer's loggers are its own again after."""
    from pdfminer import pdftypes  # noqa: PLC0415

    start = threading.Barrier(2)
    problems: dict[str, list[list[str]]] = {"damaged": [], "sound": []}

    def run(name: str, data: bytes) -> None:
        start.wait()
        for _ in range(3):
            problems[name].append(read(data, "pdfplumber"))

    with logging_kept():
        logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
        threads = [
            threading.Thread(target=run, args=("damaged", DAMAGED)),
            threading.Thread(target=run, args=("sound", SOUND)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert problems == {"damaged": [EXPECTED["pdfplumber"]] * 3, "sound": [[]] * 3}
    assert pdftypes.logger is logging.getLogger("pdfminer.pdftypes")


def test_a_read_inside_a_read_notes_its_own_damage() -> None:
    """A read inside another (in the same thread): the inner read's damage is its own;
    the outer read, when it goes on, still notes its own; pdfminer's loggers are its own
    again only when the outer ends."""
    from pdfminer import pdfpage, pdftypes  # noqa: PLC0415

    with logging_kept():
        logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
        with pdfmod._pdfminer_problems() as outer:
            inner = read(DAMAGED, "pdfplumber")
            assert outer == []
            packed = bytearray(zlib.compress(b"lost"))
            packed[-1] ^= 0xFF
            pdftypes.decompress_corrupted(bytes(packed))  # (pdfminer's: it warns)
    assert inner == EXPECTED["pdfplumber"]
    assert outer == [LOSS]
    assert pdfpage.log is logging.getLogger("pdfminer.pdfpage")


def state(logger: logging.Logger) -> dict[str, object]:
    """What is set on ``logger`` (but its cache of levels)."""
    return {k: v for k, v in vars(logger).items() if k != "_cache"}


def test_every_way_to_log_a_warning_is_noted() -> None:
    """However pdfminer might log (``log``, ``exception``, ``warn``, ``critical``, ...),
    a warning or worse is noted, once, and its record names the line that logged it."""
    from pdfminer import pdftypes  # noqa: PLC0415

    with logging_kept(), program_handlers() as got, pdfmod._pdfminer_problems() as problems:
        logger = pdftypes.logger  # (as pdfminer's module holds it while a PDF is read)
        logger.setLevel(logging.DEBUG)
        logger.debug("not %s", "noted")
        logger.info("not noted")
        logger.log(logging.INFO, "not noted")
        logger.log(logging.ERROR, "logged at %d", 40)
        logger.warning("a %(what)s", {"what": "mapping"})
        with pytest.warns(DeprecationWarning, match="warn"):
            logger.warn("warned")
        try:
            raise ValueError
        except ValueError:
            logger.exception("an exception")
        logger.critical("critical")
        logger.fatal("fatal")
    noted = ["logged at 40", "a mapping", "warned", "an exception", "critical", "fatal"]
    assert problems == noted
    mine = [r for r in got if r[0] == "pdfminer"]
    assert len(mine) == 9
    assert {r[5] for r in mine} == {"test_every_way_to_log_a_warning_is_noted"}


def test_pdfminer_and_logging_are_left_as_they_were() -> None:
    """After reads, also those that fail: each pdfminer module's logger is its own, as
    it was, and the ``pdfminer`` logger has the handlers it had."""
    import importlib  # noqa: PLC0415

    modules = [importlib.import_module(name) for name in CHILDREN]
    loggers = [logging.getLogger(name) for name in ["pdfminer", *CHILDREN]]
    before = [state(logger) for logger in loggers]
    read(DAMAGED, "pdfplumber")
    with pytest.raises(gd.ParseError):
        gd.parse_pdf(DAMAGED[:200])
    with pytest.raises(RuntimeError), pdfmod._pdfminer_problems():
        raise RuntimeError
    assert [state(logger) for logger in loggers] == before
    for module, name in zip(modules, CHILDREN, strict=True):
        held = [v for k, v in vars(module).items() if k in ("log", "logger")]
        assert held == [logging.getLogger(name)]


def test_a_method_the_program_set_on_a_logger_is_called_and_kept() -> None:
    logger = logging.getLogger("pdfminer.pdfpage")
    seen: list[object] = []

    def own(msg: object, *args: object, **kwargs: object) -> None:
        seen.append(msg)

    logger.warning = own  # type: ignore[method-assign]
    try:
        problems = read(DAMAGED, "pdfplumber")
        assert vars(logger)["warning"] is own
    finally:
        del logger.warning
    assert problems == EXPECTED["pdfplumber"]
    assert seen == [MEDIABOX, MEDIABOX]
