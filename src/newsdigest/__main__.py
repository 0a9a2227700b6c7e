"""``python -m newsdigest``: the same command line as the ``newsdigest`` script."""

import sys

from newsdigest.cli import main

sys.exit(main())
