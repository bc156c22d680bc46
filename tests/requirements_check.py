"""Whether an interpreter can test this checkout: every run-time and test requirement `pyproject.toml`
names installed at a version it allows, and the checkout itself installed editable (tests run
`python -m belarus_cli` in subprocesses, which see only what is installed, not pytest's `pythonpath`).

Standard library and `packaging` only (pytest depends on it), so that it runs before anything is
installed: `python tests/requirements_check.py` exits 1, naming what is unmet, when something is.
"""

from __future__ import annotations

import json
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent


def unmet_requirements(root: Path = ROOT) -> list[str]:
    """What is missing, as "name (why)": empty when this interpreter can run the tests."""
    try:
        from packaging.requirements import InvalidRequirement, Requirement
    except ImportError:
        return ["packaging (not installed)"]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    pending, seen_extras, unmet = [*project["dependencies"], *extras.get("test", [])], {"test"}, []
    while pending:
        try:
            requirement = Requirement(pending.pop(0))
        except InvalidRequirement as error:
            unmet.append(f"pyproject.toml ({error})")
            continue
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        if requirement.name == project["name"]:  # "belarus-cli[docx]": the project's own extras
            pending += [item for extra in sorted(requirement.extras - seen_extras) for item in extras.get(extra, [])]
            seen_extras |= requirement.extras
            continue
        try:
            installed = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            unmet.append(f"{requirement.name} (not installed)")
            continue
        if not requirement.specifier.contains(installed, prereleases=True):
            unmet.append(f"{requirement.name} ({installed} installed; {requirement.specifier} wanted)")
    unmet += _checkout_not_installed(project["name"], root)
    return unmet


def _checkout_not_installed(name: str, root: Path) -> list[str]:
    try:
        distribution = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return [f"{name} (not installed)"]
    origin = json.loads(distribution.read_text("direct_url.json") or "{}")
    url = urlparse(origin.get("url", ""))
    editable = origin.get("dir_info", {}).get("editable", False)
    if not editable or url.scheme != "file" or Path(unquote(url.path)).resolve() != root.resolve():
        return [f"{name} (installed from {unquote(url.path) or 'an index'}, not editable from {root})"]
    return []


if __name__ == "__main__":
    missing = unmet_requirements()
    if missing:
        print("; ".join(missing), file=sys.stderr)
    sys.exit(1 if missing else 0)
