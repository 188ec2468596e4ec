// Row (i) (see BenchCloseUp.h). The only difference between the two renders is the scene's extent
// and so the path its data takes: the crop is small enough to load whole (TERRABRIEF_STREAMING=0
// makes sure), the 40 km scene streams (=1). Same camera, size, fog and stamp.
#include "harness/BenchCloseUp.h"

#include <fmt/format.h>

#include "core/Error.h"
#include "core/ImageSsim.h"
#include "core/PngFile.h"
#include "harness/BenchTable.h"
#include "harness/ChildProcess.h"
#include "harness/CloseUpData.h"

namespace tb::bench {
namespace fs = std::filesystem;

double benchCloseUp(const fs::path& dir, const std::vector<std::string>& environment) {
  const CloseUpData d = ensureCloseUpData(dir);
  const std::string camera =
      fmt::format("{:.7f},{:.7f},{:.1f},{:.1f},{:.1f}", d.cameraLat, d.cameraLon, d.cameraHeight, d.heading, d.pitch);
  const fs::path streamed = dir / "closeup-40km-streamed.png", whole = dir / "closeup-10km-in-memory.png";
  auto render = [&](const fs::path& scene, const fs::path& png, const char* streaming) {
    std::vector<std::string> env = environment;
    env.push_back(std::string("TERRABRIEF_STREAMING=") + streaming);
    const std::vector<std::string> argv = {launcherExecutable(), "render", "--scene", scene.string(), "--camera",
                                           camera, "--size", "1920x1080", "--out", png.string()};
    if (runChild(argv, env).exitCode != 0)
      throw internalError(scene.string(), "terrabrief render failed: run `TERRABRIEF_STREAMING=" +
                                              std::string(streaming) + " terrabrief render --scene " + scene.string() +
                                              " --camera " + camera + "` to see why");
  };
  render(d.scene40km, streamed, "1");
  render(d.scene10km, whole, "0");
  const double ssim = meanSsim(readPng(streamed.string()).image, readPng(whole.string()).image);
  // The ratio column shows how far below the target it is: 0.95 / SSIM, PASS at <= 1.
  benchRow("(i) close-up SSIM 40 km / 10 km crop", fmt::format("{:.4f} (1.25 m imagery)", ssim), ">= 0.95",
           0.95 / ssim, 1.0);
  return ssim;
}

}  // namespace tb::bench
