#!/usr/bin/env python3
"""A loopback OTLP/HTTP receiver for the telemetry e2e tests.

Usage: otlp_receiver.py LOG [SCRIPT]. Binds 127.0.0.1 on a free port and
prints the port on stdout. Every POST is appended to LOG as one JSON line:
{"path", "headers" (names lower-cased), "status" (what it answered), "body"
(the request text)}. SCRIPT lists the answers to successive requests,
comma-separated, the last one repeating: "200", "503:1" (503 with
Retry-After: 1), "400", "413", "500", "partial:2" (200 with
partialSuccess.rejectedSpans 2), "hang" (never answers). Default "200".
Exits after 300 s.
"""
import http.server
import json
import sys
import threading
import time

log_file = sys.argv[1]
script = (sys.argv[2] if len(sys.argv) > 2 else "200").split(",")
state = {"n": 0}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("content-length", 0))
        body = self.rfile.read(length).decode("utf-8", "replace")
        with lock:
            answer = script[min(state["n"], len(script) - 1)]
            state["n"] += 1
            with open(log_file, "a") as f:
                f.write(json.dumps({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                    "status": answer, "body": body}) + "\n")
        if answer == "hang":
            time.sleep(60)
            return
        reply = b"{}"
        status, _, retry_after = answer.partition(":")
        if status == "partial":
            reply = json.dumps({"partialSuccess": {"rejectedSpans": retry_after,
                                                   "errorMessage": "span too old"}}).encode()
            status, retry_after = "200", ""
        elif status != "200":
            reply = json.dumps({"code": 3, "message": "receiver says " + status}).encode()
        self.send_response(int(status))
        if retry_after:
            self.send_header("retry-after", retry_after)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Timer(300, server.shutdown).start()
server.serve_forever()
