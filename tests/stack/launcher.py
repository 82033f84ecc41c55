"""The production stack of `deploy/`, booted on loopback: nginx, two gunicorn app
servers, the background worker, Redis, and a fresh PostgreSQL database.

    with running_stack(database_url="postgres://postgres@127.0.0.1:5432/obshtina") as stack:
        stack.url  # https://127.0.0.1:<port> (self-signed certificate: stack.certificate)

By default a fresh database is made beside the one named and dropped at the end (the
tests); with `fresh_database=False` the named database itself is served as it is,
only migrated (bench/load.py, on a benchmark database it filled beforehand).

nginx runs the very server blocks of deploy/nginx.conf: only the values a deployment
fills in (paths, ports, certificate, the app servers' addresses) are replaced, and
every replacement must find its line, so the file and this launcher cannot drift
apart silently. The only addition: a response header naming the app server that
answered (X-Stack-Upstream), so a test can tell the two apart.

Used by tests/stack/ and by anything that wants to drive load through the real
stack; `python -m tests.stack.launcher` starts it and waits (Ctrl-C stops it).
"""

import contextlib
import datetime
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = os.environ.get("NGINX_PATH") or shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
NGINX_MODULES = Path("/usr/lib/nginx/modules")
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")
STARTUP_SECONDS = 60
GUNICORN_CONF = "deploy/gunicorn.conf.py"


class StackError(RuntimeError):
    pass


def missing_programs() -> list[str]:
    """What this machine lacks to boot the stack (Debian packages named)."""
    missing = []
    if not os.path.exists(NGINX):
        missing.append(f"nginx ({NGINX}: Debian's 'nginx' package)")
    if not os.path.exists(REDIS_SERVER):
        missing.append(f"redis-server ({REDIS_SERVER}: Debian's 'redis-server' package)")
    return missing


def has_brotli() -> bool:
    return all((NGINX_MODULES / name).exists() for name in BROTLI_MODULES)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Ports:
    """Every port the stack listens on (all on 127.0.0.1)."""

    https: int
    http: int
    apps: tuple[int, int]
    redis: int
    smtp: int

    @classmethod
    def from_base(cls, base: int | None) -> "Ports":
        if base is None:
            return cls(
                free_port(), free_port(), (free_port(), free_port()), free_port(), free_port()
            )
        return cls(base + 43, base + 80, (base + 1, base + 2), base + 79, base + 25)


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, made now (python `cryptography`)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


# The values of deploy/nginx.conf a deployment fills in: (line as deployed, as in the stack).
def deployed_values(ports: Ports, directory: Path, cert: Path, key: Path) -> list[tuple[str, str]]:
    first, second = ports.apps
    return [
        ("server 127.0.0.1:8001 ", f"server 127.0.0.1:{first} "),
        ("server 127.0.0.1:8002 ", f"server 127.0.0.1:{second} "),
        ("listen 80;", f"listen 127.0.0.1:{ports.http};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{ports.https} ssl http2;"),
        ("/etc/letsencrypt/live/e.samokov.bg/fullchain.pem", str(cert)),
        ("/etc/letsencrypt/live/e.samokov.bg/privkey.pem", str(key)),
        ("root /srv/obshtina;", f"root {directory / 'srv'};"),
        ("include /etc/nginx/obshtina/", f"include {directory / 'nginx-includes'}/"),
        (
            "proxy_pass http://obshtina_app;",
            "proxy_pass http://obshtina_app;\n"
            "        add_header X-Stack-Upstream $upstream_addr always;",
        ),
    ]


def render_site(ports: Ports, directory: Path, cert: Path, key: Path) -> str:
    site = (DEPLOY / "nginx.conf").read_text()
    for deployed, here in deployed_values(ports, directory, cert, key):
        if deployed not in site:
            raise StackError(f"deploy/nginx.conf no longer has {deployed!r}: update the launcher")
        site = site.replace(deployed, here)
    return site


