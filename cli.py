"""Run lawdiff from a checkout: ``python cli.py compare A B``."""
from lawdiff.cli import main
main()
