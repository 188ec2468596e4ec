// A spdlog sink that stores formatted lines in memory (see DeferredLog.h for why).
#include "app/DeferredLog.h"

#include <spdlog/sinks/base_sink.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "core/Log.h"

namespace tb::app {

struct DeferredLog::Sink : spdlog::sinks::base_sink<std::mutex> {
  std::vector<std::string> lines;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    lines.emplace_back(formatted.data(), formatted.size());
  }
  void flush_() override {}
};

DeferredLog::DeferredLog() {
  if (const char* level = std::getenv("TB_LOG"); level && *level) return;
  auto logger = spdlog::default_logger();
  if (!logger) return;
  sink_ = std::make_shared<Sink>();
  sink_->set_pattern("terrabrief: %l: %v");
  logger->sinks().clear();
  logger->sinks().push_back(sink_);
}

DeferredLog::~DeferredLog() = default;

void DeferredLog::flushToStderr() {
  if (!sink_) return;
  spdlog::default_logger()->flush();
  for (const std::string& line : sink_->lines) std::fwrite(line.data(), 1, line.size(), stderr);
  sink_->lines.clear();
}

void DeferredLog::discard() {
  if (sink_) sink_->lines.clear();
}

}  // namespace tb::app
