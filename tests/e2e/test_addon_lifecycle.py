"""The addon installs into an empty database and uninstalls cleanly (real Odoo, real PostgreSQL)."""
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / ".local" / "test.conf"
DATABASE = "neo1_lifecycle"


def odoo(*args):
    return subprocess.run([sys.executable, "-m", "odoo", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=600)


def query(sql):
    import psycopg2
    from odoo.tools import config
    connection = psycopg2.connect(dbname=DATABASE, host=config["db_host"] or None,
                                  port=config["db_port"] or None, user=config["db_user"] or None)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()
    finally:
        connection.close()


@pytest.fixture
def empty_database():
    if not CONFIG.exists():
        pytest.fail(f"{CONFIG} is missing: run the suite with `make test`, which writes it")
    assert odoo("db", "-c", str(CONFIG), "drop", DATABASE).returncode in (0, 1)
    yield DATABASE
    odoo("db", "-c", str(CONFIG), "drop", DATABASE)


def test_addon_installs_and_uninstalls(empty_database):
    installed = odoo("server", "-c", str(CONFIG), "-d", empty_database, "-i", "neo1_amazon_punchout",
                     "--stop-after-init", "--log-level=warn", "--http-port=0")
    assert installed.returncode == 0, installed.stderr[-2000:]
    assert query("SELECT state FROM ir_module_module WHERE name = 'neo1_amazon_punchout'") == [("installed",)]
    assert query("SELECT to_regclass('amazon_business_account')")[0][0] == "amazon_business_account"
    # Demo data stays out of a database created without it.
    assert query("SELECT count(*) FROM amazon_business_account") == [(0,)]

    removed = odoo("module", "uninstall", "-c", str(CONFIG), "-d", empty_database, "neo1_amazon_punchout")
    assert removed.returncode == 0, removed.stderr[-2000:]
    assert query("SELECT state FROM ir_module_module WHERE name = 'neo1_amazon_punchout'") == [("uninstalled",)]
    assert query("SELECT to_regclass('amazon_business_account')") == [(None,)]
    assert query("SELECT count(*) FROM ir_model WHERE model LIKE 'amazon.%%'") == [(0,)]
    assert query("SELECT count(*) FROM ir_ui_view WHERE arch_db::text LIKE '%%amazon_account_id%%'") == [(0,)]
