// Progress of a long export on stderr: one line rewritten in place on a terminal, otherwise a
// plain line every ~5% (logs and pipes get a readable record instead of carriage returns).
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace tb::app {

class ProgressLine {
 public:
  explicit ProgressLine(std::string label);
  // `done` of `total` frames; prints the percentage, the rate and the time left.
  void update(std::int64_t done, std::int64_t total);
  void finish();  // ends the terminal line

 private:
  std::string label_;
  bool tty_ = false;
  int lastReported_ = -1;  // percent (multiple of 5 when not a terminal)
  std::chrono::steady_clock::time_point start_, lastDraw_;
  bool open_ = false;
};

std::string formatDuration(double seconds);  // "42 s", "3:07", "1:02:03"

}  // namespace tb::app
