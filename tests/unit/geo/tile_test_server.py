"""A bounded local HTTP server for the tile reader tests: serves one directory on 127.0.0.1 with
Range support (Debian's python3-rangehttpserver, as /vsicurl/ needs), plus misbehaving paths:
  /status/<code>/...  answers <code> with an empty body
  /garbage/...        answers 200 with bytes that are no image
  /slow/<s>/...       waits <s> seconds, then serves the rest of the path
Prints "PORT <n>" once listening (port chosen by the OS) and exits by itself after --lifetime
seconds, so that a crashed test cannot leave it behind.

usage: python3 tile_test_server.py DIR [--lifetime SECONDS]
"""
import functools
import http.server
import os
import sys
import threading
import time

from RangeHTTPServer import RangeRequestHandler


class Handler(RangeRequestHandler):
    def log_message(self, *args):  # quiet: the test output is what matters
        pass

    def _misbehave(self):
        parts = self.path.split("/")
        if len(parts) > 3 and parts[1] == "status":
            self.send_response(int(parts[2]))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        if len(parts) > 2 and parts[1] == "garbage":
            body = b"<html>this is not the tile you are looking for</html>" * 20
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return True
        if len(parts) > 3 and parts[1] == "slow":
            time.sleep(float(parts[2]))
            self.path = "/" + "/".join(parts[3:])
        return False

    def do_GET(self):
        if not self._misbehave():
            super().do_GET()

    def do_HEAD(self):
        if not self._misbehave():
            super().do_HEAD()


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that timed out and left
        pass


def main():
    root = sys.argv[1]
    lifetime = float(sys.argv[sys.argv.index("--lifetime") + 1]) if "--lifetime" in sys.argv else 300.0
    handler = functools.partial(Handler, directory=root)
    server = QuietServer(("127.0.0.1", 0), handler)
    print("PORT", server.server_address[1], flush=True)
    threading.Timer(lifetime, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
