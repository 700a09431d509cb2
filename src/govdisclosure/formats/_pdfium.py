"""The PDFium engine of :func:`~govdisclosure.parse_pdf` (``engine="pdfium"``).

A page is read through pypdfium2 (PDFium, in C++) and given to the page reader as
pdfplumber gives it: ``chars`` (dicts with ``text``, ``x0``, ``x1``, ``top``,
``bottom``, ``size`` and ``fontname``), ``lines`` and ``rects`` (``x0``, ``x1``,
``top``, ``bottom``, ``stroke``, ``fill``), ``images`` (``x0``, ``x1``, ``top``,
``bottom``), ``width`` and ``height``, in points from the top left of the page as
pdfminer and pdfplumber place them (the MediaBox, turned by the page's ``/Rotate``).

What PDFium and pdfminer see differently, and how it is made the same:

* PDFium adds characters of its own (spaces and line breaks between words and lines):
  they are blank, and left out with the blank characters of the page, which the page
  reader leaves out whatever the engine;
* pdfminer boxes a character from its origin, as wide as the font's width table says
  and the font size high from the font's descent (the descriptor's ``/Descent``).
  PDFium's "loose" box is not that: it runs from the descent to the ascent, falls back
  to the glyph's box for some fonts (LibreOffice's), and for vertical writing is not
  scaled by the matrix. So each character is boxed as pdfminer boxes it, from PDFium's
  origin (``FPDFText_GetCharOrigin``), width (``FPDFFont_GetGlyphWidth``; negative:
  the vertical advance of vertical writing, where the origin is the box's lower left
  corner), font size scaled by the character's matrix, and the descent and name
  pdfminer reads in the font's dictionary (given by the caller: PDFium takes the font
  program's descent where the descriptor says 0, and names a Type 1 font without its
  subset tag);
* pdfminer makes a line of a path of one segment (``m l``, ``m l h``) and a rectangle
  of an axis-aligned closed path of four segments (``re``, ``m l l l h``), each
  subpath apart; other paths are curves, which the page reader does not use. The
  segments of PDFium's path objects (inside forms too) are classified the same way;
* PDFium keeps coordinates in single precision: a coordinate may differ from
  pdfminer's in the sixth significant digit (``79.6500015`` for ``79.64999999``).

Everything is read through PDFium's C functions (``pypdfium2.raw``), one call per
value, not through per-character wrapper objects. PDFium is not thread-safe: every
call into it holds :data:`LOCK`.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Mapping
from typing import Any, Final

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

LOCK: Final = threading.RLock()
"""Held by every call into PDFium (which is not thread-safe)."""

_Matrix = tuple[float, float, float, float, float, float]


def _mul(m: _Matrix, n: _Matrix) -> _Matrix:
    """The matrix that maps as ``m`` then ``n`` do (PDF's row vectors: ``m`` times ``n``)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def password_error(exc: BaseException) -> bool:
    """Whether ``exc`` is PDFium refusing a document for its password or encryption."""
    code = getattr(exc, "err_code", None)
    return code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)


class Document:
    """A PDF opened with PDFium; ``source`` a path or the bytes."""

    def __init__(self, source: str | bytes) -> None:
        with LOCK:
            self._doc: Any = pdfium.PdfDocument(source)

    def __len__(self) -> int:
        with LOCK:
            return len(self._doc)

    def page(self, index: int, fonts: Mapping[str, tuple[float, str]] | None = None) -> Page:
        """The page ``index`` (from 0), read; ``fonts``: the descent and name of each
        font of the page by BaseFont, as pdfminer reads them (see :class:`Page`)."""
        with LOCK:
            raw = self._doc[index]
            try:
                return Page(raw, fonts or {})
            finally:
                raw.close()

    def close(self) -> None:
        with LOCK:
            self._doc.close()


