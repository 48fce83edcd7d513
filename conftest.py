"""Repository-wide pytest set-up.

* Puts the repository root (for ``amazon_sandbox``) and the addon folder (for the
  pure ``cxml`` package) on ``sys.path``.
* Turns every skipped test into a failure, except the one allowed skip: a test
  that needs the shared cXML DTDs or sample documents on a machine where they
  are absent (see ``cxml_dtd_dir`` / ``cxml_samples_dir`` in ``tests/conftest.py``).
"""
import os
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent
ADDON_DIR = REPO_ROOT / "neo1_amazon_punchout"
for path in (str(REPO_ROOT), str(ADDON_DIR)):
    if path not in sys.path:
        sys.path.insert(0, path)

# The reason every allowed skip starts with; anything else skipped fails the run.
SHARED_DATA_ABSENT = "shared cXML data absent"


def shared_dir(env_var, default_name):
    """The shared DTD or sample folder: ``$env_var``, else ``../shared/cxml/<name>``."""
    value = os.environ.get(env_var)
    return Path(value) if value else REPO_ROOT.parent / "shared" / "cxml" / default_name


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if SHARED_DATA_ABSENT not in reason:
        report.outcome = "failed"
        report.longrepr = f"skipped tests are failures in this project: {reason}"


@pytest.fixture(scope="session")
def cxml_dtd_dir():
    path = shared_dir("CXML_DTD_DIR", "dtd")
    if not (path / "cXML.dtd").is_file():
        pytest.skip(f"{SHARED_DATA_ABSENT}: no cXML DTDs at {path} (set CXML_DTD_DIR)")
    return path


@pytest.fixture(scope="session")
def cxml_samples_dir():
    path = shared_dir("CXML_SAMPLES_DIR", "samples")
    if not (path / "README.md").is_file():
        pytest.skip(f"{SHARED_DATA_ABSENT}: no cXML samples at {path} (set CXML_SAMPLES_DIR)")
    return path
