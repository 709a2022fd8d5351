"""Connection settings for Neo4j, from the environment or explicit options.

``NEO4J_URI`` (default ``bolt://127.0.0.1:7687``), ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``. The password is never shown: not in ``repr``, not in error messages.

>>> s = Settings(uri="bolt://127.0.0.1:7687", username="neo4j", password="secret")
>>> "secret" in repr(s)
False
>>> s.describe()
'bolt://127.0.0.1:7687 (user neo4j, database default)'
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from kg.errors import Neo4jError

DEFAULT_URI = "bolt://127.0.0.1:7687"
# the schemes the Bolt driver speaks (+s: TLS, +ssc: TLS with a self-signed certificate)
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class Settings:
    uri: str = DEFAULT_URI
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @classmethod
    def from_env(cls, **overrides: str | None) -> Settings:
        """Settings from ``NEO4J_*`` variables; non-empty ``overrides`` (CLI options) win."""
        env = os.environ
        base = cls(
            uri=env.get("NEO4J_URI") or DEFAULT_URI,
            username=env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or None,
            password=env.get("NEO4J_PASSWORD") or None,
            database=env.get("NEO4J_DATABASE") or None,
        )
        return replace(base, **{k: v for k, v in overrides.items() if v})

    @property
    def auth(self) -> tuple[str, str] | None:
        if self.username is None and self.password is None:
            return None
        return (self.username or "neo4j", self.password or "")

    def describe(self) -> str:
        user = self.username or ("neo4j" if self.password else "none")
        return f"{self.uri} (user {user}, database {self.database or 'default'})"


def check_uri(uri: str) -> None:
    """Raise :class:`Neo4jError` unless ``uri`` is a Bolt address (``bolt://``, ``neo4j://`` ...).

    >>> try:
    ...     check_uri("http://127.0.0.1:7474")
    ... except Neo4jError as e:
    ...     print(str(e)[:60])
    NEO4J_URI 'http://127.0.0.1:7474' is not a Bolt address: use
    """
    scheme, sep, _ = uri.partition("://")
    if sep and scheme.lower() in BOLT_SCHEMES:
        return
    hint = (
        " (http(s):// is the Neo4j Browser's address, not the driver's)"
        if scheme.lower() in ("http", "https")
        else ""
    )
    raise Neo4jError(
        f"NEO4J_URI {uri.split('@')[-1]!r} is not a Bolt address: use bolt://HOST:7687 or neo4j://HOST:7687{hint}"
    )


def _scrub(message: str, settings: Settings) -> str:
    if settings.password:
        message = message.replace(settings.password, "****")
    return message


def open_driver(settings: Settings | None = None, check: bool = True):
    """A :class:`neo4j.Driver`; with ``check``, verifies that the server answers.

    Raises :class:`Neo4jError` with a hint when it does not.
    """
    import neo4j
    from neo4j import exceptions as nx

    settings = settings or Settings.from_env()
    check_uri(settings.uri)
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=settings.auth, user_agent="sea-kg", notifications_min_severity="OFF"
        )
    except (ValueError, nx.ConfigurationError) as e:
        raise Neo4jError(f"bad Neo4j URI {settings.uri!r}: {_scrub(str(e), settings)}") from e
    if check:
        try:
            driver.verify_connectivity()
        except nx.AuthError as e:
            driver.close()
            raise Neo4jError(
                f"Neo4j at {settings.describe()} refused the credentials "
                "(check NEO4J_USERNAME / NEO4J_PASSWORD)"
            ) from e
        except (nx.ServiceUnavailable, nx.DriverError, nx.Neo4jError, OSError) as e:
            driver.close()
            raise Neo4jError(
                f"no Neo4j answers at {settings.describe()}: {_scrub(str(e), settings)} "
                "(start the local one with `kg neo4j start`, or set NEO4J_URI)"
            ) from e
    return driver


@contextmanager
def connect(settings: Settings | None = None) -> Iterator[tuple[object, Settings]]:
    """``with connect() as (driver, settings): ...``"""
    settings = settings or Settings.from_env()
    driver = open_driver(settings)
    try:
        yield driver, settings
    finally:
        driver.close()


def answers(settings: Settings | None = None, timeout: float = 2.0) -> bool:
    """True when a Bolt server answers at ``settings.uri`` (no exception)."""
    import neo4j

    settings = settings or Settings.from_env()
    try:
        with neo4j.GraphDatabase.driver(
            settings.uri, auth=settings.auth, connection_timeout=timeout, user_agent="sea-kg"
        ) as d:
            d.verify_connectivity()
        return True
    except Exception:
        return False
