"""Run filmjournal with ``python -m filmjournal``."""

from filmjournal.launch import main

if __name__ == "__main__":
    main()
