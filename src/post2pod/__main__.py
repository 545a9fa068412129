"""`python -m post2pod`."""

from post2pod.cli import main

if __name__ == "__main__":
    main()
