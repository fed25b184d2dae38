#!/usr/bin/env python3
"""A loopback OpenAI-compatible server whose later requests hang, for the
signal and closed-stdout e2e tests.

    hang_server.py STATE_DIR ANSWER_FIRST

Binds 127.0.0.1 on a free port and prints the port on stdout. The first
ANSWER_FIRST chat requests get an immediate 200 whose reply echoes the last
user message; later ones hang until the file STATE_DIR/release exists (then
they, and every later request, are answered at once). After each request
arrives, STATE_DIR/count holds the number of requests received so far, so a
test can wait for "the last case is in flight" instead of sleeping. Exits
when killed or after 300 s.
"""
import http.server
import json
import os
import sys
import threading
import time

state_dir = sys.argv[1]
answer_first = int(sys.argv[2])
lock = threading.Lock()
count = {"n": 0}


def write_count(n):
    tmp = os.path.join(state_dir, "count.tmp")
    with open(tmp, "w") as f:
        f.write(str(n))
    os.replace(tmp, os.path.join(state_dir, "count"))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("content-length", 0))
        request = json.loads(self.rfile.read(length) or b"{}")
        with lock:
            count["n"] += 1
            n = count["n"]
            write_count(n)
        release = os.path.join(state_dir, "release")
        if n > answer_first:
            while not os.path.exists(release):
                time.sleep(0.02)  # the server's own wait; tests never sleep on it
        messages = request.get("messages") or [{"content": ""}]
        text = "answer to " + str(messages[-1].get("content", ""))
        body = json.dumps({"id": "x", "object": "chat.completion", "model": "m",
                           "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                        "finish_reason": "stop"}],
                           "usage": {"prompt_tokens": 3, "completion_tokens": 4}}).encode()
        try:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up on this request


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Handler)
write_count(0)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
threading.Event().wait(300)
