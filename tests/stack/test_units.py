"""The systemd units of deploy/ fit together: every timer starts a service that
exists, every service runs a command that exists, and the web template serves
the ports nginx's upstream sends to."""

import re
import shlex

from django.core.management import get_commands

from .launcher import DEPLOY


def unit_lines(path, key):
    return [
        line.split("=", 1)[1]
        for line in path.read_text().splitlines()
        if line.startswith(f"{key}=")
    ]


def test_every_timer_starts_a_service_of_its_name():
    timers = sorted(DEPLOY.glob("*.timer"))
    assert timers
    for timer in timers:
        assert timer.with_suffix(".service").exists(), timer.name
        assert unit_lines(timer, "OnCalendar"), timer.name


def test_every_service_runs_a_manage_py_command_or_gunicorn_that_exists():
    commands = get_commands()
    for service in DEPLOY.glob("*.service"):
        (exec_start,) = unit_lines(service, "ExecStart")
        words = shlex.split(exec_start)
        if words[1:2] == ["manage.py"]:
            assert words[2] in commands, (service.name, words[2])
        else:
            assert words[0].endswith("/gunicorn") and "deploy/gunicorn.conf.py" in words
        assert unit_lines(service, "EnvironmentFile") == ["/etc/obshtina/obshtina.env"]


def test_the_web_template_serves_the_ports_of_the_nginx_upstream():
    web = DEPLOY / "obshtina-web@.service"
    assert unit_lines(web, "Environment") == ["GUNICORN_BIND=127.0.0.1:%i"]
    upstream = re.search(
        r"upstream obshtina_app \{(.*?)\}", (DEPLOY / "nginx.conf").read_text(), re.S
    )
    ports = re.findall(r"server 127\.0\.0\.1:(\d+)", upstream.group(1))
    assert ports == ["8001", "8002"]
    assert "obshtina-web@8001 obshtina-web@8002" in web.read_text()