class Page:
    """One page as the page reader reads a pdfplumber page (all read at once)."""

    def __init__(self, page: Any, fonts: Mapping[str, tuple[float, str]]) -> None:
        x0, y0, x1, y1 = (float(v) for v in page.get_mediabox())
        x0, x1 = sorted((x0, x1))
        y0, y1 = sorted((y0, y1))
        rotation = int(page.get_rotation()) % 360
        # pdfminer's device matrix for the page (pdfinterp.process_page) and
        # pdfplumber's box (page.Page.__init__: the MediaBox normalised and turned)
        if rotation == 90:
            ctm: _Matrix = (0.0, -1.0, 1.0, 0.0, -y0, x1)
        elif rotation == 180:
            ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
        elif rotation == 270:
            ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
        else:
            ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
        box = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
        self.width: float = box[2] - box[0]
        self.height: float = box[3] - box[1]
        self._ctm = ctm
        self._left = box[0]
        self._top = self.height - box[3]  # pdfplumber's mediabox[1]
        self.chars: list[dict[str, Any]] = self._chars(page.raw, fonts)
        self.lines: list[dict[str, Any]] = []
        self.rects: list[dict[str, Any]] = []
        self.images: list[dict[str, Any]] = []
        count = pdfium_c.FPDFPage_CountObjects(page.raw)
        self._objects(pdfium_c.FPDFPage_GetObject, page.raw, count, ctm)

    def close(self) -> None:
        """Nothing to release (the PDFium page is closed once read)."""

    # -------------------------------------------------------------------- geometry
    def _box(self, xs: list[float], ys: list[float]) -> tuple[float, float, float, float]:
        """``x0, x1, top, bottom`` of device points."""
        height, top = self.height, self._top
        return (
            min(xs) + self._left,
            max(xs) + self._left,
            height - max(ys) + top,
            height - min(ys) + top,
        )

    # -------------------------------------------------------------------- characters
    def _chars(self, raw: Any, known: Mapping[str, tuple[float, str]]) -> list[dict[str, Any]]:
        """The characters of the page, each boxed as pdfminer boxes it: from its origin
        (PDFium's), as wide as its width in the font's width table, as high as the
        font size from the font's descent (its descriptor's, as pdfminer reads it:
        ``known``, with the font's name, by BaseFont; else PDFium's); a character of a
        font written vertically as wide as the font size, from PDFium's origin (the
        box's corner) as high as its vertical advance."""
        f = pdfium_c
        get_unicode = f.FPDFText_GetUnicode
        char_matrix, char_origin = f.FPDFText_GetMatrix, f.FPDFText_GetCharOrigin
        font_size, text_object = f.FPDFText_GetFontSize, f.FPDFText_GetTextObject
        text_font, glyph_width = f.FPDFTextObj_GetFont, f.FPDFFont_GetGlyphWidth
        address = ctypes.c_void_p.from_buffer  # (a handle's address: twice as fast as cast)
        matrix = f.FS_MATRIX()
        ox, oy, width = ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
        a0, b0, c0, d0, e0, f0 = self._ctm
        left, height, top0 = self._left, self.height, self._top
        fonts: dict[int | None, tuple[float, str]] = {}
        widths: dict[tuple[int | None, int, float], float] = {}
        out: list[dict[str, Any]] = []
        textpage = f.FPDFText_LoadPage(raw)
        if not textpage:
            msg = "PDFium could not read the text of the page"
            raise ValueError(msg)
        try:
            for i in range(f.FPDFText_CountChars(textpage)):
                code = get_unicode(textpage, i)
                text = chr(code) if code <= 0x10FFFF else "\ufffd"
                if not text.strip():
                    continue  # (the characters PDFium adds, spaces and line breaks, too)
                char_matrix(textpage, i, matrix)
                char_origin(textpage, i, ox, oy)
                size = font_size(textpage, i)
                font = text_font(text_object(textpage, i))
                key = address(font).value
                cached = fonts.get(key)
                if cached is None:
                    base = _base_font(font) or _font_name(textpage, i)
                    cached = known.get(base) or (_descent(font), base)
                    fonts[key] = cached
                descent, name = cached
                w = widths.get((key, code, size))
                if w is None:
                    w = width.value if glyph_width(font, code, size, width) else 0.0
                    widths[(key, code, size)] = w
                ma, mb, mc, md = matrix.a, matrix.b, matrix.c, matrix.d
                if w < 0:  # written vertically: w is the (downward) vertical advance
                    du, dv = size, -w
                    x, y = ox.value, oy.value
                else:  # pdfminer: (0, descent) to (advance, descent + size), text space
                    du, dv = w, size
                    x = ox.value + descent * size * mc
                    y = oy.value + descent * size * md
                # the two corners in page space, then in device space
                x2, y2 = x + du * ma + dv * mc, y + du * mb + dv * md
                xa, ya = a0 * x + c0 * y + e0, b0 * x + d0 * y + f0
                xb, yb = a0 * x2 + c0 * y2 + e0, b0 * x2 + d0 * y2 + f0
                x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
                low, high = (ya, yb) if ya <= yb else (yb, ya)
                out.append(
                    {
                        "text": text,
                        "x0": x0 + left,
                        "x1": x1 + left,
                        "top": height - high + top0,
                        "bottom": height - low + top0,
                        "size": x1 - x0 if w < 0 else high - low,
                        "fontname": name,
                    }
                )
        finally:
            f.FPDFText_ClosePage(textpage)
        return out

    # -------------------------------------------------------------------- paths, images
    def _objects(
        self, get: Callable[[Any, int], Any], holder: Any, count: int, ctm: _Matrix
    ) -> None:
        f = pdfium_c
        fm = f.FS_MATRIX()
        for k in range(count):
            obj = get(holder, k)
            kind = f.FPDFPageObj_GetType(obj)
            if kind not in (f.FPDF_PAGEOBJ_PATH, f.FPDF_PAGEOBJ_IMAGE, f.FPDF_PAGEOBJ_FORM):
                continue
            if not f.FPDFPageObj_GetMatrix(obj, fm):
                continue
            m = _mul((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), ctm)
            if kind == f.FPDF_PAGEOBJ_FORM:
                inner = f.FPDFFormObj_CountObjects(obj)
                self._objects(f.FPDFFormObj_GetObject, obj, max(inner, 0), m)
            elif kind == f.FPDF_PAGEOBJ_IMAGE:
                a, b, c, d, e, f_ = m
                corners = ((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0))
                xs = [a * u + c * v + e for u, v in corners]
                ys = [b * u + d * v + f_ for u, v in corners]
                x0, x1, top, bottom = self._box(xs, ys)
                self.images.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom})
            else:
                self._path(obj, m)

    def _path(self, obj: Any, m: _Matrix) -> None:
        """The lines and rectangles of a path object, as pdfminer makes them."""
        f = pdfium_c
        mode, stroke = ctypes.c_int(), ctypes.c_int()
        if not f.FPDFPath_GetDrawMode(obj, mode, stroke):
            return
        stroked, filled = bool(stroke.value), mode.value != f.FPDF_FILLMODE_NONE
        if not (stroked or filled):
            return  # (pdfminer paints no path ended by 'n')
        a, b, c, d, e, f_ = m
        x, y = ctypes.c_float(), ctypes.c_float()
        subpaths: list[list[tuple[str, float, float]]] = []
        for s in range(f.FPDFPath_CountSegments(obj)):
            seg = f.FPDFPath_GetPathSegment(obj, s)
            if not seg or not f.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            kind = f.FPDFPathSegment_GetType(seg)
            px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f_
            if kind == f.FPDF_SEGMENT_MOVETO or not subpaths:
                subpaths.append([("m", px, py)])
            else:
                subpaths[-1].append(("l" if kind == f.FPDF_SEGMENT_LINETO else "c", px, py))
            if f.FPDFPathSegment_GetClose(seg):
                first = subpaths[-1][0]
                subpaths[-1].append(("h", first[1], first[2]))
        for sub in subpaths:
            self._shape(sub, stroked, filled)

    def _shape(self, sub: list[tuple[str, float, float]], stroked: bool, filled: bool) -> None:
        """pdfminer's ``paint_path`` for one subpath: a line, a rectangle or neither."""
        shape = "".join(op for op, _, _ in sub)
        pts = [(px, py) for _, px, py in sub]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        if shape in ("ml", "mlh"):
            x0, x1, top, bottom = self._box([pts[0][0], pts[1][0]], [pts[0][1], pts[1][1]])
            target = self.lines
        elif shape in ("mlllh", "mllll"):
            (xa, ya), (xb, yb), (xc, yc), (xd, yd), _ = pts
            closed = pts[0] == pts[4]
            square = (xa == xb and yb == yc and xc == xd and yd == ya) or (
                ya == yb and xb == xc and yc == yd and xd == xa
            )
            if not (closed and square):
                return
            x0, x1, top, bottom = self._box([xa, xc], [ya, yc])
            target = self.rects
        else:
            return
        target.append(
            {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "stroke": stroked, "fill": filled}
        )


def _descent(font: Any) -> float:
    """PDFium's descent of ``font``, in thousandths of the font size (negative)."""
    value = ctypes.c_float()
    if not pdfium_c.FPDFFont_GetDescent(font, 1000.0, value):
        return 0.0
    return -abs(value.value) / 1000


def _base_font(font: Any) -> str:
    """The BaseFont of ``font`` (empty when this PDFium cannot tell)."""
    get = getattr(pdfium_c, "FPDFFont_GetBaseFontName", None)
    if get is None:
        return ""
    size = get(font, None, 0)
    if size <= 0:
        return ""
    buf = ctypes.create_string_buffer(size)
    get(font, buf, size)
    return buf.value.decode("utf-8", "replace")


def _font_name(textpage: Any, index: int) -> str:
    """The name of the font of character ``index`` (its BaseFont, as pdfminer's)."""
    flags = ctypes.c_int()
    size = pdfium_c.FPDFText_GetFontInfo(textpage, index, None, 0, flags)
    if size <= 0:
        return ""
    buf = ctypes.create_string_buffer(size)
    pdfium_c.FPDFText_GetFontInfo(textpage, index, buf, size, flags)
    return buf.value.decode("utf-8", "replace")
