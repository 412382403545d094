#!/usr/bin/env python3
"""Stylify in one command: upload a photo or video, stylize it, wait, download the result.

Standard library only (Python 3.9+). Authenticates with an API key (--api-key or
STYLIFY_API_KEY) or, for a quick try, with --email and --password (a login session).

    export STYLIFY_API_KEY=sk_live_...
    python3 stylify_client.py --url http://127.0.0.1:8080 --filter Trial photo.jpg -o out.jpg
    python3 stylify_client.py --webhook --webhook-host 127.0.0.1 clip.mp4 -o out.mp4

Waits by polling GET /v1/stylizations/{id} (honouring Retry-After), or with --webhook by
registering a webhook endpoint that points at a small HTTP receiver this script runs, verifying
each delivery's Standard Webhooks signature, and removing the endpoint afterwards. Prints one
JSON line describing the result; on a refusal, prints the problem's code and detail to stderr
and exits 1.
"""

import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import queue
import sys
import threading
import time
import urllib.error
import urllib.request

TERMINAL = {"succeeded", "failed", "canceled"}


class ApiError(Exception):
    """A problem+json answer (or a transport failure) with its status and code."""

    def __init__(self, status, code, detail):
        super().__init__(f"{status} {code}: {detail}")
        self.status, self.code, self.detail = status, code, detail


class Client:
    def __init__(self, base_url, token=None, timeout=60):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def request(self, method, path, body=None, content_type=None, raw=False):
        """Sends one request; returns (status, headers, parsed JSON or bytes)."""
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            if isinstance(body, (bytes, bytearray)):
                data = bytes(body)
                headers["Content-Type"] = content_type or "application/octet-stream"
            else:
                data = json.dumps(body).encode()
                headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = response.read()
                if raw:
                    return response.status, response.headers, payload
                return response.status, response.headers, json.loads(payload) if payload else None
        except urllib.error.HTTPError as error:
            payload = error.read()
            try:
                problem = json.loads(payload)
            except ValueError:
                problem = {}
            raise ApiError(error.code, problem.get("code", "http_error"), problem.get("detail", payload[:200].decode("utf-8", "replace")))
        except urllib.error.URLError as error:
            raise ApiError(0, "unreachable", f"{self.base_url}: {error.reason}")

    def login(self, email, password):
        _, _, answer = self.request("POST", "/v1/sessions", {"email": email, "password": password})
        self.token = answer["session_token"]

    def upload(self, path):
        with open(path, "rb") as file:
            content = file.read()
        _, _, asset = self.request("POST", "/v1/assets", content, content_type=guess_type(path))
        return asset

    def find_filter(self, wanted):
        """The filter whose id or name is `wanted` (case-insensitive), else the first one."""
        after = None
        first = None
        while True:
            query = "/v1/filters?limit=100" + (f"&starting_after={after}" if after else "")
            _, _, page = self.request("GET", query)
            for item in page["data"]:
                first = first or item
                if wanted is None or item["id"] == wanted or item["name"].lower() == wanted.lower():
                    return item
            if not page["has_more"] or not page["data"]:
                break
            after = page["data"][-1]["id"]
        if wanted is None and first:
            return first
        raise ApiError(404, "filter_not_found", f"no filter named {wanted!r}")

    def stylize(self, asset_id, filter_id, max_side=None, strength=None, webhook_url=None):
        request = {"content": asset_id, "filters": [{"id": filter_id}]}
        if max_side:
            request["max_side"] = max_side
        if strength is not None:
            request["strength"] = strength
        if webhook_url:
            request["webhook_url"] = webhook_url
        status, headers, job = self.request("POST", "/v1/stylizations", request)
        return job, headers

    def poll(self, job, deadline):
        """Polls until the job ends, waiting what Retry-After asks (1 s at most between polls)."""
        while job["status"] not in TERMINAL:
            if time.monotonic() > deadline:
                raise ApiError(0, "timeout", f"{job['id']} still {job['status']}")
            time.sleep(1)
            _, _, job = self.request("GET", f"/v1/stylizations/{job['id']}")
        return job

    def download(self, job, output):
        _, headers, content = self.request("GET", job["result"]["url"], raw=True)
        with open(output, "wb") as file:
            file.write(content)
        return headers.get("Content-Type")


def guess_type(path):
    extension = os.path.splitext(path)[1].lower()
    return {
        ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
        ".mp4": "video/mp4", ".mov": "video/quicktime", ".webm": "video/webm", ".mkv": "video/x-matroska",
    }.get(extension, "application/octet-stream")


