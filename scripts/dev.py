#!/usr/bin/env python3
"""Set-up, test and demo runner behind the Makefile.

Every missing piece ends the run with one line that names it and says how to
provide it; no traceback. The set-up is idempotent and silent when there is
nothing to do.

    python3 scripts/dev.py setup | test [pytest args] | demo | reset-demo
"""
import hashlib
import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOCAL = REPO / ".local"                # ignored: private cluster, config, filestore
VENV = REPO / ".venv"
REQUIREMENTS = REPO / "requirements.txt"
ADDON = "neo1_amazon_punchout"
ODOO_GIT_URL = os.environ.get("ODOO_GIT_URL", "https://github.com/odoo/odoo.git")
# Where an Odoo 19.0 source checkout is looked for when ODOO_SRC is unset.
DEFAULT_ODOO_PLACES = (REPO.parent / "odoo", Path("/opt/odoo"), Path("/opt/odoo19"),
                       Path("/usr/src/odoo"), LOCAL / "odoo")
PRIVATE_PG_PORT = 54329
# An ERROR or CRITICAL record in Odoo's log format ("<date> <time> <pid> ERROR <db> <logger>: ...").
ODOO_ERROR_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", re.MULTILINE)
TEST_DB = os.environ.get("NEO1_TEST_DB", "neo1_test")
DEMO_DB = os.environ.get("NEO1_DEMO_DB", "neo1_demo")
DEMO_HTTP_PORT = int(os.environ.get("NEO1_DEMO_PORT", "8069"))
SANDBOX_PORT = int(os.environ.get("NEO1_SANDBOX_PORT", "8070"))


class SetupError(Exception):
    """A missing piece, told in one line."""


def say(message):
    print(f"[neo1] {message}", flush=True)


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


# --------------------------------------------------------------------------- python

def base_python():
    if sys.version_info < (3, 10):
        raise SetupError(f"Python >= 3.10 is required, this is {sys.version.split()[0]}: "
                         "run make with PYTHON=/path/to/python3.10+")
    return sys.executable


def venv_python():
    return VENV / "bin" / "python"


def ensure_venv():
    """The project virtualenv with the pinned requirements (re-installed when they change)."""
    stamp = VENV / ".requirements.sha256"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if venv_python().exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return
    say("installing the Python requirements into .venv (first run only) ...")
    if venv_python().exists() and subprocess.run([str(venv_python()), "-m", "pip", "--version"],
                                                 capture_output=True).returncode:
        shutil.rmtree(VENV)   # a venv left without pip by an earlier failed set-up
    if not venv_python().exists():
        cannot = SetupError(f"{sys.executable} cannot create a virtualenv with pip: install its venv module "
                            "(e.g. apt-get install python3-venv) or run make with PYTHON=<another python>")
        if importlib.util.find_spec("ensurepip") is None:
            raise cannot
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError, SystemExit):   # Debian's venv exits when pip is missing
            shutil.rmtree(VENV, ignore_errors=True)
            raise cannot from None
    log = LOCAL / "pip.log"
    LOCAL.mkdir(exist_ok=True)
    with open(log, "w") as out:
        result = subprocess.run([str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check",
                                 "-r", str(REQUIREMENTS)], stdout=out, stderr=subprocess.STDOUT)
    if result.returncode:
        raise SetupError(f"pip could not install requirements.txt into .venv: see {log} "
                         "(a package index must be reachable)")
    stamp.write_text(wanted)


# --------------------------------------------------------------------------- odoo

def is_odoo_checkout(path):
    return (path / "odoo" / "release.py").is_file() and (path / "addons").is_dir()


