// `terrabrief bench --viewer` (see ViewerBench.h). A child process opens the viewer with a frame
// observer that times its frames (ViewerFrameTimer.cpp); this process starts it, takes the launch
// time before the spawn, and turns its "tb-viewer-bench <key> <value>" lines into rows.
#include "harness/ViewerBench.h"

#include "harness/BenchTable.h"
#include "harness/SoakSamples.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

#include "core/Error.h"

extern char** environ;

namespace tb::bench {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kWindowSize = "1280x720";




std::string readText(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string lastLine(const std::string& text) {
  std::istringstream in(text);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  return last;
}

// One viewer run: what it printed, and when it was started (steady_clock, taken just before the
// spawn: the exec, the dynamic linker and static initialisation all count as launch time).
struct ViewerRun {
  std::map<std::string, std::string> values;
  Clock::time_point started;

  double number(const std::string& key) const {
    const auto it = values.find(key);
    if (it == values.end()) throw internalError("bench --viewer", "the viewer did not report " + key);
    return std::stod(it->second);
  }
};

// Starts `argv` (this program in one of its hidden viewer modes) with this process's environment
// plus `extraEnv`, waits, and reads its "tb-viewer-bench" lines.
ViewerRun runViewer(std::vector<std::string> argv, const fs::path& scratch,
                    const std::vector<std::string>& extraEnv = {}) {
  const std::string self = argv.front();
  const fs::path outPath = scratch / "viewer.out", errPath = scratch / "viewer.err";
  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  std::vector<std::string> envStrings(extraEnv);
  std::vector<char*> env;
  for (std::string& e : envStrings) env.push_back(e.data());
  for (char** e = environ; *e; ++e) env.push_back(*e);  // later duplicates lose: getenv finds the first
  env.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ViewerRun run;
  run.started = Clock::now();
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw Error(self, std::string("cannot start the viewer: ") + std::strerror(rc), kExitInternal);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw internalError(self, std::string("waitpid failed: ") + std::strerror(errno));
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code != 0) {
    // The viewer's own one-line error ("terrabrief: ...: no display ...") says what went wrong.
    std::string why = lastLine(readText(errPath));
    if (why.rfind("terrabrief: ", 0) == 0) why = why.substr(12);
    throw Error("bench --viewer", fmt::format("the viewer exited with {}: {}", code, why.empty() ? "no message" : why),
                code == kExitBadInput ? kExitBadInput : kExitInternal);
  }
  std::istringstream out(readText(outPath));
  for (std::string line; std::getline(out, line);) {
    std::istringstream words(line);
    std::string tag, key, value;
    if (!(words >> tag >> key) || tag != "tb-viewer-bench") continue;
    std::getline(words >> std::ws, value);
    run.values[key] = value;
  }
  if (!run.values.count("done")) throw internalError("bench --viewer", "the viewer stopped before reporting");
  return run;
}


bool haveDisplay() {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (display && *display) || (wayland && *wayland);
}

void requireDisplay(const std::string& what) {
  if (!haveDisplay())
    throw Error(what,
                "needs a display for the viewer's window (DISPLAY is not set): run it under `xvfb-run -a`, "
                "or use `terrabrief bench` for the headless measurements");
}

}  // namespace

