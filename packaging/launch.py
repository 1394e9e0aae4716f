"""The packaged app's entry point: `pos-app` as the venv's console script runs it."""

import sys

from pos_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