def render_main(directory: Path, site: Path) -> str:
    modules = "".join(
        f"load_module {NGINX_MODULES / name};\n" for name in BROTLI_MODULES if has_brotli()
    )
    temp = directory / "nginx-temp"
    # As root the workers would drop to `nobody`, who cannot read the temporary files.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{modules}{user}daemon off;
worker_processes 2;
pid {directory}/nginx.pid;
error_log {directory}/logs/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {directory}/logs/nginx-access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
"""


@dataclass
class Stack:
    directory: Path
    ports: Ports
    env: dict[str, str]
    certificate: Path
    database_url: str
    brotli: bool
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.ports.https}"

    @property
    def app_addresses(self) -> tuple[str, str]:
        return tuple(f"127.0.0.1:{port}" for port in self.ports.apps)

    def log(self, name: str) -> str:
        path = self.directory / "logs" / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def logs(self) -> str:
        return "\n".join(
            f"==== {path.name} ====\n{path.read_text(errors='replace')[-6000:]}"
            for path in sorted((self.directory / "logs").glob("*.log"))
        )

    def manage(self, *args: str, timeout: float = 120) -> str:
        """Run `manage.py` with the stack's settings; its output, or StackError."""
        try:
            result = subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise StackError(f"manage.py {' '.join(args)} took over {timeout} s") from None
        if result.returncode:
            raise StackError(f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start(self, name: str, command: list[str], env: dict[str, str] | None = None):
        with open(self.directory / "logs" / f"{name}.log", "ab") as log:
            self.processes[name] = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**self.env, **(env or {})},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)

    def wait_for_health(self, name: str, port: int, deadline: float):
        """Until the app server itself answers /healthz (its workers have loaded the app)."""
        self.wait_for_port(name, port, deadline)
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request(
                    "GET", "/healthz", headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
                )
                if connection.getresponse().status == 200:
                    return
            time.sleep(0.2)
        raise StackError(f"{name} did not answer /healthz in {STARTUP_SECONDS} s")

    def wait_for_port(self, name: str, port: int, deadline: float):
        while time.monotonic() < deadline:
            process = self.processes[name]
            if process.poll() is not None:
                raise StackError(f"{name} ended ({process.returncode}):\n{self.log(name)[-4000:]}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
                return
            time.sleep(0.1)
        raise StackError(f"{name} did not listen on {port} in {STARTUP_SECONDS} s")


def _database(url: str, name: str, *, create: bool):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def _boot(stack: Stack, cert: Path, key: Path, app_workers: int | None, demo_data: bool):
    """Start every process of the stack, in order, each within STARTUP_SECONDS."""
    ports, directory = stack.ports, stack.directory
    deadline = time.monotonic() + STARTUP_SECONDS
    stack.start(
        "redis",
        [
            REDIS_SERVER,
            "--port",
            str(ports.redis),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
    )
    stack.wait_for_port("redis", ports.redis, deadline)
    # collectstatic needs no database: it runs while the database is made.
    collectstatic = [sys.executable, "manage.py", "collectstatic", "--noinput"]
    stack.start("collectstatic", collectstatic)
    stack.manage("migrate", "--noinput", "-v0", timeout=180)
    if demo_data:
        stack.manage("load_demo_data", timeout=180)
    if stack.processes["collectstatic"].wait(timeout=180):
        raise StackError(f"collectstatic failed:\n{stack.log('collectstatic')}")
    stack.manage("error_pages")
    if stack.brotli:
        shutil.copy(DEPLOY / "nginx-brotli.conf", directory / "nginx-includes/brotli.conf")
    site = directory / "site.conf"
    site.write_text(render_site(ports, directory, cert, key))
    main = directory / "nginx.conf"
    main.write_text(render_main(directory, site))
    deadline = time.monotonic() + STARTUP_SECONDS
    for index, port in enumerate(ports.apps, 1):
        stack.start(
            f"gunicorn-{index}",
            [sys.executable, "-m", "gunicorn", "-c", GUNICORN_CONF, "config.wsgi"],
            env={"GUNICORN_BIND": f"127.0.0.1:{port}"}
            | ({"GUNICORN_WORKERS": str(app_workers)} if app_workers else {}),
        )
    stack.start("worker", [sys.executable, "manage.py", "db_worker"])
    stack.start(
        "nginx",
        [
            NGINX,
            "-p",
            str(directory),
            "-c",
            str(main),
            "-e",
            str(directory / "logs/nginx-error.log"),
        ],
    )
    for index, port in enumerate(ports.apps, 1):
        stack.wait_for_health(f"gunicorn-{index}", port, deadline)
    stack.wait_for_port("nginx", ports.https, deadline)


@contextlib.contextmanager
def running_stack(
    *,
    database_url: str,
    port_base: int | None = None,
    env: dict[str, str] | None = None,
    app_workers: int | None = 2,
    directory: Path | None = None,
    fresh_database: bool = True,
):
    """Boot everything, yield a Stack, stop everything (also on failure).

    `database_url` names a PostgreSQL database. With `fresh_database` (the tests) a
    fresh database `<its name>_stack` is made on its server, migrated, filled with the
    demo data, and dropped at the end; without, the database named is served as it is
    (only migrated) and kept. `env` adds settings to every process's environment
    (e.g. a small API_RATE_LIMIT, or raised ones for a load run). `app_workers`: the
    processes of each app server (None: deploy/gunicorn.conf.py's own count).
    `port_base` puts every port at a known offset from it (Ports.from_base).
    """
    if missing := missing_programs():
        raise StackError("missing: " + ", ".join(missing))
    ports = Ports.from_base(port_base)
    own_directory = directory is None
    directory = Path(directory or tempfile.mkdtemp(prefix="obshtina-stack-"))
    for sub in ("logs", "srv/static", "srv/media", "private-media", "nginx-includes", "nginx-temp"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    base_name = urllib.parse.urlsplit(database_url).path.lstrip("/") or "obshtina"
    db_name = f"{base_name}_stack"
    stack_db = _database(database_url, db_name, create=True) if fresh_database else database_url
    cert, key = self_signed_certificate(directory)
    stack = Stack(
        directory=directory,
        ports=ports,
        certificate=cert,
        database_url=stack_db,
        brotli=has_brotli(),
        env={
            # What the systemd units read from /etc/obshtina/obshtina.env (obshtina.env.example).
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{ports.https}",
            "SITE_URL": f"https://127.0.0.1:{ports.https}",
            "TRUSTED_PROXIES": "127.0.0.1,::1",
            "DATABASE_URL": stack_db,
            "REDIS_URL": f"redis://127.0.0.1:{ports.redis}/0",
            "EMAIL_URL": f"smtp://127.0.0.1:{ports.smtp}",
            "EMAIL_TIMEOUT": "5",
            "STATIC_ROOT": str(directory / "srv/static"),
            "MEDIA_ROOT": str(directory / "srv/media"),
            "PRIVATE_MEDIA_ROOT": str(directory / "private-media"),
            "SECURE_HSTS_SECONDS": "0",
            **(env or {}),
        },
    )
    try:
        try:
            _boot(stack, cert, key, app_workers, demo_data=fresh_database)
        except StackError as error:
            raise StackError(f"{error}\n{stack.logs()}") from None
        yield stack
    finally:
        stack.stop()
        if fresh_database:
            with contextlib.suppress(Exception):
                _database(database_url, db_name, create=False)
        if own_directory and not os.environ.get("STACK_KEEP"):
            shutil.rmtree(directory, ignore_errors=True)


def main():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("The stack runs on PostgreSQL: set DATABASE_URL=postgres://...")
    base = os.environ.get("STACK_PORT_BASE")

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    # Other settings come from the environment, e.g. API_RATE_LIMIT=100000/1m for load.
    with running_stack(database_url=url, port_base=int(base) if base else None) as stack:
        print(
            f"The stack answers at {stack.url} (certificate {stack.certificate}, "
            f"logs in {stack.directory / 'logs'}); Ctrl-C stops it.",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            signal.pause()


if __name__ == "__main__":
    main()
