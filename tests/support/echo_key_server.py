#!/usr/bin/env python3
"""A loopback OpenAI-compatible server for the secret canary e2e test.

Binds 127.0.0.1 on a free port and prints the port on stdout. The first chat
request gets a 401 whose body echoes the Authorization header (as some real
providers do); later ones get a 200 whose reply text contains the key. Every
request's Authorization header is appended to the file named by argv[1], so
the test can prove the key did reach the server. Exits after 60 s or 20 requests.
"""
import http.server
import json
import sys
import threading

seen_file = sys.argv[1]
count = {"n": 0}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("content-length", 0))
        self.rfile.read(length)
        auth = self.headers.get("authorization", "")
        with open(seen_file, "a") as f:
            f.write(auth + "\n")
        count["n"] += 1
        key = auth.removeprefix("Bearer ")
        if count["n"] == 1:
            body = json.dumps({"error": {"message": f"Incorrect API key provided: {key}", "type": "invalid_request_error"}})
            status = 401
        else:
            body = json.dumps({"id": "x", "object": "chat.completion", "model": "canary",
                               "choices": [{"index": 0, "message": {"role": "assistant", "content": f"your key is {key}"},
                                            "finish_reason": "stop"}],
                               "usage": {"prompt_tokens": 3, "completion_tokens": 4}})
            status = 200
        data = body.encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        if count["n"] >= 20:
            threading.Thread(target=self.server.shutdown).start()


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Timer(60, server.shutdown).start()
server.serve_forever()
