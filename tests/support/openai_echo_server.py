#!/usr/bin/env python3
"""A loopback OpenAI-compatible chat server for the import e2e test.

Binds 127.0.0.1 on a free port and prints the port on stdout. Every
POST .../chat/completions is answered with "ECHO: " and the last user
message; the Authorization header of each request is appended to the file
named by argv[1]. Exits after 120 s or 200 requests.
"""
import http.server
import json
import sys
import threading

seen_file = sys.argv[1]
count = {"n": 0}
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("content-length", 0))
        request = json.loads(self.rfile.read(length) or b"{}")
        with lock:
            count["n"] += 1
            with open(seen_file, "a") as f:
                f.write(self.headers.get("authorization", "") + "\n")
        users = [m.get("content", "") for m in request.get("messages", []) if m.get("role") == "user"]
        reply = "ECHO: " + (users[-1] if users else "")
        body = json.dumps({"id": "x", "object": "chat.completion", "model": request.get("model", ""),
                           "choices": [{"index": 0, "message": {"role": "assistant", "content": reply},
                                        "finish_reason": "stop"}],
                           "usage": {"prompt_tokens": 5, "completion_tokens": 5}}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if count["n"] >= 200:
            threading.Thread(target=self.server.shutdown).start()


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Timer(120, server.shutdown).start()
server.serve_forever()
