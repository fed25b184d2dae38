#!/usr/bin/env python3
"""A loopback server with the batch endpoints of OpenAI (Files + Batches) and
Anthropic (Message Batches), for tests/e2e/test_batch.sh.

usage: batch_server.py SCRIPT.json LOG

Binds 127.0.0.1 on a free port and prints the port on stdout. SCRIPT is read
again whenever a batch is created (so a test can change what the next batch
does) and may hold:
  polls           GETs a batch answers "in progress" before it ends (default 1)
  final           completed (default), failed, expired, cancelled, or stuck
                  (in progress for ever, its expires_at already past)
  shuffle         true: result lines in reverse order
  extra_lines     true: a line for an unknown custom_id and a repeated line
  download_fails  the next N result downloads answer 404
A request whose last user message contains FAILONCE errors the first time
it is seen, FAILALWAYS every time. Answers are "BATCH: " + the last user
message, with 10 input and 20 output tokens. Every API call is appended to LOG
as one line ("create openai 3", "poll ...", "download ...", "cancel ...").
Exits after 300 s.
"""
import http.server
import json
import sys
import threading
import time

script_file, log_file = sys.argv[1], sys.argv[2]
lock = threading.Lock()
files = {}     # file id -> bytes
batches = {}   # batch id -> dict
seen = {}      # user text -> times seen
state = {"n": 0, "download_fails": 0, "script_mtime": None}


def log(line):
    with open(log_file, "a") as f:
        f.write(line + "\n")


def script():
    try:
        with open(script_file) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def next_id(prefix):
    state["n"] += 1
    return "%s_%04d" % (prefix, state["n"])


def user_text(messages):
    users = [m.get("content", "") for m in messages or [] if m.get("role") == "user"]
    text = users[-1] if users else ""
    if isinstance(text, list):
        text = "".join(part.get("text", "") for part in text if isinstance(part, dict))
    return text


def outcome(text):
    """(ok, answer or error) for one request's user text."""
    times = seen.get(text, 0)
    seen[text] = times + 1
    if "FAILALWAYS" in text or ("FAILONCE" in text and times == 0):
        return False, "the model is overloaded"
    return True, "BATCH: " + text


def openai_result(custom_id, body, ok, answer):
    if not ok:
        return {"id": "r", "custom_id": custom_id, "response": {"status_code": 500, "body": {
            "error": {"message": answer, "type": "server_error"}}}, "error": None}
    return {"id": "r", "custom_id": custom_id, "error": None, "response": {"status_code": 200, "body": {
        "id": "c", "object": "chat.completion", "model": body.get("model", ""),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 20}}}}


def anthropic_result(custom_id, params, ok, answer):
    if not ok:
        return {"custom_id": custom_id, "result": {"type": "errored", "error": {
            "type": "error", "error": {"type": "overloaded_error", "message": answer}}}}
    return {"custom_id": custom_id, "result": {"type": "succeeded", "message": {
        "id": "m", "type": "message", "role": "assistant", "model": params.get("model", ""),
        "content": [{"type": "text", "text": answer}], "stop_reason": "end_turn",
        "usage": {"input_tokens": 10, "output_tokens": 20}}}}


def make_results(batch):
    """The result lines of an ended batch, by its script."""
    lines = []
    final = batch["final"]
    for i, (custom_id, body) in enumerate(batch["requests"]):
        if final in ("failed",):
            continue
        if final in ("expired", "cancelled") and i % 2 == 1:
            if batch["kind"] == "anthropic":
                kind = "expired" if final == "expired" else "canceled"
                lines.append({"custom_id": custom_id, "result": {"type": kind}})
            continue
        ok, answer = outcome(user_text(body.get("messages")))
        make = openai_result if batch["kind"] == "openai" else anthropic_result
        lines.append(make(custom_id, body, ok, answer))
    if batch["shuffle"]:
        lines.reverse()
    if batch["extra_lines"] and lines:
        lines.append(dict(lines[0], custom_id="not-a-request"))
        lines.append(lines[0])
    return "".join(json.dumps(line) + "\n" for line in lines).encode()


def counts(batch, ended):
    n = len(batch["requests"])
    if not ended:
        return 0, 0, n
    text = batch.get("results") or b""
    ok = text.count(b'"status_code": 200') + text.count(b'"succeeded"')
    return ok, n - ok, 0


def batch_view(batch):
    ended = batch["ended"]
    ok, bad, processing = counts(batch, ended)
    past = int(time.time()) - 10
    if batch["kind"] == "openai":
        status = batch["final"] if ended else ("validating" if batch["polls_seen"] == 0 else "in_progress")
        view = {"id": batch["id"], "object": "batch", "endpoint": batch["endpoint"], "status": status,
                "input_file_id": batch["input_file_id"], "completion_window": "24h",
                "request_counts": {"total": len(batch["requests"]), "completed": ok, "failed": bad},
                "expires_at": past if batch["final"] == "stuck" else int(time.time()) + 86400}
        if ended and batch["final"] != "failed":
            view["output_file_id"] = batch["output_file_id"]
        if ended and batch["final"] == "failed":
            view["errors"] = {"object": "list", "data": [{"code": "invalid_request", "message": "the input was refused"}]}
        return view
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(past if batch["final"] == "stuck" else time.time() + 86400))
    view = {"id": batch["id"], "type": "message_batch", "processing_status": "ended" if ended else "in_progress",
            "request_counts": {"processing": processing, "succeeded": ok, "errored": bad, "canceled": 0, "expired": 0},
            "expires_at": stamp, "results_url": None}
    if ended:
        view["results_url"] = "http://127.0.0.1:%d/v1/messages/batches/%s/results" % (port, batch["id"])
    return view


