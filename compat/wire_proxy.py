"""A logging HTTP proxy for tracing what the MLflow client sends to a tracking server.

    python compat/wire_proxy.py --listen 5600 --target http://127.0.0.1:5000 --log /tmp/wire.jsonl

Point the client at the proxy (MLFLOW_TRACKING_URI=http://127.0.0.1:5600). Every request becomes one
JSON line: method, path, query, request body (JSON parsed, other bodies summarised), status and
response body (truncated). `GET /__mark__?label=...` is not forwarded: it writes a marker line, so a
script can label the steps of a workflow. Only for loopback use in development; not used by the tests.
"""

import argparse
import http.client
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}
MAX_TEXT = 4000


def summarise(body: bytes, content_type: str):
    if not body:
        return None
    if "json" in (content_type or "") or body[:1] in (b"{", b"["):
        try:
            parsed = json.loads(body)
            text = json.dumps(parsed, ensure_ascii=False)
            return parsed if len(text) <= MAX_TEXT else text[:MAX_TEXT] + f"...<{len(text)} chars>"
        except ValueError:
            pass
    if len(body) <= 300:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return f"<{len(body)} bytes {content_type or ''}>"


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    target: urllib.parse.SplitResult
    log_lock = threading.Lock()
    log_file = None

    def log_message(self, *args):  # silence the default stderr access log
        pass

    def write(self, record):
        with self.log_lock:
            self.log_file.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.log_file.flush()

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def handle_any(self):
        started = time.time()
        url = urllib.parse.urlsplit(self.path)
        body = self.read_body()
        if url.path == "/__mark__":
            label = urllib.parse.parse_qs(url.query).get("label", [""])[0]
            self.write({"mark": label, "t": started})
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP and k.lower() != "host"}
        headers["Host"] = self.target.netloc
        if body or self.command in ("POST", "PUT", "PATCH", "DELETE"):
            headers["Content-Length"] = str(len(body))
        conn = http.client.HTTPConnection(self.target.hostname, self.target.port, timeout=600)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            status, reason, resp_headers = resp.status, resp.reason, resp.getheaders()
        except OSError as e:
            status, reason, resp_headers, data = 502, "Bad Gateway", [("Content-Type", "text/plain")], str(e).encode()
        finally:
            conn.close()
        self.send_response(status, reason)
        for k, v in resp_headers:
            if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        ctype = dict((k.lower(), v) for k, v in resp_headers).get("content-type", "")
        self.write(
            {
                "t": started,
                "ms": round((time.time() - started) * 1000),
                "method": self.command,
                "path": url.path,
                "query": urllib.parse.parse_qs(url.query) if url.query else None,
                "req_type": self.headers.get("Content-Type"),
                "req": summarise(body, self.headers.get("Content-Type", "")),
                "headers": {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in ("host", "content-length", "accept-encoding", "connection", "accept", "content-type")
                },
                "status": status,
                "resp": summarise(data, ctype),
            }
        )

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--listen", type=int, required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    Proxy.target = urllib.parse.urlsplit(args.target)
    Proxy.log_file = open(args.log, "a", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", args.listen), Proxy)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