def odoo_of_python(python):
    """The source folder of an `odoo` importable by that Python, if any."""
    try:
        out = subprocess.run([python, "-c", "import odoo, os; print(os.path.dirname(odoo.__path__[0]))"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = Path(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None
    return path if path and (path / "odoo" / "release.py").is_file() else None


def find_odoo():
    env_src = os.environ.get("ODOO_SRC")
    if env_src:
        path = Path(env_src).expanduser().resolve()
        if not is_odoo_checkout(path):
            raise SetupError(f"ODOO_SRC={env_src} is not an Odoo source checkout "
                             "(expected odoo/release.py and addons/ in it)")
        return path
    for python in (sys.executable, shutil.which("python3")):
        path = python and odoo_of_python(python)
        if path and path != REPO:
            return path
    for path in DEFAULT_ODOO_PLACES:
        if is_odoo_checkout(path):
            return path
    if not shutil.which("git"):
        raise SetupError("Odoo 19.0 not found: set ODOO_SRC to an Odoo 19.0 source checkout "
                         f"(or put one in {DEFAULT_ODOO_PLACES[1]}); git is missing for a clone")
    say(f"no Odoo 19.0 found: cloning {ODOO_GIT_URL} branch 19.0 into .local/odoo ...")
    result = subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", "19.0", ODOO_GIT_URL,
                             str(LOCAL / "odoo")], capture_output=True, text=True)
    if result.returncode:
        shutil.rmtree(LOCAL / "odoo", ignore_errors=True)
        raise SetupError("Odoo 19.0 not found and the clone failed: set ODOO_SRC to an Odoo 19.0 "
                         f"source checkout (or put one in {DEFAULT_ODOO_PLACES[1]})")
    return LOCAL / "odoo"


def odoo_version(src):
    namespace = {}
    exec((src / "odoo" / "release.py").read_text(), namespace)   # a plain constants module
    return namespace["version_info"][:2]


def ensure_odoo():
    src = find_odoo()
    version = odoo_version(src)
    if version != (19, 0):
        raise SetupError(f"Odoo at {src} is {version[0]}.{version[1]}, this addon needs 19.0: "
                         "set ODOO_SRC to an Odoo 19.0 checkout")
    # The venv sees Odoo through a .pth file: nothing of Odoo is installed or copied.
    purelib = subprocess.run([str(venv_python()), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    pth = Path(purelib) / "odoo-src.pth"
    if not pth.exists() or pth.read_text().strip() != str(src):
        pth.write_text(f"{src}\n")
    return src


# --------------------------------------------------------------------------- postgresql

def port_answers(host, port):
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def pg_binaries():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if found:
        return found[0].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def start_private_cluster():
    """A PostgreSQL cluster of the project's own, in .local/pg, when none answers."""
    bindir = pg_binaries()
    if not bindir:
        raise SetupError("no PostgreSQL answers at PGHOST/PGPORT and no PostgreSQL binaries to start one: "
                         "install PostgreSQL >= 13 (e.g. apt-get install postgresql) or set PGHOST/PGPORT")
    data = LOCAL / "pg"
    as_user = []
    if os.geteuid() == 0:   # initdb refuses root: run the cluster as the postgres system user
        as_user = ["runuser", "-u", "postgres", "--"]
    if not (data / "PG_VERSION").exists():
        say("starting a private PostgreSQL cluster in .local/pg ...")
        data.mkdir(parents=True, exist_ok=True)
        if as_user:
            shutil.chown(data, "postgres")
        run(as_user + [str(bindir / "initdb"), "-D", str(data), "-U", "neo1", "-A", "trust"],
            stdout=subprocess.DEVNULL)
    run(as_user + [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"), "-w",
                   "-o", f"-p {PRIVATE_PG_PORT} -k {data} -c listen_addresses=127.0.0.1", "start"],
        stdout=subprocess.DEVNULL)
    return {"PGHOST": "127.0.0.1", "PGPORT": str(PRIVATE_PG_PORT), "PGUSER": "neo1"}


def ensure_postgres():
    host = os.environ.get("PGHOST", "127.0.0.1")
    port = int(os.environ.get("PGPORT", "5432"))
    if port_answers(host, port):
        settings = {"PGHOST": host, "PGPORT": str(port)}
        if os.environ.get("PGUSER"):
            settings["PGUSER"] = os.environ["PGUSER"]
        return settings
    if port_answers("127.0.0.1", PRIVATE_PG_PORT):
        return {"PGHOST": "127.0.0.1", "PGPORT": str(PRIVATE_PG_PORT), "PGUSER": "neo1"}
    try:
        return start_private_cluster()
    except subprocess.CalledProcessError:
        raise SetupError(f"no PostgreSQL at {host}:{port} and the private cluster did not start: "
                         "see .local/pg/server.log, or set PGHOST/PGPORT to a running server") from None


# --------------------------------------------------------------------------- chromium

def find_chromium():
    named = os.environ.get("CHROMIUM_BIN")
    if named:
        if not os.access(named, os.X_OK):
            raise SetupError(f"CHROMIUM_BIN={named} is not an executable file")
        return named
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    raise SetupError("Chromium not found (the browser tests need it): "
                     "apt-get install chromium, or set CHROMIUM_BIN=/path/to/chromium")


# --------------------------------------------------------------------------- set-up

def setup(need_browser=False):
    base_python()
    ensure_venv()
    src = ensure_odoo()
    env = dict(os.environ)
    env.update(ensure_postgres())
    if need_browser:
        env["ODOO_BROWSER_BIN"] = find_chromium()
    env["ODOO_SRC"] = str(src)
    return src, env


def write_config(name, env, **options):
    """An Odoo configuration file in .local/ for the test or demo database."""
    src = Path(env["ODOO_SRC"])
    values = {
        "addons_path": f"{src / 'odoo' / 'addons'},{src / 'addons'},{REPO}",
        "data_dir": str(LOCAL / "data"),
        "db_host": env["PGHOST"],
        "db_port": env["PGPORT"],
        "db_user": env.get("PGUSER", ""),
        "list_db": "False",
        "http_interface": "127.0.0.1",
    }
    values.update(options)
    LOCAL.mkdir(exist_ok=True)
    path = LOCAL / f"{name}.conf"
    path.write_text("[options]\n" + "".join(f"{key} = {value}\n" for key, value in values.items()))
    return path


def odoo(config, *args, env, **kwargs):
    return subprocess.run([str(venv_python()), "-m", "odoo", "server", "-c", str(config), *args],
                          env=env, **kwargs)


def drop_database(name, env):
    script = ("import psycopg2, sys\n"
              "c = psycopg2.connect(dbname='postgres')\nc.autocommit = True\n"
              f"c.cursor().execute('DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)')\n")
    run([str(venv_python()), "-c", script], env=env)
    shutil.rmtree(LOCAL / "data" / "filestore" / name, ignore_errors=True)


def install_addon(config, database, env, log_name):
    log = LOCAL / f"{log_name}.log"
    say(f"installing {ADDON} with demo data into the database {database} (log: .local/{log.name}) ...")
    result = odoo(config, "-d", database, "-i", ADDON, "--with-demo", "--stop-after-init",
                  "--log-level=warn", env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    if result.returncode or ODOO_ERROR_LINE.search(log.read_text()):
        raise SetupError(f"installing {ADDON} into {database} failed: see .local/{log.name}")


def cmd_test(pytest_args):
    src, env = setup(need_browser=True)
    config = write_config("test", env, db_name=TEST_DB, dbfilter=f"^{TEST_DB}$")
    drop_database(TEST_DB, env)
    install_addon(config, TEST_DB, env, "test-install")
    targets = pytest_args or ["tests", f"{ADDON}/tests"]
    # One pytest session for everything: pure suites, Odoo tests, the browser tour.
    command = [str(venv_python()), "-m", "pytest", f"--odoo-config={config}", f"--odoo-database={TEST_DB}",
               "--odoo-http", "--odoo-log-level=warn", "-p", "no:cacheprovider", *targets]
    return subprocess.run(command, cwd=REPO, env=env).returncode


def start_sandbox(env, children):
    process = subprocess.Popen([str(venv_python()), "-m", "amazon_sandbox", "--port", str(SANDBOX_PORT)],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    children.append(process)   # stopped by the caller whatever happens next
    line = process.stdout.readline().strip()
    if process.poll() is not None or not line:
        raise SetupError(f"the Amazon Business sandbox did not start on port {SANDBOX_PORT}: "
                         "free the port or set NEO1_SANDBOX_PORT")
    say(line)


def cmd_demo():
    src, env = setup()
    config = write_config("demo", env, db_name=DEMO_DB, dbfilter=f"^{DEMO_DB}$",
                          http_port=DEMO_HTTP_PORT)
    if port_answers("127.0.0.1", DEMO_HTTP_PORT):
        raise SetupError(f"port {DEMO_HTTP_PORT} is taken: stop what runs there or set NEO1_DEMO_PORT")
    log = LOCAL / "demo-update.log"
    say(f"creating or updating the database {DEMO_DB} (log: .local/{log.name}) ...")
    result = odoo(config, "-d", DEMO_DB, "-i", ADDON, "-u", ADDON, "--with-demo", "--stop-after-init",
                  "--log-level=warn", env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    if result.returncode:
        raise SetupError(f"the demo database could not be prepared: see .local/{log.name}")
    # Ctrl-C (or a kill) stops what was started here, even when SIGINT came to this process alone.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    children = []
    try:
        if (REPO / "amazon_sandbox" / "__main__.py").exists():
            start_sandbox(env, children)
        children.append(subprocess.Popen([str(venv_python()), "-m", "odoo", "server", "-c", str(config),
                                          "--log-level=warn"], env=env))
        print(DEMO_BANNER.format(port=DEMO_HTTP_PORT, sandbox=SANDBOX_PORT), flush=True)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop_children(children)
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def stop_children(children):
    # SIGTERM: one graceful stop (a terminal's Ctrl-C already sent them SIGINT; a second one forces Odoo).
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()


DEMO_BANNER = """
  Odoo with neo1_amazon_punchout: http://localhost:{port}
  Amazon Business sandbox:        http://127.0.0.1:{sandbox}
  Logins (user / password):
    admin      / admin       administrator: Settings > Purchase > Amazon Business
    purchaser  / purchaser   shops on Amazon Business from the Purchase app
    approver   / approver    approves orders above the threshold
  Ctrl-C stops everything started here.
"""


def cmd_reset_demo():
    src, env = setup()
    drop_database(DEMO_DB, env)
    say(f"dropped {DEMO_DB}: the next `make demo` builds it anew")
    return 0


def main(argv):
    command, args = (argv[0], argv[1:]) if argv else ("setup", [])
    try:
        if command == "setup":
            setup(need_browser=True)
            return 0
        if command == "test":
            return cmd_test(args)
        if command == "demo":
            return cmd_demo()
        if command == "reset-demo":
            return cmd_reset_demo()
        raise SetupError(f"unknown command {command!r}: use setup, test, demo or reset-demo")
    except SetupError as error:
        print(f"[neo1] error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
