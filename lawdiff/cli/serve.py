"""``lawdiff serve``: the local web page (needs Flask, the ``web`` extra).

Flask is imported inside the command, so ``lawdiff --help`` works without it;
when it is missing the command prints the install hint and exits with 2.
"""
from __future__ import annotations

import gc

import click

__all__ = ["serve_command", "HOST"]

#: The only address the server binds to: nothing is reachable from another machine.
HOST = "127.0.0.1"


@click.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default web browser.")
@click.option("--max-upload", "max_upload", type=click.IntRange(1, 1024), default=32, show_default=True,
              metavar="MB", help="Largest upload (all drafts of one comparison together), in MB.")
def serve_command(port: int, open_browser: bool, max_upload: int) -> None:
    """Serve the comparison page on http://127.0.0.1:PORT/ (drafting staff: upload, compare, download)."""
    try:
        import flask  # noqa: F401
        from werkzeug.serving import make_server
    except ImportError:
        click.echo("lawdiff serve needs Flask: pip install 'lawdiff[web]'", err=True)
        raise SystemExit(2) from None
    from ..web import create_app

    gc.enable()  # a long-running server: the collector the console script switched off (lawdiff.__main__)
    _check_port(port)
    app = create_app({"MAX_CONTENT_LENGTH": max_upload * 1024 * 1024})
    try:
        server = make_server(HOST, port, app, threaded=True)
    except (OSError, SystemExit) as err:  # werkzeug exits itself when the port is taken meanwhile
        raise click.UsageError(f"cannot listen on {HOST}:{port}: {err}; choose another --port") from None
    url = f"http://{HOST}:{server.server_port}/"
    click.echo(f"lawdiff: serving on {url} (Ctrl+C to stop; files stay on this machine)")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("lawdiff: stopped")
    finally:
        server.server_close()


def _check_port(port: int) -> None:
    """A usage error (exit 2) when ``port`` cannot be bound on 127.0.0.1 (werkzeug would exit with 1)."""
    import socket

    if port == 0:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError as err:
            msg = f"cannot listen on {HOST}:{port}: {err.strerror or err}; choose another --port"
            raise click.UsageError(msg) from None
