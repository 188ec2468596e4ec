// terrabrief-bench: the benchmark harness, a program of its own over the same libraries as
// terrabrief (`terrabrief bench ARGS` runs it: src/launcher). Like terrabrief, every failure is
// ONE stderr line "terrabrief: <file>: <problem>" with exit code 2 (bad input or usage) or 1.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <new>
#include <string>

#include "core/Error.h"
#include "core/Log.h"
#include "harness/BenchCommand.h"

namespace {

std::string oneLine(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

int fail(const std::string& message, int code) {
  std::fflush(stdout);
  std::fprintf(stderr, "terrabrief: %s\n", oneLine(message).c_str());
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  tb::log::init();
  CLI::App app{"terrabrief bench: measure the performance targets against their baselines", "terrabrief bench"};
  tb::bench::BenchCommand bench(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(std::string("bench: ") + e.what() + " (see terrabrief bench --help)", tb::kExitBadInput);
  }
  try {
    const int code = bench.run();
    std::fflush(stdout);
    return code;
  } catch (const tb::Error& e) {
    return fail(e.what(), e.exitCode());
  } catch (const std::bad_alloc&) {
    return fail("memory: out of memory", tb::kExitInternal);
  } catch (const std::exception& e) {
    return fail(std::string("internal: ") + e.what(), tb::kExitInternal);
  }
}
