import sys

try:
    from pipeline.cli import main

    sys.exit(main())
except KeyboardInterrupt:  # also while Python is still importing, before main() catches it
    print("interrupted: the previous outputs are unchanged", file=sys.stderr)
    sys.exit(130)
