#!/usr/bin/env python3
"""Helper for ha-test-env.sh; run with the Home Assistant virtualenv's python.

Subcommands (all print errors to stderr and exit non-zero on failure):
  requirements --template T        pip requirement lines for every integration HA will load
  write-config --template T --config-dir D --port P [--cert C --key K]
  check-imports --template T       import every integration HA will load (missing wheels?)
  free-port                        print a free TCP port on 127.0.0.1
  port-free PORT                   exit 0 if PORT on 127.0.0.1 can be bound
  first-setup ...                  onboarding, owner + non-admin users, long-lived tokens
  wait-ready ...                   wait until the API answers with a token and entities exist
  status ...                       exit 0 if the API answers {"message": "API running."}
  ws-call --url U --token T JSON   run one WebSocket command and print its result

Only the standard library and aiohttp (shipped with Home Assistant) are used.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import ssl
import sys
import time
from pathlib import Path
from typing import Any

# Owner and non-admin user made on first start (test credentials for a throwaway local instance).
OWNER = {"name": "Hearth Owner", "username": "hearth", "password": "hearth-test-pass"}
USER = {"name": "Hearth User", "username": "hearth-user", "password": "hearth-user-pass"}
LLAT_CLIENT = "hearth-tests"
# Onboarding creates the areas living_room, kitchen and bedroom; we add office and put some demo
# devices (which come without an area) into areas, so area targets and area templates work.
EXTRA_AREAS = ["Office"]
DEVICE_AREAS = {
    "Bed Light": "bedroom",
    "AC": "bedroom",
    "Ceiling Lights": "living_room",
    "Living Room RGBWW Lights": "living_room",
    "Decorative Lights": "living_room",
    "Living Room Window": "living_room",
    "Kitchen Lights": "kitchen",
    "Kitchen Window": "kitchen",
    "Office RGBW Lights": "office",
    "Hvac": "office",
}
LLAT_DAYS = 3650


def die(msg: str) -> None:
    print(f"ha_helper: {msg}", file=sys.stderr)
    sys.exit(1)


# --------------------------------------------------------------------------- requirements


def _render(template: str, port: int, http_extra: str) -> str:
    import shutil  # noqa: PLC0415

    return (template.replace("@PORT@", str(port)).replace("@HTTP_EXTRA@", http_extra)
            .replace("@FFMPEG_BIN@", shutil.which("ffmpeg") or "/bin/true"))


def _config_domains(config: dict[str, Any]) -> set[str]:
    """Top-level integrations plus `platform:` integrations used below them."""
    domains: set[str] = set()
    for key, value in config.items():
        domain = key.split(" ")[0]  # "light old" style keys
        domains.add(domain)
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict) and isinstance(item.get("platform"), str):
                    domains.add(item["platform"])
    return domains


def _closure(template_path: str) -> tuple[set[str], dict[str, str]]:
    """Integrations HA will load for this config, and their requirements (req -> domain)."""
    import yaml  # noqa: PLC0415  (PyYAML ships with Home Assistant)

    import homeassistant  # noqa: PLC0415
    from homeassistant import bootstrap  # noqa: PLC0415
    from homeassistant.components import demo  # noqa: PLC0415

    components = Path(homeassistant.__file__).parent / "components"
    config = yaml.safe_load(_render(Path(template_path).read_text(), 8123, ""))

    wanted = _config_domains(config)
    wanted |= set(bootstrap.CORE_INTEGRATIONS) | set(bootstrap.DEFAULT_INTEGRATIONS)
    if "demo" in wanted:
        # demo forwards its config entry to these entity platforms and sets up a few helpers.
        wanted |= {str(p) for p in demo.COMPONENTS_WITH_CONFIG_ENTRY_DEMO_PLATFORM}
        wanted |= {str(p) for p in demo.COMPONENTS_WITH_DEMO_PLATFORM}
        wanted |= {"sun", "input_select", "input_boolean", "input_button", "input_number",
                   "script", "scene"}

    # Same walk as homeassistant/requirements.py: dependencies + after_dependencies, plus the
    # discovery integrations whose keys appear in a manifest.
    discovery = {"dhcp": ("dhcp",), "mqtt": ("mqtt",), "ssdp": ("ssdp",),
                 "zeroconf": ("zeroconf", "homekit")}
    # Manifests do not list every integration whose module is imported at load time (camera
    # imports stream, which imports numpy), so `homeassistant.components.X` imports count too,
    # except in platform files of integrations that are not loaded (lovelace/cast.py is only
    # imported when cast is).
    # Imports inside functions count too (conversation imports assist_pipeline in async_setup).
    import_re = re.compile(r"^[ \t]*(?:from|import) homeassistant\.components\.([a-z0-9_]+)", re.M)
    # from homeassistant.components import a, b as c   /   ... import (\n a,\n b,\n)
    import_list_re = re.compile(
        r"^[ \t]*from homeassistant\.components import (\([^)]*\)|[^\n]*)", re.M)

    def imported(text: str) -> set[str]:
        found = set(import_re.findall(text))
        for names in import_list_re.findall(text):
            for name in names.strip("()").replace("\\", " ").split(","):
                name = name.split("#")[0].strip().split(" ")[0]
                if name:
                    found.add(name)
        return found

    all_domains = {d.name for d in components.iterdir() if (d / "manifest.json").is_file()}
    seen: set[str] = set()
    reqs: dict[str, str] = {}
    todo = sorted(wanted)
    while True:
        while todo:
            domain = todo.pop()
            if domain in seen:
                continue
            seen.add(domain)
            manifest_file = components / domain / "manifest.json"
            if not manifest_file.is_file():
                die(f"integration {domain!r} not found in {components}")
            manifest = json.loads(manifest_file.read_text())
            for req in manifest.get("requirements", []):
                reqs[req] = domain
            for dep in manifest.get("dependencies", []) + manifest.get("after_dependencies", []):
                todo.append(dep)
            for check_domain, keys in discovery.items():
                if any(k in manifest for k in keys):
                    todo.append(check_domain)
        for domain in sorted(seen):
            for py in (components / domain).rglob("*.py"):
                if py.stem in all_domains and py.stem not in seen:
                    continue
                todo.extend(d for d in imported(py.read_text()) if d not in seen)
        if not todo:
            break
    return seen, reqs


def cmd_requirements(args: argparse.Namespace) -> None:
    seen, reqs = _closure(args.template)
    if args.verbose:
        print(f"# integrations ({len(seen)}): {' '.join(sorted(seen))}", file=sys.stderr)
    for req in sorted(reqs, key=str.lower):
        print(req)


def cmd_check_imports(args: argparse.Namespace) -> None:
    """Import every integration (and every demo platform) HA will load: catches a missing wheel."""
    import importlib  # noqa: PLC0415
    import traceback  # noqa: PLC0415

    seen, _ = _closure(args.template)
    modules = [f"homeassistant.components.{d}" for d in sorted(seen)]
    if "demo" in seen:
        from homeassistant.components import demo  # noqa: PLC0415
        platforms = demo.COMPONENTS_WITH_CONFIG_ENTRY_DEMO_PLATFORM + demo.COMPONENTS_WITH_DEMO_PLATFORM
        modules += [f"homeassistant.components.demo.{p}" for p in platforms]
    # Imported lazily while serving requests (http's forwarded middleware imports hass_nabucasa):
    modules.append("hass_nabucasa")
    failed = []
    for mod in modules:
        try:
            importlib.import_module(mod)
        except Exception:  # noqa: BLE001
            failed.append(mod)
            traceback.print_exc()
    if failed:
        die(f"cannot import: {' '.join(failed)}")
    print(f"imported {len(modules)} modules")


# --------------------------------------------------------------------------- config


def cmd_write_config(args: argparse.Namespace) -> None:
    extra = ""
    if args.cert:
        extra = f"  ssl_certificate: {args.cert}\n  ssl_key: {args.key}"
    text = _render(Path(args.template).read_text(), args.port, extra)
    cfg = Path(args.config_dir)
    cfg.mkdir(parents=True, exist_ok=True)
    tmp = cfg / "configuration.yaml.tmp"
    tmp.write_text(text)
    tmp.rename(cfg / "configuration.yaml")
    for name in ("automations.yaml", "scripts.yaml", "scenes.yaml", "secrets.yaml"):
        (cfg / name).touch()


def cmd_port_free(args: argparse.Namespace) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", args.port))
        except OSError as err:
            die(f"port {args.port} on 127.0.0.1 is in use: {err}")


def cmd_free_port(_args: argparse.Namespace) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


# --------------------------------------------------------------------------- HTTP / WebSocket


class HA:
    """Tiny client for the HA REST + WebSocket API."""

    def __init__(self, url: str, cafile: str | None, pid: int | None, log: str | None) -> None:
        import aiohttp  # noqa: PLC0415

        self.aiohttp = aiohttp
        self.url = url.rstrip("/")
        self.ssl: ssl.SSLContext | bool = ssl.create_default_context(cafile=cafile) if cafile else True
        self.pid = pid
        self.log = log
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))

    async def close(self) -> None:
        await self.session.close()

    def check_alive(self) -> None:
        if self.log:
            try:
                with open(self.log, errors="replace") as f:
                    text = f.read()
                if "Activating recovery mode" in text:
                    die(f"Home Assistant started in recovery mode (bad config?); see {self.log}")
                if (m := re.search(r"Setup failed for .*", text)):
                    die(f"{m.group(0)}; see {self.log}")
            except FileNotFoundError:
                pass
        if self.pid is None:
            return
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            die(f"Home Assistant (pid {self.pid}) exited; see {self.log}")
        # A zombie child also counts as dead.
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                die(f"Home Assistant (pid {self.pid}) exited; see {self.log}")
        except OSError:
            pass

    async def request(self, method: str, path: str, token: str | None = None,
                      **kw: Any) -> tuple[int, Any]:
        headers = kw.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        async with self.session.request(method, self.url + path, headers=headers,
                                        ssl=self.ssl, **kw) as resp:
            text = await resp.text()
            try:
                body = json.loads(text) if text else None
            except ValueError:
                body = text
            return resp.status, body

    async def poll(self, what: str, deadline: float, probe) -> Any:
        """Call `probe()` until it returns a non-None value; die at the deadline."""
        last = "no answer yet"
        while True:
            self.check_alive()
            try:
                result = await probe()
                if result is not None:
                    return result
                last = "not ready"
            except (self.aiohttp.ClientError, asyncio.TimeoutError, OSError) as err:
                last = f"{type(err).__name__}: {err}"
            except ProbeNotYet as err:
                last = str(err)
            if time.monotonic() > deadline:
                die(f"timed out waiting for {what} ({last})")
            await asyncio.sleep(0.5)

    async def ws(self, token: str, commands: list[dict[str, Any]]) -> list[Any]:
        """Authenticate on the WebSocket API and run commands; return their results."""
        ws_url = re.sub(r"^http", "ws", self.url) + "/api/websocket"
        results = []
        async with self.session.ws_connect(ws_url, ssl=self.ssl) as ws:
            msg = await ws.receive_json()
            if msg.get("type") != "auth_required":
                die(f"unexpected websocket greeting {msg}")
            await ws.send_json({"type": "auth", "access_token": token})
            msg = await ws.receive_json()
            if msg.get("type") != "auth_ok":
                die(f"websocket auth failed: {msg}")
            for i, cmd in enumerate(commands, start=1):
                await ws.send_json({"id": i, **cmd})
                while True:
                    msg = await ws.receive_json()
                    if msg.get("id") == i and msg.get("type") == "result":
                        break
                if not msg.get("success"):
                    die(f"websocket command {cmd['type']} failed: {msg.get('error')}")
                results.append(msg.get("result"))
        return results

    async def token_from_code(self, client_id: str, code: str) -> str:
        status, body = await self.request(
            "POST", "/auth/token",
            data={"grant_type": "authorization_code", "code": code, "client_id": client_id})
        if status != 200:
            die(f"POST /auth/token -> {status} {body}")
        return body["access_token"]

    async def login(self, client_id: str, username: str, password: str) -> str:
        """Login flow for a user of the homeassistant auth provider; returns an access token."""
        status, body = await self.request(
            "POST", "/auth/login_flow",
            json={"client_id": client_id, "handler": ["homeassistant", None],
                  "redirect_uri": client_id})
        if status != 200 or body.get("type") != "form":
            die(f"POST /auth/login_flow -> {status} {body}")
        status, body = await self.request(
            "POST", f"/auth/login_flow/{body['flow_id']}",
            json={"client_id": client_id, "username": username, "password": password})
        if status != 200 or body.get("type") != "create_entry":
            die(f"login flow step for {username} -> {status} {body}")
        return await self.token_from_code(client_id, body["result"])


class ProbeNotYet(Exception):
    """A probe saw a definite 'not yet' answer."""


async def wait_api(ha: HA, token: str, deadline: float) -> None:
    async def probe():
        status, body = await ha.request("GET", "/api/", token)
        if status == 200 and isinstance(body, dict) and body.get("message") == "API running.":
            return True
        raise ProbeNotYet(f"GET /api/ -> {status} {body}")
    await ha.poll("GET /api/ to answer 'API running.'", deadline, probe)

    async def probe_state():
        status, body = await ha.request("GET", "/api/core/state", token)
        if status == 200 and body.get("state") == "RUNNING":
            return True
        raise ProbeNotYet(f"GET /api/core/state -> {status} {body}")
    await ha.poll("core state RUNNING", deadline, probe_state)

    # Right after a start the recorder still writes the initial states; a change made then shows
    # up in history/logbook late. Wait until its queue is empty.
    async def probe_recorder():
        (info,) = await ha.ws(token, [{"type": "recorder/info"}])
        if (info.get("recording") and info.get("thread_running")
                and not info.get("migration_in_progress") and info.get("backlog") == 0):
            return True
        raise ProbeNotYet(f"recorder/info: {info}")
    await ha.poll("recorder backlog 0", deadline, probe_recorder)


async def wait_entities(ha: HA, token: str, expected: list[str], deadline: float) -> None:
    async def probe():
        status, body = await ha.request("GET", "/api/states", token)
        if status != 200:
            raise ProbeNotYet(f"GET /api/states -> {status}")
        have = {s["entity_id"] for s in body}
        missing = [e for e in expected if e not in have]
        if missing:
            raise ProbeNotYet(f"missing entities: {' '.join(missing)}")
        return True
    await ha.poll(f"{len(expected)} expected entities", deadline, probe)


def read_expected(path: str | None) -> list[str]:
    if not path:
        return []
    out = []
    for line in Path(path).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


async def first_setup(args: argparse.Namespace) -> None:
    deadline = time.monotonic() + args.timeout
    ha = HA(args.url, args.cafile, args.pid, args.log)
    try:
        client_id = ha.url + "/"

        async def onboarding_up():
            status, body = await ha.request("GET", "/api/onboarding")
            if status == 200 and isinstance(body, list):
                return body
            raise ProbeNotYet(f"GET /api/onboarding -> {status} {body}")
        steps = await ha.poll("GET /api/onboarding", deadline, onboarding_up)
        if any(s["step"] == "user" and s["done"] for s in steps):
            die("onboarding user step is already done but no tokens were recorded; "
                "delete the state dir and start again")

        # 1. Owner via onboarding; exchange the auth code for an access token.
        status, body = await ha.request(
            "POST", "/api/onboarding/users",
            json={**OWNER, "client_id": client_id, "language": "en"})
        if status != 200:
            die(f"POST /api/onboarding/users -> {status} {body}")
        access = await ha.token_from_code(client_id, body["auth_code"])

        # 2. Remaining onboarding steps. core_config would also start config flows for
        # met, radio_browser, google_translate and shopping_list (met/radio_browser/google
        # reach the internet), so it is done with those flows disabled: see below.
        for step, payload in (("analytics", None),
                              ("integration", {"client_id": client_id,
                                               "redirect_uri": client_id})):
            status, body = await ha.request("POST", f"/api/onboarding/{step}", access,
                                            json=payload)
            if status != 200:
                die(f"POST /api/onboarding/{step} -> {status} {body}")

        # 3. Admin long-lived token, non-admin user + credentials.
        llat, created = await ha.ws(access, [
            {"type": "auth/long_lived_access_token", "client_name": LLAT_CLIENT,
             "lifespan": LLAT_DAYS},
            {"type": "config/auth/create", "name": USER["name"],
             "group_ids": ["system-users"], "local_only": False},
        ])
        user_id = created["user"]["id"]
        await ha.ws(access, [
            {"type": "config/auth_provider/homeassistant/create", "user_id": user_id,
             "username": USER["username"], "password": USER["password"]},
        ])
        user_access = await ha.login(client_id, USER["username"], USER["password"])
        (user_llat,) = await ha.ws(user_access, [
            {"type": "auth/long_lived_access_token", "client_name": LLAT_CLIENT + "-user",
             "lifespan": LLAT_DAYS},
        ])

        # 4. The shopping list (a to-do list entity, todo.shopping_list): a config entry made through
        # its config flow, as onboarding's core_config step would (YAML cannot set it up).
        status, body = await ha.request("POST", "/api/config/config_entries/flow", llat,
                                        json={"handler": "shopping_list", "show_advanced_options": False})
        if status == 200 and body.get("type") == "form":
            status, body = await ha.request("POST", f"/api/config/config_entries/flow/{body['flow_id']}",
                                            llat, json={})
        if status != 200 or body.get("type") != "create_entry":
            die(f"shopping_list config flow -> {status} {body}")

        # 5. Areas for a few demo devices (the demo config entry creates its devices at start,
        # so wait for them).
        await wait_entities(ha, llat, read_expected(args.expected), deadline)
        await ha.ws(llat, [{"type": "config/area_registry/create", "name": name}
                           for name in EXTRA_AREAS])
        (devices,) = await ha.ws(llat, [{"type": "config/device_registry/list"}])
        by_name = {d["name"]: d["id"] for d in devices}
        missing = [n for n in DEVICE_AREAS if n not in by_name]
        if missing:
            die(f"demo devices not found: {missing}")
        await ha.ws(llat, [{"type": "config/device_registry/update",
                            "device_id": by_name[name], "area_id": area}
                           for name, area in DEVICE_AREAS.items()])

        tokens = Path(args.tokens_out)
        tmp = tokens.with_suffix(".tmp")
        tmp.write_text(
            f"HEARTH_HA_TOKEN={llat}\n"
            f"HEARTH_HA_USER_TOKEN={user_llat}\n"
            f"HEARTH_HA_OWNER_USERNAME={OWNER['username']}\n"
            f"HEARTH_HA_OWNER_PASSWORD={OWNER['password']}\n"
            f"HEARTH_HA_USER_USERNAME={USER['username']}\n"
            f"HEARTH_HA_USER_PASSWORD={USER['password']}\n")
        os.chmod(tmp, 0o600)
        tmp.rename(tokens)

        await wait_api(ha, llat, deadline)
        await wait_entities(ha, llat, read_expected(args.expected), deadline)
    finally:
        await ha.close()


async def wait_ready(args: argparse.Namespace) -> None:
    deadline = time.monotonic() + args.timeout
    ha = HA(args.url, args.cafile, args.pid, args.log)
    try:
        await wait_api(ha, args.token, deadline)
        await wait_entities(ha, args.token, read_expected(args.expected), deadline)
    finally:
        await ha.close()


async def status(args: argparse.Namespace) -> None:
    ha = HA(args.url, args.cafile, None, None)
    try:
        code, body = await ha.request("GET", "/api/", args.token)
    except (ha.aiohttp.ClientError, asyncio.TimeoutError, OSError) as err:
        die(f"no answer from {args.url}: {err}")
    finally:
        await ha.close()
    if code != 200 or body != {"message": "API running."}:
        die(f"GET /api/ -> {code} {body}")


async def ws_call(args: argparse.Namespace) -> None:
    ha = HA(args.url, args.cafile, None, None)
    try:
        (result,) = await ha.ws(args.token, [json.loads(args.command)])
    finally:
        await ha.close()
    print(json.dumps(result))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)

    s = sub.add_parser("requirements")
    s.add_argument("--template", required=True)
    s.add_argument("--verbose", action="store_true")
    s.set_defaults(func=cmd_requirements)

    s = sub.add_parser("check-imports")
    s.add_argument("--template", required=True)
    s.set_defaults(func=cmd_check_imports)

    s = sub.add_parser("port-free")
    s.add_argument("port", type=int)
    s.set_defaults(func=cmd_port_free)

    s = sub.add_parser("write-config")
    s.add_argument("--template", required=True)
    s.add_argument("--config-dir", required=True)
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--cert")
    s.add_argument("--key")
    s.set_defaults(func=cmd_write_config)

    s = sub.add_parser("free-port")
    s.set_defaults(func=cmd_free_port)

    def api_args(s: argparse.ArgumentParser) -> None:
        s.add_argument("--url", required=True)
        s.add_argument("--cafile")
        s.add_argument("--pid", type=int)
        s.add_argument("--log")
        s.add_argument("--timeout", type=float, default=180)
        s.add_argument("--expected", help="file with entity ids to wait for")

    s = sub.add_parser("first-setup")
    api_args(s)
    s.add_argument("--tokens-out", required=True)
    s.set_defaults(func=lambda a: asyncio.run(first_setup(a)))

    s = sub.add_parser("wait-ready")
    api_args(s)
    s.add_argument("--token", required=True)
    s.set_defaults(func=lambda a: asyncio.run(wait_ready(a)))

    s = sub.add_parser("status")
    s.add_argument("--url", required=True)
    s.add_argument("--cafile")
    s.add_argument("--token", required=True)
    s.set_defaults(func=lambda a: asyncio.run(status(a)))

    s = sub.add_parser("ws-call", help="run one WebSocket command, print its result as JSON")
    s.add_argument("--url", required=True)
    s.add_argument("--cafile")
    s.add_argument("--token", required=True)
    s.add_argument("command", help='JSON without id, e.g. {"type": "config/area_registry/list"}')
    s.set_defaults(func=lambda a: asyncio.run(ws_call(a)))

    args = p.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
