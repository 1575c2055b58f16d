"""Errors a user can cause, each with a one-line message naming the file (and entry, field)."""


class ArchiveError(Exception):
    """Base for errors shown to users as one line, never as a traceback."""


class RegistryError(ArchiveError):
    """The manifest or a registry is wrong: the build stops before anything is written."""


class SourceFileError(ArchiveError):
    """One source file cannot be read: it is skipped, listed in `problems`, the rest is built."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class BuildLockedError(ArchiveError):
    """Another build holds the lock on the database."""
