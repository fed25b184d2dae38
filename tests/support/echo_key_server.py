#!/usr/bin/env python3
"""A loopback OpenAI-compatible server for the secret canary e2e test.

Binds 127.0.0.1 on a free port and prints the port on stdout. The first chat
request gets a 401 whose body echoes the Authorization header (as some real
providers do); later ones get a 200 whose reply text contains the key (as an
SSE stream, the key split across two deltas, when the request asks to stream). Every
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
        request = json.loads(self.rfile.read(length) or b"{}")
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
        if status == 200 and request.get("stream"):
            return self.stream_reply(key)
        data = body.encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        if count["n"] >= 20:
            threading.Thread(target=self.server.shutdown).start()


    def stream_reply(self, key):
        # The key split across two deltas: only a sink that holds text back
        # until it is whole can redact it.
        half = len(key) // 2
        events = ""
        for piece in ["your key is ", key[:half], key[half:], " (streamed)"]:
            chunk = {"id": "x", "object": "chat.completion.chunk", "model": "canary",
                     "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            events += "data: " + json.dumps(chunk) + "\n\n"
        events += "data: [DONE]\n\n"
        data = events.encode()
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        if count["n"] >= 20:
            threading.Thread(target=self.server.shutdown).start()


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Timer(60, server.shutdown).start()
server.serve_forever()
