// Logging through spdlog. Messages go to stderr; the level defaults to warn so that the CLI's
// stdout/stderr stay clean, and TB_LOG=trace|debug|info|warn|error overrides it.
#pragma once
#include <spdlog/spdlog.h>

namespace tb::log {
void init();  // idempotent; reads TB_LOG
using spdlog::debug;
using spdlog::error;
using spdlog::info;
using spdlog::trace;
using spdlog::warn;
}  // namespace tb::log
