import os
import sys

try:
    from pipeline.cli import main

    sys.exit(main())
except KeyboardInterrupt:  # also while Python is still importing, before main() catches it
    print("interrupted: the previous outputs are unchanged", file=sys.stderr)
    sys.exit(130)
except BrokenPipeError:  # `python -m pipeline rules | head`: the reader stopped listening, which is fine
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush cannot fail again
    sys.exit(0)