def verify_signature(secret, message_id, timestamp, body, signature_header, tolerance=300):
    """Standard Webhooks: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>, fresh timestamp."""
    try:
        if abs(time.time() - int(timestamp)) > tolerance:
            return False
        key = base64.b64decode(secret.removeprefix("whsec_") if hasattr(str, "removeprefix") else secret[6:])
    except (ValueError, TypeError):
        return False
    expected = base64.b64encode(hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest("v1," + expected, candidate) for candidate in signature_header.split())


class WebhookReceiver:
    """An HTTP server on a local port whose verified deliveries land in a queue."""

    def __init__(self, host, port):
        self.events = queue.Queue()
        self.secret = None
        self.rejected = 0
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                ok = receiver.secret is not None and verify_signature(
                    receiver.secret, self.headers.get("webhook-id", ""), self.headers.get("webhook-timestamp", ""),
                    body, self.headers.get("webhook-signature", ""))
                self.send_response(204 if ok else 401)
                self.end_headers()
                if ok:
                    receiver.events.put(json.loads(body))
                else:
                    receiver.rejected += 1

            def log_message(self, *arguments):
                pass

        self.server = http.server.ThreadingHTTPServer((host, port), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}/stylify-hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, stylization_id, deadline):
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ApiError(0, "timeout", f"no webhook for {stylization_id}")
            try:
                event = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            if event.get("data", {}).get("id") == stylization_id:
                return event

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Upload, stylize, wait and download with the Stylify API.")
    parser.add_argument("content", help="photo or video to stylize")
    parser.add_argument("-o", "--output", required=True, help="where to write the result")
    parser.add_argument("--url", default=os.environ.get("STYLIFY_URL", "http://127.0.0.1:8080"), help="server base URL")
    parser.add_argument("--api-key", default=os.environ.get("STYLIFY_API_KEY"), help="API key (default: $STYLIFY_API_KEY)")
    parser.add_argument("--email", help="log in with this email instead of an API key")
    parser.add_argument("--password", default=os.environ.get("STYLIFY_PASSWORD"), help="password for --email")
    parser.add_argument("--filter", help="filter id or name (default: the first one listed)")
    parser.add_argument("--max-side", type=int, help="long side of the output at most, in pixels")
    parser.add_argument("--strength", type=float, help="0..1, how much style (default 1)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for the result")
    parser.add_argument("--webhook", action="store_true", help="wait for a signed webhook instead of polling")
    parser.add_argument("--webhook-host", default="127.0.0.1", help="address the receiver listens on and the server can reach")
    parser.add_argument("--webhook-port", type=int, default=0, help="receiver port (0: any free one)")
    options = parser.parse_args(argv)

    client = Client(options.url, options.api_key)
    receiver = endpoint = None
    try:
        if options.email:
            client.login(options.email, options.password or "")
        elif not options.api_key:
            parser.error("give --api-key (or STYLIFY_API_KEY), or --email and --password")
        deadline = time.monotonic() + options.timeout
        asset = client.upload(options.content)
        chosen = client.find_filter(options.filter)
        if options.webhook:
            receiver = WebhookReceiver(options.webhook_host, options.webhook_port)
            _, _, endpoint = client.request("POST", "/v1/webhooks", {
                "url": receiver.url, "events": ["stylization.succeeded", "stylization.failed", "stylization.canceled"]})
            receiver.secret = endpoint["secret"]
        job, _ = client.stylize(asset["id"], chosen["id"], options.max_side, options.strength,
                                receiver.url if receiver else None)
        if job["status"] not in TERMINAL:
            if receiver:
                receiver.wait_for(job["id"], deadline)
                _, _, job = client.request("GET", f"/v1/stylizations/{job['id']}")
            else:
                job = client.poll(job, deadline)
        if job["status"] != "succeeded":
            error = job.get("error") or {}
            raise ApiError(0, error.get("code", job["status"]), error.get("detail", f"the stylization {job['status']}"))
        media_type = client.download(job, options.output)
        print(json.dumps({
            "stylization": job["id"], "output": options.output, "filter": chosen["name"],
            "width": job["result"]["width"], "height": job["result"]["height"], "frames": job["result"]["frames"],
            "media_type": media_type, "waited_by": "webhook" if receiver else "polling",
        }))
        return 0
    except ApiError as error:
        print(f"stylify_client: {error.code}: {error.detail}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"stylify_client: {error}", file=sys.stderr)
        return 1
    finally:
        if endpoint:
            try:
                client.request("DELETE", f"/v1/webhooks/{endpoint['id']}")
            except ApiError:
                pass
        if receiver:
            receiver.close()


if __name__ == "__main__":
    sys.exit(main())
