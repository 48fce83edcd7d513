"""The set-up behind `make demo` and `make test`: one-line errors, and a private PostgreSQL when none answers."""
import os
import shutil
import socket
import tempfile
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import dev  # noqa: E402


def run_setup(**env):
    return subprocess.run([sys.executable, str(REPO / "scripts" / "dev.py"), "setup"], cwd=REPO,
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("variable, value, says", [
    ("ODOO_SRC", "/nonexistent/odoo", "ODOO_SRC=/nonexistent/odoo is not an Odoo source checkout"),
    ("CHROMIUM_BIN", "/nonexistent/chromium", "CHROMIUM_BIN=/nonexistent/chromium is not an executable file"),
])
def test_a_missing_piece_is_one_line_without_traceback(variable, value, says):
    result = run_setup(**{variable: value})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"[neo1] error: {says}")
    assert "Traceback" not in result.stderr + result.stdout


def test_an_odoo_of_another_version_is_refused(tmp_path):
    (tmp_path / "odoo").mkdir()
    (tmp_path / "addons").mkdir()
    (tmp_path / "odoo" / "release.py").write_text("version_info = (18, 0, 0, 'final', 0, '')\n")
    result = run_setup(ODOO_SRC=str(tmp_path))
    assert result.returncode == 2
    assert "is 18.0, this addon needs 19.0" in result.stderr
    assert "Traceback" not in result.stderr


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def private_local():
    """A .local of its own, inside the project's (pytest's tmp_path is closed to the postgres user)."""
    (REPO / ".local").mkdir(exist_ok=True)
    local = Path(tempfile.mkdtemp(prefix="test-private-pg-", dir=REPO / ".local"))
    local.chmod(0o755)
    yield local
    shutil.rmtree(local, ignore_errors=True)


def test_a_private_cluster_starts_when_no_postgresql_answers(private_local, monkeypatch):
    import psycopg2
    local = private_local
    closed_port, private_port = free_port(), free_port()
    monkeypatch.setattr(dev, "LOCAL", local)
    monkeypatch.setattr(dev, "PRIVATE_PG_PORT", private_port)
    monkeypatch.setenv("PGPORT", str(closed_port))
    settings = dev.ensure_postgres()
    try:
        assert settings == {"PGHOST": "127.0.0.1", "PGPORT": str(private_port), "PGUSER": "neo1"}
        connection = psycopg2.connect(dbname="postgres", host="127.0.0.1", port=private_port, user="neo1")
        with connection, connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            assert cursor.fetchone()[0] == str(local / "pg")
        connection.close()
        assert dev.ensure_postgres() == settings   # idempotent: the running cluster is found again
    finally:
        as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(as_user + [str(dev.pg_binaries() / "pg_ctl"), "-D", str(local / "pg"), "-m", "fast", "stop"],
                       capture_output=True)
