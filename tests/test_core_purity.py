"""The clinical core imports only the standard library and itself: no Django, ever."""

import ast
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "wizard" / "core"


def imported_modules(path: Path) -> set[str]:
    """Return the top-level names of the modules a file imports (relative imports excluded)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_only_the_standard_library(path):
    outside = {name for name in imported_modules(path) if name not in sys.stdlib_module_names}
    assert outside == set(), f"{path.name} imports {outside}"
