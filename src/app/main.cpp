// terrabrief's entry point: declares the subcommands, runs the chosen one, and turns every
// failure into ONE stderr line "terrabrief: <file>: <problem>" with exit code 2 (bad input or
// usage) or 1 (internal).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <string>

#include "app/DeferredLog.h"
#include "app/InfoCommand.h"
#include "app/RenderCommand.h"
#ifndef TB_RENDER_ONLY
#include "app/AnalyzeCommand.h"
#include "app/BriefCommand.h"
#include "app/SceneNewCommand.h"
#include "app/ViewCommand.h"
#endif
#include "core/Error.h"
#include "core/HeapPolicy.h"
#include "core/Log.h"

namespace {

// Messages from libraries may carry newlines; the contract is one line.
std::string oneLine(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

int fail(tb::app::DeferredLog& log, const std::string& message, int code) {
  log.discard();
  std::fflush(stdout);
  std::fprintf(stderr, "terrabrief: %s\n", oneLine(message).c_str());
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  tb::log::init();
  tb::app::DeferredLog log;
  // The launcher (src/launcher) sets this; without it loading is ~0.8 s slower on small VMs.
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  tb::log::debug("glibc tunables: {}", tunables ? tunables : "(none)");
#ifdef TB_RENDER_ONLY
  tb::log::debug("program: terrabrief-render (render and info only)");
#else
  tb::log::debug("program: terrabrief-main");
#endif

  CLI::App app{"terrabrief: 3D terrain briefings from GDAL data, rendered with OpenGL", "terrabrief"};
  app.set_version_flag("--version", std::string("terrabrief ") + TB_VERSION);
  app.require_subcommand(0, 1);  // none: the viewer
  // `bench` is a program of its own (bench/), which the launcher runs: named here for --help.
  app.footer(
      "terrabrief bench [OPTIONS]: measure the performance targets (terrabrief-bench; see terrabrief bench --help).\n"
      "Exit codes: 0 ok, 2 bad input or usage, 1 internal failure.");
  tb::app::RenderCommand render(app);
  tb::app::InfoCommand info(app);
#ifndef TB_RENDER_ONLY
  tb::app::AnalyzeCommand analyze(app);
  tb::app::BriefCommand brief(app);
  tb::app::SceneNewCommand sceneNew(app);
  tb::app::ViewCommand view(app);
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string where = "usage";
    for (const CLI::App* sub : app.get_subcommands()) where = sub->get_name();
    const std::string hint = where == "usage" ? "terrabrief --help" : "terrabrief " + where + " --help";
    return fail(log, where + ": " + e.what() + " (see " + hint + ")", tb::kExitBadInput);
  }

  // Before any thread starts. The viewer keeps glibc's per-thread heaps (its own policy, in
  // viewer::runViewer, is tuned for hours of streaming).
#ifdef TB_RENDER_ONLY
  tb::tuneHeapForBatchCommand();
#else
  if (!view.selected() && !app.get_subcommands().empty()) tb::tuneHeapForBatchCommand();
#endif

  try {
    int code = tb::kExitOk;
    if (render.selected())
      code = render.run();
    else if (info.selected())
      code = info.run();
#ifdef TB_RENDER_ONLY
    else
      throw tb::Error("usage", "this program only renders and describes scenes; run terrabrief");
#else
    else if (analyze.selected())
      code = analyze.run();
    else if (brief.selected())
      code = brief.run();
    else if (sceneNew.selected())
      code = sceneNew.run();
    else
      code = view.run();  // `terrabrief view`, or no subcommand at all
#endif
    std::fflush(stdout);
    log.flushToStderr();
    return code;
  } catch (const tb::Error& e) {
    return fail(log, e.what(), e.exitCode());
  } catch (const std::bad_alloc&) {
    return fail(log, "memory: out of memory", tb::kExitInternal);
  } catch (const std::exception& e) {
    return fail(log, std::string("internal: ") + e.what(), tb::kExitInternal);
  }
}