int benchViewer(const std::string& scenePath, int frames, int runs) {
  requireDisplay("bench --viewer");
  ScratchDir scratch("viewer-bench");
  const std::string self = benchExecutable();
  std::vector<ViewerRun> results;
  for (int i = 0; i < runs; ++i)
    results.push_back(runViewer({self, "--viewer-child", std::to_string(frames), "--scene", scenePath}, scratch.path));

  std::vector<double> interactive, noPanels, unpresented, offscreen, launchS, viewerCpu, panelsCpu;
  for (const ViewerRun& r : results) {
    interactive.push_back(r.number("interactive-ms"));
    noPanels.push_back(r.number("no-panels-ms"));
    unpresented.push_back(r.number("unpresented-ms"));
    offscreen.push_back(r.number("offscreen-ms"));
    const double firstNs = r.number("first-full-detail-ns");
    const double startNs = static_cast<double>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(r.started.time_since_epoch()).count());
    launchS.push_back((firstNs - startNs) * 1e-9);
    viewerCpu.push_back(r.number("viewer-cpu-ms"));
    panelsCpu.push_back(r.number("panels-cpu-ms"));
  }
  const ViewerRun& first = results.front();
  std::printf("terrabrief bench --viewer: %s, renderer %s, window %s (3D view %s), no vsync, medians (%d frames; "
              "%d process runs)\n",
              scenePath.c_str(), first.values.at("renderer").c_str(), first.values.at("window").c_str(),
              first.values.at("view").c_str(), frames, runs);
  benchHeader();

  const double f = median(interactive), o = median(offscreen), l = median(launchS);
  benchRow(fmt::format("(v1) interactive frame {}, panel", kWindowSize), fmt::format("{:.1f} ms", f), "<= 50 ms", f / 50.0,
      1.0);
  benchRow("(v2) interactive / offscreen no UI", fmt::format("{:.1f} ms ({:.1f} ms)", f, o), "<= 1.1", f / o, 1.1);
  const std::string& settleFrames = first.values.at("first-full-detail-frames");
  benchRow("(v3) launch to first full-detail frame",
      fmt::format("{:.2f} s ({} frame{})", l, settleFrames, settleFrames == "1" ? "" : "s"), "<= 1.5 s", l / 1.5, 1.0);
  // Where the UI's share goes: frames with the panels built but not drawn, and the CPU steps
  // before any drawing (input, camera, the status bar's terrain pick; building the panels).
  const double np = median(noPanels), vc = median(viewerCpu), pc = median(panelsCpu);
  const auto draws = first.values.find("imgui-draws");
  benchRow("  same frame, panels not drawn", fmt::format("{:.1f} ms", np));
  benchRow("  UI: drawing the panels (v1 - that)",
      fmt::format("{:.1f} ms ({})", f - np, draws != first.values.end() ? draws->second : "-"));
  benchRow("  UI: building the panels (CPU)", fmt::format("{:.2f} ms", pc));
  benchRow("  input, camera, cursor pick (CPU)", fmt::format("{:.2f} ms", vc));
  const double up = median(unpresented);
  benchRow("  present: swap buffers (v1 - no swap)", fmt::format("{:.1f} ms", f - up));
  benchRow("triangles per frame (v1)", first.values.count("triangles") ? first.values.at("triangles") : "-");
  return kExitOk;
}

void benchViewerFlight(const std::string& scenePath, int frames, int runs) {
  if (!haveDisplay()) {
    benchRow("(j) viewer flight p95 / settled", "skipped: needs a display (xvfb-run -a)", "<= 1.5");
    return;
  }
  ScratchDir scratch("viewer-bench");
  std::vector<double> p95, settled, unsettled;
  for (int i = 0; i < runs; ++i) {
    const ViewerRun r =
        runViewer({benchExecutable(), "--viewer-flight-child", std::to_string(frames), "--scene", scenePath},
                  scratch.path);
    p95.push_back(r.number("flight-p95-ms"));
    settled.push_back(r.number("settled-median-ms"));
    unsettled.push_back(r.number("flight-unsettled-frames"));
  }
  const double p = median(p95), s = median(settled);
  benchRow("(j) viewer flight p95 / settled", fmt::format("{:.0f} ms ({:.0f} ms)", p, s), "<= 1.5", p / s, 1.5);
  benchRow("    frames with tiles streaming", fmt::format("{:.0f} of {} (1280x720, {} runs)", median(unsettled), frames, runs));
}

int benchSoak(const std::string& scenePath, double minutes) {
  requireDisplay("bench --soak");
  ScratchDir scratch("viewer-bench");
  // Streamed terrain with small caches, so that tiles are read, uploaded and evicted all along.
  std::vector<std::string> env;
  for (const char* e : {"TERRABRIEF_STREAMING=1", "TERRABRIEF_RAM_BUDGET_MB=48", "TERRABRIEF_GPU_BUDGET_MB=48"}) {
    const std::string name(e, std::strchr(e, '=') - e);
    if (!std::getenv(name.c_str())) env.emplace_back(e);
  }
  const ViewerRun r = runViewer(
      {benchExecutable(), "--soak-child", fmt::format("{:g}", minutes), "--scene", scenePath}, scratch.path, env);
  std::string conditions;
  for (const std::string& e : env) conditions += (conditions.empty() ? "" : " ") + e;
  std::printf("terrabrief bench --soak: %s, %g min flight in the viewer, renderer %s, window %s%s%s\n",
              scenePath.c_str(), minutes, r.values.at("renderer").c_str(), r.values.at("window").c_str(),
              conditions.empty() ? "" : ", ", conditions.c_str());
  benchHeader();
  benchRow("soak: frames flown", fmt::format("{:.0f} in {:.0f} s, {:.0f} round trips", r.number("soak-frames"),
                                             r.number("soak-seconds"), r.number("soak-trips")));
  benchRow("soak: warm-up", fmt::format("{:.0f} round trips", r.number("soak-warm-trips")));
  const bool pass = soakVerdictRows(r.number("soak-warm-rss-mib"), r.number("soak-max-rss-mib"),
                                    r.number("soak-warm-gl-objects"), r.number("soak-max-gl-objects"));
  return pass ? kExitOk : kExitInternal;
}

}  // namespace tb::bench
