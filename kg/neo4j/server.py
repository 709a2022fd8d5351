"""A local Neo4j Community server for development: fetched once with Maven, run with java.

The jars (``org.neo4j.app:neo4j-server`` and ``org.neo4j:neo4j-bootcheck``, see
``maven/pom.xml``) go to ``$KG_NEO4J_CACHE`` or ``~/.cache/sea-kg/neo4j-VERSION/lib``; the
server's home (conf, data, logs, pid file) is ``$KG_NEO4J_HOME`` or ``./.neo4j``. The server
listens on 127.0.0.1 only, with auth off and usage reporting off: Bolt, and, when an
``http_port`` is given, HTTP serving Neo4j Browser (``org.neo4j.client:neo4j-browser``, fetched
once like the server, ``maven/extras.toml``) with this graph's style and guide
(:mod:`kg.neo4j.browser_files`). ``apoc=True`` adds APOC core to the plugins folder.

>>> conf = render_conf(Path("/tmp/h"), 7687)
>>> "server.bolt.listen_address=127.0.0.1:7687" in conf and "dbms.security.auth_enabled=false" in conf
True
>>> "server.http.listen_address=127.0.0.1:7474" in render_conf(Path("/tmp/h"), 7687, http_port=7474)
True
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import Neo4jError

NEO4J_VERSION = "5.26.30"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
POM = Path(__file__).resolve().parent / "maven" / "pom.xml"
EXTRAS = Path(__file__).resolve().parent / "maven" / "extras.toml"
DEFAULT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
_STATE = "kg-neo4j.json"

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def cache_dir() -> Path:
    """Where the jars are kept: ``$KG_NEO4J_CACHE`` or ``~/.cache/sea-kg/neo4j-VERSION``."""
    env = os.environ.get("KG_NEO4J_CACHE")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sea-kg" / f"neo4j-{NEO4J_VERSION}"


def default_home() -> Path:
    """The server's folder: ``$KG_NEO4J_HOME`` or ``./.neo4j``."""
    return Path(os.environ.get("KG_NEO4J_HOME") or ".neo4j").absolute()


