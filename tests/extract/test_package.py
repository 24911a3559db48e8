"""The extract package's import-time promises."""

import subprocess
import sys


def test_import_app_extract_does_not_import_spacy():
    code = "import app.extract, sys; assert 'spacy' not in sys.modules, 'spacy was imported'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_dataclasses_and_language_check_do_not_import_spacy():
    code = ("import app.extract.types, app.extract.language, sys; "
            "from app.extract.language import detect_language; assert detect_language('the cat') == 'en'; "
            "assert 'spacy' not in sys.modules, 'spacy was imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_pipeline_names_load_on_first_use():
    import app.extract
    from app.extract import pipeline

    assert app.extract.extract is pipeline.extract
    assert app.extract.EXTRACTOR_VERSION == pipeline.EXTRACTOR_VERSION


def _extract_import_graph() -> dict[str, set[str]]:
    """Module -> app.extract modules it imports (anywhere in the file, function bodies included)."""
    import ast
    from pathlib import Path

    import app.extract

    root = Path(app.extract.__file__).parent
    modules = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app.extract"):
                for alias in node.names:  # "from app.extract.actors import countries" imports the submodule
                    sub = f"{node.module}.{alias.name}"
                    edges.add(sub if sub in modules else node.module)
            elif isinstance(node, ast.Import):
                edges.update(a.name for a in node.names if a.name in modules)
        graph[name] = edges - {name}
    return graph


def test_extract_modules_import_each_other_one_way():
    graph = _extract_import_graph()
    assert "app.extract.events.dates" in graph["app.extract.events.finder"]  # the graph is really read
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in done:
            return
        assert module not in visiting, "import cycle: " + " -> ".join([*visiting[visiting.index(module):], module])
        visiting.append(module)
        for target in sorted(graph.get(module, ())):
            visit(target)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
