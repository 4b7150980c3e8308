"""`python -m app`: start lsterm."""

from app.main import main

if __name__ == "__main__":
    main()
