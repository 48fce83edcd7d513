"""``python -m amazon_sandbox --port 8070 --accounts FILE``: run the sandbox in the foreground."""
import argparse
import signal
import sys

from .accounts import AccountsFileError
from .server import DEFAULT_ANSWER_DELAY, HOST, make_sandbox_server, server_url


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m amazon_sandbox",
                                     description="A local Amazon Business stand-in (punchout, orders, answers).")
    parser.add_argument("--port", type=int, default=8070, help="TCP port; 0 picks a free one (default 8070)")
    parser.add_argument("--host", default=HOST, help=f"only {HOST} is accepted: the sandbox stays local")
    parser.add_argument("--accounts", metavar="FILE", help="accounts JSON file (default: the demo account)")
    parser.add_argument("--answer-delay", type=float, default=DEFAULT_ANSWER_DELAY, metavar="SECONDS",
                        help="send confirmation, ship notice and invoice this long after an order; "
                             f"0 = only when the admin API asks (default {DEFAULT_ANSWER_DELAY})")
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    arguments = parser.parse_args(argv)
    if arguments.host != HOST:
        parser.error(f"--host must be {HOST}: the sandbox never listens on other interfaces")
    if arguments.answer_delay < 0:
        parser.error("--answer-delay cannot be negative")
    return arguments


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # serve_forever stops cleanly on it, as on Ctrl-C


def main(argv=None):
    arguments = parse_arguments(argv)
    try:
        server, state = make_sandbox_server(arguments.accounts, port=arguments.port,
                                            answer_delay=arguments.answer_delay, quiet=arguments.quiet)
    except AccountsFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: cannot listen on {HOST}:{arguments.port}: {error}", file=sys.stderr)
        return 1
    # The first line is read by tests and the Makefile to learn the URL.
    print(f"Amazon Business sandbox on {server_url(server)}", flush=True)
    print(f"accounts: {', '.join(sorted(state.accounts))}; answer delay {state.answer_delay:g} s; "
          "admin API under /_sandbox/", flush=True)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    server.serve_forever()  # returns on Ctrl-C or SIGTERM and closes the socket
    state.reset()
    print("Amazon Business sandbox stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
