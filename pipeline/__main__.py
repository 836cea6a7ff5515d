import os
import signal
import sys

try:
    from pipeline.cli import main

    status = main()
    # Done: a Ctrl-C from here on would only break into Python's exit, with a traceback, or kill it
    # by SIGINT (as Python resets the handler), hiding a finished build's exit status.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
except KeyboardInterrupt:  # also while Python is still importing, before main() catches it
    print("interrupted: no output was left half-written; run the command again to finish", file=sys.stderr)
    status = 130
except BrokenPipeError:  # `python -m pipeline rules | head`: the reader stopped listening, which is fine
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush cannot fail again
    status = 0
sys.exit(status)
