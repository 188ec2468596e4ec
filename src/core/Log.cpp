#include "core/Log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdlib>
#include <mutex>

namespace tb::log {

void init() {
  static std::once_flag once;
  std::call_once(once, [] {
    auto logger = spdlog::stderr_color_mt("terrabrief");
    logger->set_pattern("terrabrief: %l: %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::warn);
    if (const char* level = std::getenv("TB_LOG"))
      spdlog::set_level(spdlog::level::from_str(level));
  });
}

}  // namespace tb::log
