// See ProgressLine.h.
#include "app/ProgressLine.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace tb::app {

std::string formatDuration(double seconds) {
  const long long s = std::max(0LL, std::llround(seconds));
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{}:{:02d}", s / 60, s % 60);
  return fmt::format("{}:{:02d}:{:02d}", s / 3600, (s / 60) % 60, s % 60);
}

ProgressLine::ProgressLine(std::string label)
    : label_(std::move(label)), tty_(::isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}

void ProgressLine::update(std::int64_t done, std::int64_t total) {
  if (total <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  const int percent = static_cast<int>(100 * done / total);
  if (tty_) {
    // Redraw at most ~10 times a second, and always at 100%.
    if (percent < 100 && open_ && now - lastDraw_ < std::chrono::milliseconds(100)) return;
  } else {
    const int step = percent / 5 * 5;
    if (step <= lastReported_) return;
    lastReported_ = step;
  }
  lastDraw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? done / elapsed : 0.0;
  const std::string left = done > 0 && done < total ? formatDuration(elapsed * (total - done) / done) + " left"
                           : done >= total           ? "done in " + formatDuration(elapsed)
                                                     : "estimating";
  const std::string text =
      fmt::format("{}: {:3d}% ({}/{} frames, {:.1f} fps), {}", label_, percent, done, total, rate, left);
  if (tty_) {
    std::fprintf(stderr, "\r%s\x1b[K", text.c_str());
    open_ = true;
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
}

void ProgressLine::finish() {
  if (tty_ && open_) std::fprintf(stderr, "\n");
  open_ = false;
}

}  // namespace tb::app
