"""Rewrite ``@register(...)`` decorators as plain calls after the function, in place.

mutmut 3 does not mutate decorated functions; the checks are all registered with a
decorator. ``scripts/mutation.sh`` runs this on a scratch copy of the package (never
on the working tree): ``@register("a")\\ndef f(...)`` becomes ``def f(...)`` followed by
``f = register("a")(f)``, which registers the same function.

Caching decorators (``functools.cache``, ``functools.lru_cache(...)``) are left alone
unless ``--caches`` is given: a cache filled in mutmut's parent process, or by one
mutant, would carry results over to the next. With ``--caches`` they are rewritten the
same way (``f = functools.cache(f)``, the same cached function), and the caller must
empty the caches before each test (``mutation.sh`` adds a fixture that does, for the
prose set): then the mutants of the cached functions (``narrative._load``,
``order._place``, ...) run and are tested like any other.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

_REWRITTEN = ("register", "register_series")
_CACHES = ("functools.cache", "functools.lru_cache")


def _name(node: ast.expr) -> str:
    """The dotted name a decorator calls or is (``""`` if it is neither)."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return ""


def undecorate(path: Path, *, caches: bool = False) -> int:
    """Rewrite the registering decorators of ``path`` (and, with ``caches``, the caching
    ones); returns how many functions changed."""
    source = path.read_text("utf-8")
    lines = source.splitlines(keepends=True)
    tree = ast.parse(source)
    rewritten = _REWRITTEN + (_CACHES if caches else ())
    edits: list[tuple[int, int, int, str]] = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.decorator_list:
            continue
        names = [
            _name(d) if isinstance(d, ast.Call) or (caches and _name(d) in _CACHES) else ""
            for d in node.decorator_list
        ]
        if not all(n in rewritten for n in names):
            continue
        first = node.decorator_list[0].lineno - 1
        def_line = node.lineno - 1
        calls = [ast.get_source_segment(source, d) or "" for d in node.decorator_list]
        wrapped = node.name
        for call in reversed(calls):
            wrapped = f"{call}({wrapped})"
        assert node.end_lineno is not None
        edits.append((first, def_line, node.end_lineno, f"\n\n{node.name} = {wrapped}\n"))
    for first, def_line, end, after in reversed(edits):
        lines[end:end] = [after]
        del lines[first:def_line]
    path.write_text("".join(lines), "utf-8")
    return len(edits)


if __name__ == "__main__":
    args = sys.argv[1:]
    with_caches = "--caches" in args
    for name in (a for a in args if a != "--caches"):
        n = undecorate(Path(name), caches=with_caches)
        print(f"{name}: {n} function(s) undecorated")
