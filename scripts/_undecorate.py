"""Rewrite ``@register(...)`` decorators as plain calls after the function, in place.

mutmut 3 does not mutate decorated functions; the checks are all registered with a
decorator. ``scripts/mutation.sh`` runs this on a scratch copy of the package (never
on the working tree): ``@register("a")\\ndef f(...)`` becomes ``def f(...)`` followed by
``f = register("a")(f)``, which registers the same function. Caching decorators are
left alone (a cache would carry results over from one mutant to the next).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

_REWRITTEN = ("register", "register_series")


def undecorate(path: Path) -> int:
    """Rewrite the registering decorators of ``path``; returns how many functions changed."""
    source = path.read_text("utf-8")
    lines = source.splitlines(keepends=True)
    tree = ast.parse(source)
    edits: list[tuple[int, int, int, str]] = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.decorator_list:
            continue
        names = [
            d.func.id if isinstance(d, ast.Call) and isinstance(d.func, ast.Name) else ""
            for d in node.decorator_list
        ]
        if not all(n in _REWRITTEN for n in names):
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
    for name in sys.argv[1:]:
        print(f"{name}: {undecorate(Path(name))} function(s) undecorated")
