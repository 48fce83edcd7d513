"""Serving the app on 127.0.0.1: in a thread for tests, in the foreground for the CLI."""
import threading

from werkzeug.serving import WSGIRequestHandler, make_server

from .accounts import DEMO_ACCOUNT, accounts_from_data, load_accounts
from .app import SandboxApp
from .state import SandboxState, utc_now

HOST = "127.0.0.1"
DEFAULT_ANSWER_DELAY = 2.0


class QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


def resolve_accounts(accounts):
    """None -> the demo account; a path -> the accounts file; else accounts file data."""
    if accounts is None:
        return {DEMO_ACCOUNT.identity: DEMO_ACCOUNT}
    if isinstance(accounts, (str, bytes)) or hasattr(accounts, "__fspath__"):
        return load_accounts(accounts)
    return accounts_from_data(accounts)


def make_sandbox_server(accounts=None, *, port=0, host=HOST, answer_delay=DEFAULT_ANSWER_DELAY,
                        clock=utc_now, quiet=False):
    """A threaded werkzeug server; it refuses any host but 127.0.0.1, as the sandbox must stay local."""
    if host != HOST:
        raise ValueError(f"the sandbox listens on {HOST} only, not {host!r}")
    state = SandboxState(resolve_accounts(accounts), clock=clock, answer_delay=answer_delay)
    server = make_server(host, port, SandboxApp(state), threaded=True,
                         request_handler=QuietRequestHandler if quiet else None)
    return server, state


def server_url(server):
    return f"http://{HOST}:{server.port}"


class RunningSandbox:
    def __init__(self, server, state):
        self.server = server
        self.state = state
        self.url = server_url(server)
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="amazon-sandbox", daemon=True)
        self._thread.start()

    def stop(self):
        self.state.reset()  # cancels answers still waiting for their delay
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def start_in_thread(accounts=None, **options):
    """Start the sandbox on 127.0.0.1 and a free port; ``.url``, ``.state`` and ``.stop()``.

    Options: ``answer_delay`` (seconds, 0 = answers only on demand), ``clock``
    (a callable returning an aware datetime), ``port``, ``quiet`` (default True).
    """
    options.setdefault("quiet", True)
    server, state = make_sandbox_server(accounts, **options)
    return RunningSandbox(server, state)
