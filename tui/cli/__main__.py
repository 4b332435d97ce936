"""``python -m tui.cli``: the kopir command line."""

import sys

from tui.cli.main import main

sys.exit(main())
