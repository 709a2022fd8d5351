"""The exception family of the library. The CLI turns these into ``Error: ...`` and exit code 1."""


class KGError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(KGError):
    """An input file or folder cannot be read (missing, empty, binary, malformed)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class QueryError(KGError):
    """A canned or ad hoc query cannot be run (unknown name, missing parameter, syntax)."""


class StoreError(KGError):
    """The embedded store cannot be opened or written."""


class Neo4jError(KGError):
    """Neo4j cannot be reached, started or written."""


class ValidationFailed(KGError):
    """A graph does not conform to the SHACL shapes."""
