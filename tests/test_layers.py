"""The modules form layers, and no import points upward (README, "How it works").

A module may import from its own layer and the layers below. Read as a
newcomer would, an upward import is where one gets lost: the validator that
imports a writer, a filter that imports the build. Imports inside functions
count too (they are how a lower layer would reach up at run time).
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Top to bottom. A module not named here is a small helper at the bottom, beside filters/.
LAYERS = (
    ("pipeline.cli", "pipeline.__main__"),
    ("pipeline.preview",),
    ("pipeline.importer",),
    ("pipeline.build", "pipeline.uptodate"),
    ("pipeline.writers", "pipeline.assets"),
    ("pipeline.check",),
    ("pipeline.parse", "pipeline.table_captions", "pipeline.stages", "pipeline.chapterwise", "pipeline.source_map"),
    ("pipeline.source", "pipeline.summary_options", "pipeline.contents_options", "pipeline.brand",
     "pipeline.brand_yaml", "pipeline.palette", "pipeline.chapter_format", "pipeline.front_matter",
     "pipeline.report_date", "pipeline.reproducible", "pipeline.editions"),
)
BOTTOM = len(LAYERS)


def layer(module: str) -> int:
    for number, names in enumerate(LAYERS):
        if any(module == name or module.startswith(name + ".") for name in names):
            return number
    return BOTTOM


def modules():
    for path in sorted((ROOT / "pipeline").rglob("*.py")) + sorted((ROOT / "filters").rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        yield name, ast.parse(path.read_text(encoding="utf-8"))


def imported(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] in ("pipeline", "filters")}


def test_no_import_points_upward():
    upward = [f"{name} (layer {layer(name)}) imports {other} (layer {layer(other)})"
              for name, tree in modules() for other in sorted(imported(tree)) if layer(other) < layer(name)]
    assert upward == []


def test_the_layers_name_real_modules():
    names = {name for name, _ in modules()}
    for group in LAYERS:
        for prefix in group:
            assert any(n == prefix or n.startswith(prefix + ".") for n in names), prefix
