"""The map package's import graph runs one way: no module of ``geo.map`` imports one
that (directly or not) imports it back, and none imports the pages or the UI."""

from __future__ import annotations

import ast
from pathlib import Path

GEO = Path(__file__).resolve().parents[1] / "geo"


def _module_name(path: Path) -> str:
    parts = path.relative_to(GEO.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every geo module a file imports, at the top or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("geo"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("geo"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in GEO.rglob("*.py")}
    return {name: {m for m in _imports(path) if m in modules and m != name}
            for name, path in modules.items()}


def _cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def test_the_map_package_has_no_import_circle() -> None:
    graph = _graph()
    map_modules = sorted(m for m in graph if m.startswith("geo.map."))
    assert "geo.map.builder" in map_modules and "geo.map.aggregate_layer" in map_modules
    circles = [c for m in map_modules if (c := _cycle_through(graph, m))]
    assert circles == [], circles


def test_the_map_package_does_not_reach_into_the_ui() -> None:
    graph = _graph()
    for name, deps in graph.items():
        if name.startswith("geo.map"):
            assert not {d for d in deps if d.startswith("geo.ui")}, name