def new_batch(kind, requests, extra):
    s = script()
    batch = {"id": next_id("batch"), "kind": kind, "requests": requests, "ended": False, "polls_seen": 0,
             "polls": int(s.get("polls", 1)), "final": s.get("final", "completed"), "shuffle": bool(s.get("shuffle")),
             "extra_lines": bool(s.get("extra_lines")), "results": None}
    batch.update(extra)
    state["download_fails"] = int(s.get("download_fails", 0))
    batches[batch["id"]] = batch
    log("create %s %d" % (kind, len(requests)))
    return batch


def advance(batch):
    batch["polls_seen"] += 1
    if not batch["ended"] and batch["final"] != "stuck" and batch["polls_seen"] > batch["polls"]:
        batch["ended"] = True
        batch["results"] = make_results(batch)
        files[batch.get("output_file_id", batch["id"])] = batch["results"]


def parse_multipart(body, content_type):
    boundary = content_type.split("boundary=", 1)[1].strip().encode()
    for part in body.split(b"--" + boundary):
        head, _, content = part.partition(b"\r\n\r\n")
        if b'name="file"' in head:
            return content[:-2] if content.endswith(b"\r\n") else content
    return b""


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, value):
        body = value if isinstance(value, bytes) else json.dumps(value).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        with lock:
            path = self.path
            if path == "/v1/files":
                data = parse_multipart(body, self.headers.get("content-type", ""))
                file_id = next_id("file")
                files[file_id] = data
                log("upload %d" % len(data.splitlines()))
                return self.reply(200, {"id": file_id, "object": "file", "purpose": "batch", "bytes": len(data)})
            if path == "/v1/batches":
                request = json.loads(body)
                lines = [json.loads(l) for l in files[request["input_file_id"]].splitlines() if l.strip()]
                bad = [l for l in lines if l.get("method") != "POST" or l.get("url") != request["endpoint"]
                       or "model" not in l.get("body", {}) or "messages" not in l.get("body", {})]
                if bad or request.get("completion_window") != "24h":
                    return self.reply(400, {"error": {"message": "invalid batch input", "type": "invalid_request_error"}})
                batch = new_batch("openai", [(l["custom_id"], l["body"]) for l in lines],
                                  {"input_file_id": request["input_file_id"], "endpoint": request["endpoint"],
                                   "output_file_id": next_id("file")})
                return self.reply(200, batch_view(batch))
            if path == "/v1/messages/batches":
                request = json.loads(body)
                items = request.get("requests", [])
                if not items or any("max_tokens" not in r.get("params", {}) for r in items):
                    return self.reply(400, {"type": "error", "error": {"type": "invalid_request_error",
                                                                       "message": "params.max_tokens: Field required"}})
                batch = new_batch("anthropic", [(r["custom_id"], r["params"]) for r in items], {})
                return self.reply(200, batch_view(batch))
            if path.endswith("/cancel"):
                batch = batches[path.split("/")[-2]]
                log("cancel " + batch["id"])
                batch["final"] = "cancelled"
                batch["ended"] = True
                batch["results"] = b""
                return self.reply(200, batch_view(batch))
        self.reply(404, {"error": {"message": "no such endpoint: " + self.path}})

    def do_GET(self):
        with lock:
            parts = self.path.strip("/").split("/")
            if parts[:2] == ["v1", "batches"] and len(parts) == 3 or parts[:3] == ["v1", "messages", "batches"] and len(parts) == 4:
                batch = batches.get(parts[-1])
                if not batch:
                    return self.reply(404, {"error": {"message": "no such batch"}})
                advance(batch)
                log("poll " + batch["id"])
                return self.reply(200, batch_view(batch))
            download = (parts[:2] == ["v1", "files"] and len(parts) == 4) or (len(parts) == 5 and parts[-1] == "results")
            if download:
                key = parts[2] if parts[1] == "files" else parts[3]
                log("download " + key)
                if state["download_fails"] > 0:
                    state["download_fails"] -= 1
                    return self.reply(404, {"error": {"message": "the file is not available"}})
                if key not in files:
                    return self.reply(404, {"error": {"message": "no such file"}})
                return self.reply(200, files[key])
        self.reply(404, {"error": {"message": "no such endpoint: " + self.path}})


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
port = server.server_address[1]
print(port, flush=True)
threading.Timer(300, server.shutdown).start()
server.serve_forever()
