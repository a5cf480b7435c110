"""Run lawdiff from a checkout: ``python cli.py compare A B`` (the same as the ``lawdiff`` command)."""
from lawdiff.__main__ import run

run()