# ------------------------------------------------------------------ prerequisites
def find_java() -> str:
    """The ``java`` to run (``$JAVA_HOME/bin/java`` or the one on PATH), checked to be 17+."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise Neo4jError(
            "Java 17 or newer is needed to run Neo4j 5 and none was found "
            "(install it, e.g. `apt-get install openjdk-17-jre-headless`, or set JAVA_HOME)"
        )
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    major = int(m.group(1)) if m else 0
    if major == 1 and m and m.group(2):
        major = int(m.group(2))
    if major < 17:
        raise Neo4jError(f"Neo4j 5 needs Java 17 or newer; {java} is Java {major or 'of unknown version'}")
    return java


def lib_dir() -> Path:
    return cache_dir() / "lib"


def jars_ready() -> bool:
    return (cache_dir() / "lib" / ".complete").exists()


def ensure_jars(progress: Progress = _quiet) -> Path:
    """Fetch the server jars with Maven once; returns the folder holding them."""
    lib = lib_dir()
    if jars_ready():
        return lib
    mvn = shutil.which("mvn")
    if not mvn:
        raise Neo4jError(
            f"Neo4j {NEO4J_VERSION} is not in {lib} yet and Maven is needed to fetch it once "
            "(install it, e.g. `apt-get install maven`)"
        )
    tmp = cache_dir() / "lib.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    progress(f"fetching Neo4j {NEO4J_VERSION} jars from Maven Central into {lib} (once) ...")
    cmd = [
        mvn, "-B", "-q", "-f", str(POM), "dependency:copy-dependencies",
        f"-Dneo4j.version={NEO4J_VERSION}", f"-DoutputDirectory={tmp}", "-DincludeScope=runtime",
    ]  # fmt: skip
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0 or not any(tmp.glob("neo4j-server-*.jar")):
        tail = "\n".join((res.stdout + res.stderr).strip().splitlines()[-15:])
        raise Neo4jError(f"Maven could not fetch Neo4j {NEO4J_VERSION}:\n{tail}")
    shutil.rmtree(lib, ignore_errors=True)
    tmp.rename(lib)
    (lib / ".complete").write_text(NEO4J_VERSION + "\n")
    return lib


def extras() -> dict[str, dict[str, str]]:
    import tomllib

    with EXTRAS.open("rb") as f:
        return tomllib.load(f)


def ensure_extra(name: str, progress: Progress = _quiet) -> Path:
    """The jar of an optional part (``browser``, ``apoc``), fetched with Maven once."""
    spec = extras()[name]
    folder = cache_dir() / "extras"
    jar = folder / spec["file"]
    if jar.is_file():
        return jar
    mvn = shutil.which("mvn")
    if not mvn:
        raise Neo4jError(f"{spec['artifact']} is not in {folder} yet and Maven is needed to fetch it once")
    folder.mkdir(parents=True, exist_ok=True)
    progress(f"fetching {spec['artifact']} from Maven Central into {folder} (once) ...")
    tmp = folder / "partial"
    shutil.rmtree(tmp, ignore_errors=True)
    cmd = [mvn, "-B", "-q", "-f", str(POM), "dependency:copy", f"-Dartifact={spec['artifact']}",
           f"-DoutputDirectory={tmp}"]  # fmt: skip
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    got = tmp / spec["file"]
    if res.returncode != 0 or not got.is_file():
        tail = "\n".join((res.stdout + res.stderr).strip().splitlines()[-15:])
        raise Neo4jError(f"Maven could not fetch {spec['artifact']}:\n{tail}")
    got.rename(jar)
    shutil.rmtree(tmp, ignore_errors=True)
    return jar


# ------------------------------------------------------------------ configuration
def _memory(name: str, default: str) -> str:
    value = os.environ.get(name) or default
    if not re.fullmatch(r"\d+[kKmMgG]?", value):
        raise Neo4jError(f"{name}={value!r} is not a size such as 2g or 512m")
    return value.lower()


def heap_size() -> str:
    """JVM heap: ``$KG_NEO4J_HEAP`` or 4g (sized for 2 cores / 24 GiB, room for 1M-row loads)."""
    return _memory("KG_NEO4J_HEAP", "4g")


def pagecache_size() -> str:
    return _memory("KG_NEO4J_PAGECACHE", "2g")


def browser_url(http_port: int) -> str:
    return f"http://127.0.0.1:{http_port}/browser/"


def _http_lines(port: int, http_port: int | None) -> list[str]:
    if not http_port:
        return ["server.http.enabled=false"]
    from kg.neo4j.browser_files import GRASS, GUIDE

    base = f"http://127.0.0.1:{http_port}/browser"
    return [
        "server.http.enabled=true",
        f"server.http.listen_address=127.0.0.1:{http_port}",
        f"server.http.advertised_address=127.0.0.1:{http_port}",
        "server.http_enabled_modules=TRANSACTIONAL_ENDPOINTS,BROWSER",
        # Browser: apply the graph's style and open the guide of canned queries once connected
        f"browser.post_connect_cmd=style {base}/{GRASS}; play {base}/{GUIDE}",
        "browser.remote_content_hostname_whitelist=127.0.0.1,localhost",
    ]


def render_conf(home: Path, port: int, http_port: int | None = None, apoc: bool = False) -> str:
    d = {k: home / k for k in ("data", "logs", "run", "plugins", "import")}
    lines = [
        "# Written by `kg neo4j start`; rewritten at each start. A local development server:",
        "# Bolt (and HTTP for Neo4j Browser, when asked) on the loopback interface only,",
        "# no authentication, no usage reports.",
        "server.default_listen_address=127.0.0.1",
        f"server.bolt.listen_address=127.0.0.1:{port}",
        f"server.bolt.advertised_address=127.0.0.1:{port}",
        "server.bolt.enabled=true",
        "server.bolt.tls_level=DISABLED",
        *_http_lines(port, http_port),
        "server.https.enabled=false",
        *(["dbms.security.procedures.unrestricted=apoc.*"] if apoc else []),
        "dbms.security.auth_enabled=false",
        "dbms.usage_report.enabled=false",
        *(f"server.directories.{k}={v}" for k, v in d.items()),
        f"server.memory.heap.initial_size={heap_size()}",
        f"server.memory.heap.max_size={heap_size()}",
        f"server.memory.pagecache.size={pagecache_size()}",
        "db.tx_log.rotation.retention_policy=256M size",
        "db.logs.query.enabled=OFF",
        "# a loopback dev server has no clients to wait for at shutdown (the default waits 5 s)",
        "internal.server.bolt.thread_pool_shutdown_wait_time=500ms",
    ]
    return "\n".join(lines) + "\n"


def jvm_options() -> list[str]:
    heap = heap_size()
    return [
        f"-Xms{heap}", f"-Xmx{heap}",
        "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+DisableExplicitGC",
        "-XX:+UnlockExperimentalVMOptions", "-XX:+TrustFinalNonStaticFields",
        "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
        "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
    ]  # fmt: skip


# ------------------------------------------------------------------ process state
@dataclass
class Status:
    home: Path
    running: bool
    pid: int | None = None
    port: int | None = None
    answering: bool = False
    version: str = NEO4J_VERSION
    http_port: int | None = None
    apoc: bool = False

    @property
    def uri(self) -> str | None:
        return f"bolt://127.0.0.1:{self.port}" if self.port else None

    @property
    def browser(self) -> str | None:
        return browser_url(self.http_port) if self.http_port else None

    def as_dict(self) -> dict:
        return {
            "home": str(self.home), "running": self.running, "pid": self.pid, "port": self.port,
            "uri": self.uri, "answering": self.answering, "version": self.version,
            "browser": self.browser, "apoc": self.apoc,
        }  # fmt: skip


def _state_path(home: Path) -> Path:
    return home / "run" / _STATE


def _read_state(home: Path) -> dict:
    try:
        return json.loads(_state_path(home).read_text())
    except (OSError, ValueError):
        return {}


def _alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reap it when it is our own child
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state not in ("Z", "X") and MAIN_CLASS.encode() in cmdline


def _port_open(port: int, timeout: float = 0.5) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _bolt_answers(port: int) -> bool:
    from kg.neo4j.connection import Settings, answers

    return _port_open(port) and answers(Settings(uri=f"bolt://127.0.0.1:{port}"))


def status(home: Path | None = None) -> Status:
    home = Path(home or default_home()).absolute()
    st = _read_state(home)
    pid, port = st.get("pid"), st.get("port")
    extra = {"http_port": st.get("http_port"), "apoc": bool(st.get("apoc"))}
    if not pid or not _alive(pid):
        return Status(home, False, port=port, **extra)
    return Status(home, True, pid, port, answering=bool(port) and _bolt_answers(port), **extra)


def log_tail(home: Path, lines: int = 25) -> str:
    out = []
    for name in ("console.log", "neo4j.log"):
        p = home / "logs" / name
        if p.exists():
            text = p.read_text(errors="replace").strip().splitlines()[-lines:]
            if text:
                out.append(f"--- {p}\n" + "\n".join(text))
    return "\n".join(out) or "(no log written)"


# ------------------------------------------------------------------ start / stop
def start(
    home: Path | None = None,
    port: int = DEFAULT_PORT,
    timeout: float = 180,
    progress: Progress = _quiet,
    http_port: int | None = None,
    apoc: bool = False,
) -> Status:
    """Start the server (fetching the jars first if needed) and wait until Bolt answers.

    ``http_port``: also serve Neo4j Browser on ``http://127.0.0.1:HTTP_PORT/browser/``;
    ``apoc``: with APOC core. Idempotent: a server already running from ``home`` with the
    same settings is left alone.
    """
    home = Path(home or default_home()).absolute()
    current = status(home)
    if current.running:
        wanted = (port, http_port or None, apoc)
        if (current.port, current.http_port or None, current.apoc) != wanted:
            raise Neo4jError(
                f"the Neo4j in {home} already runs with port {current.port}, HTTP port "
                f"{current.http_port or 'off'}, APOC {'on' if current.apoc else 'off'}; "
                "stop it first (`kg neo4j stop`) to change them"
            )
        if not current.answering:
            current = _wait(home, current.pid, port, timeout)
        return current
    java = find_java()
    lib = ensure_jars(progress)
    # the plugins on the classpath too (APOC's extension must be found), after the server's own jars
    classpath = [f"{lib}/*", f"{home / 'plugins'}/*"]
    for p, what in ((port, "--port"), (http_port, "--http-port (or --no-browser)")):
        if p and _port_open(p):
            raise Neo4jError(f"port {p} on 127.0.0.1 is already in use; choose another with {what}")
    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    if http_port:
        from kg.neo4j.browser_files import write_browser_jar

        jar = ensure_extra("browser", progress)
        classpath.append(str(write_browser_jar(jar, home / "browser" / jar.name)))
    plugin = home / "plugins" / extras()["apoc"]["file"]
    if apoc:
        shutil.copyfile(ensure_extra("apoc", progress), plugin)
    else:
        plugin.unlink(missing_ok=True)
    (home / "conf" / "neo4j.conf").write_text(render_conf(home, port, http_port, apoc))
    cmd = [
        java, *jvm_options(), "-cp", os.pathsep.join(classpath), MAIN_CLASS,
        f"--home-dir={home}", f"--config-dir={home / 'conf'}",
    ]  # fmt: skip
    progress(f"starting Neo4j {NEO4J_VERSION} on bolt://127.0.0.1:{port} (home {home}) ...")
    with open(home / "logs" / "console.log", "ab") as log:
        proc = subprocess.Popen(
            cmd, cwd=home, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, env={**os.environ, "NEO4J_HOME": str(home)},
        )  # fmt: skip
    state = {"pid": proc.pid, "port": port, "version": NEO4J_VERSION, "http_port": http_port, "apoc": apoc}
    _state_path(home).write_text(json.dumps(state))
    (home / "run" / "neo4j.pid").write_text(f"{proc.pid}\n")
    return _wait(home, proc.pid, port, timeout)


def _wait(home: Path, pid: int, port: int, timeout: float) -> Status:
    deadline = time.monotonic() + timeout
    st = _read_state(home)
    while time.monotonic() < deadline:
        if not _alive(pid):
            raise Neo4jError(f"Neo4j exited while starting; the end of its logs:\n{log_tail(home)}")
        if _bolt_answers(port):
            http = st.get("http_port")
            while http and not _port_open(http) and time.monotonic() < deadline:
                time.sleep(0.25)  # Browser is served a moment after Bolt answers
            return Status(home, True, pid, port, answering=True, http_port=http, apoc=bool(st.get("apoc")))
        time.sleep(0.25)
    _terminate(pid, 20)
    raise Neo4jError(
        f"Neo4j did not answer on bolt://127.0.0.1:{port} within {timeout:.0f}s and was stopped; "
        f"the end of its logs:\n{log_tail(home)}"
    )


def _terminate(pid: int, timeout: float) -> bool:
    """SIGTERM the server's process group, wait, then SIGKILL; True if it had to be killed."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return False
        except PermissionError:
            os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _alive(pid):
                return sig == signal.SIGKILL
            time.sleep(0.25)
    return True


def stop(home: Path | None = None, timeout: float = 60) -> Status:
    """Stop the server started from ``home`` (SIGTERM, wait up to ``timeout``, then SIGKILL)."""
    home = Path(home or default_home()).absolute()
    current = status(home)
    if current.running and current.pid:
        _terminate(current.pid, timeout)
    for p in (_state_path(home), home / "run" / "neo4j.pid"):
        p.unlink(missing_ok=True)
    return Status(home, False, port=current.port, http_port=current.http_port, apoc=current.apoc)
