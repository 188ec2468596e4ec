#include "core/Error.h"

namespace tb {

namespace {

// Errors are one line: what the user wrote (a key, a name, a parser's own message) may hold line
// breaks or other control characters, shown escaped instead.
std::string oneLine(std::string s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if ((u < 0x20 && c != '\t') || u == 0x7f) out += std::string("\\x") + hex[u >> 4] + hex[u & 15];
    else out += c;
  }
  return out;
}

std::string joinMessage(const std::string& file, const std::string& problem) {
  return file.empty() ? problem : file + ": " + problem;
}

}  // namespace

Error::Error(std::string file, std::string problem, int exitCode)
    : std::runtime_error(joinMessage(oneLine(file), oneLine(problem))),
      file_(oneLine(std::move(file))),
      problem_(oneLine(std::move(problem))),
      exitCode_(exitCode) {}

}  // namespace tb
