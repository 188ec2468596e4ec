// `terrabrief brief`: stills of the default briefing (one per step, none blank, the caption in
// the lower third and nowhere else), a 3-second video of a small briefing checked by ffprobe,
// a Google Earth tour imported, and bad input (one line, exit 2, nothing left behind).
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "CliRun.h"
#include "SceneFixture.h"
#include "core/PngFile.h"

namespace tb::clitest {
namespace {

std::map<std::string, std::string> textChunks(const PngContents& png) {
  std::map<std::string, std::string> m;
  for (const auto& [k, v] : png.text) m[k] = v;
  return m;
}

std::size_t distinctColours(const ImageRGBA& image) {
  std::set<std::uint32_t> colours;
  for (std::size_t i = 0; i + 3 < image.pixels.size(); i += 4)
    colours.insert(image.pixels[i] << 16 | image.pixels[i + 1] << 8 | image.pixels[i + 2]);
  return colours.size();
}

// Mean absolute RGB difference over rows [y0, y1).
double meanDiff(const ImageRGBA& a, const ImageRGBA& b, int y0, int y1) {
  double sum = 0;
  long long n = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = 0; x < a.width; ++x)
      for (int c = 0; c < 3; ++c, ++n) sum += std::abs(int(a.at(x, y)[c]) - int(b.at(x, y)[c]));
  return n ? sum / n : 0.0;
}

double meanLuma(const ImageRGBA& image) {
  double sum = 0;
  for (std::size_t i = 0; i + 3 < image.pixels.size(); i += 4)
    sum += 0.2126 * image.pixels[i] + 0.7152 * image.pixels[i + 1] + 0.0722 * image.pixels[i + 2];
  return sum / (image.pixels.size() / 4);
}

fs::path defaultBriefing() { return defaultSceneDir() / "kyongsong-briefing.json"; }

std::vector<std::string> defaultStepIds() {
  const nlohmann::json b = nlohmann::json::parse(readFile(defaultBriefing()));
  std::vector<std::string> ids;
  for (const auto& s : b.at("steps")) ids.push_back(s.at("id"));
  return ids;
}

// A 3-second briefing over the small fixture scene: a 1 s hold, a 1 s fade, a 1 s hold.
std::string smallBriefing(const fs::path& scene) {
  return R"({"format": "terrabrief-briefing/1", "title": "Test briefing", "scene": ")" + scene.string() + R"(",
  "steps": [
    {"id": "first", "title": "First step", "caption": "A first caption line.\nA second one.",
     "view": {"view": "overview"}, "hold": 1},
    {"id": "second", "title": "Second step", "caption": "Closer to the castle.",
     "view": {"site": "castle"}, "hold": 1, "transition": {"kind": "fade", "duration": 1}}
  ]})";
}

std::map<std::string, std::string> ffprobeStream(const fs::path& video) {
  const RunResult r = runProgram({"ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
                                  "stream=codec_name,pix_fmt,width,height,nb_read_frames,duration",
                                  "-of", "default=noprint_wrappers=1", video.string()},
                                 RunOptions{video.parent_path()});
  EXPECT_EQ(r.exitCode, 0) << describe(r);
  std::map<std::string, std::string> m;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) m[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return m;
}

TEST(Brief, StillsOfTheDefaultBriefingOnePerStepWithCaptions) {
  ScratchDir cwd("brief-stills");
  const RunResult with = runTerrabrief({"brief", "stills", defaultBriefing().string(), "--size", "320x180", "--out",
                                        "stills"}, {cwd.path()});
  ASSERT_EQ(with.exitCode, 0) << describe(with);
  const RunResult bare = runTerrabrief({"brief", "stills", defaultBriefing().string(), "--size", "320x180", "--out",
                                        "bare", "--no-captions"}, {cwd.path()});
  ASSERT_EQ(bare.exitCode, 0) << describe(bare);

  const std::vector<std::string> ids = defaultStepIds();
  ASSERT_GE(ids.size(), 8u);
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < ids.size(); ++i) expected.push_back((i < 9 ? "0" : "") + std::to_string(i + 1) + "-" + ids[i] + ".png");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(listDir(cwd / "stills"), expected);  // exactly one per step, no temporary files
  EXPECT_EQ(listDir(cwd / "bare"), expected);

  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::string name = (i < 9 ? "0" : "") + std::to_string(i + 1) + "-" + ids[i] + ".png";
    const PngContents still = readPng((cwd / "stills" / name).string());
    const PngContents plain = readPng((cwd / "bare" / name).string());
    ASSERT_EQ(still.image.width, 320);
    ASSERT_EQ(still.image.height, 180);
    EXPECT_GT(distinctColours(plain.image), 50u) << name << " is blank";
    // The same moment rendered twice: above the lower third the frames agree; in the bottom
    // quarter (title, caption, counter) they differ clearly.
    const int h = still.image.height;
    EXPECT_LT(meanDiff(still.image, plain.image, 0, h / 3), 1.0) << name << ": the caption covers the subject";
    EXPECT_GT(meanDiff(still.image, plain.image, h * 3 / 4, h), 8.0) << name << ": no caption in the lower third";
    auto text = textChunks(still);
    EXPECT_EQ(text["Step"].rfind(std::to_string(i + 1) + " / " + std::to_string(ids.size()) + ":", 0), 0u) << text["Step"];
    EXPECT_EQ(text["Synthetic"].rfind("yes", 0), 0u) << text["Synthetic"];
    EXPECT_EQ(text["Captions"], "yes");
    EXPECT_EQ(textChunks(plain)["Captions"], "no");
  }
  // stdout lists the stills written, one per line.
  EXPECT_EQ(std::count(with.out.begin(), with.out.end(), '\n'), static_cast<long>(ids.size())) << with.out;
}

TEST(Brief, ThreeSecondVideoIsH264Yuv420pWithEveryFrame) {
  ScratchDir dir("brief-video");
  const fs::path scene = writeScene(dir.path());
  writeFile(dir / "test-briefing.json", smallBriefing(scene));
  const RunResult r = runTerrabrief({"brief", "video", "test-briefing.json", "--size", "320x180", "--fps", "10", "--out",
                                     "out.mp4", "--frames", "frames"}, {dir.path()});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_EQ(r.out, fs::absolute(dir / "out.mp4").lexically_normal().string() + "\n");
  // Progress on stderr: not a terminal here, so whole lines with a percentage, ending at 100%.
  EXPECT_NE(r.err.find("100%"), std::string::npos) << r.err;

  const auto probe = ffprobeStream(dir / "out.mp4");
  EXPECT_EQ(probe.at("codec_name"), "h264");
  EXPECT_EQ(probe.at("pix_fmt"), "yuv420p");
  EXPECT_EQ(probe.at("width"), "320");
  EXPECT_EQ(probe.at("height"), "180");
  EXPECT_EQ(probe.at("nb_read_frames"), "30");
  EXPECT_NEAR(std::strtod(probe.at("duration").c_str(), nullptr), 3.0, 0.05);

  // The PNG sequence: every frame; the fade's midpoint (t = 1.5 s) is nearly black.
  std::vector<std::string> frames = listDir(dir / "frames");
  ASSERT_EQ(frames.size(), 30u);
  EXPECT_EQ(frames.front(), "frame-00000.png");
  const ImageRGBA held = readPng((dir / "frames" / "frame-00005.png").string()).image;
  const ImageRGBA black = readPng((dir / "frames" / "frame-00015.png").string()).image;
  EXPECT_GT(distinctColours(held), 50u);
  EXPECT_LT(meanLuma(black), 0.25 * meanLuma(held));
  // Nothing else beside the inputs: no temporary files.
  EXPECT_EQ(listDir(dir.path()), (std::vector<std::string>{"dem.tif", "frames", "out.mp4", "scene.json",
                                                          "sites.geojson", "test-briefing.json"}));
}

// Grey text pixels (the title and caption: not the orange counter or progress line).
bool greyish(const std::uint8_t* p) { return std::abs(int(p[0]) - int(p[2])) < 40; }
double luma(const std::uint8_t* p) { return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2]; }

// Where `a` shows bright grey text over the band and `b` shows the dark band: the mean luma of
// those pixels in a, b and `probe`, and how many there are.
struct TextPixels {
  int count = 0;
  double a = 0, b = 0, probe = 0;
};
TextPixels textOnlyIn(const ImageRGBA& a, const ImageRGBA& b, const ImageRGBA& probe) {
  TextPixels t;
  for (int y = a.height / 2; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      if (luma(a.at(x, y)) > 150 && greyish(a.at(x, y)) && luma(b.at(x, y)) < 60) {
        ++t.count;
        t.a += luma(a.at(x, y)), t.b += luma(b.at(x, y)), t.probe += luma(probe.at(x, y));
      }
  if (t.count) t.a /= t.count, t.b /= t.count, t.probe /= t.count;
  return t;
}

TEST(Brief, CaptionsCrossFadeInVideoAndStillsShowOnlyTheirOwn) {
  ScratchDir dir("brief-crossfade");
  const fs::path scene = writeScene(dir.path());
  // t 0-1: first; 1-3 a flight into second (captions cross-fade over 1.0-1.6), 3-4 its hold;
  // 4-5: third, after a cut (no cross-fade).
  writeFile(dir / "b.json", R"({"format": "terrabrief-briefing/1", "title": "Cross-fade", "scene": ")" +
                                scene.string() + R"(", "steps": [
    {"id": "first", "title": "FIRST STEP", "caption": "MMMM WWWW MMMM WWWW", "view": {"view": "overview"}, "hold": 1},
    {"id": "second", "title": "The second", "caption": "iiii llll", "view": {"site": "castle"}, "hold": 1,
     "transition": {"kind": "flight", "duration": 2}},
    {"id": "third", "title": "THIRD", "caption": "HHHH MMMM HHHH", "view": {"site": "castle"}, "hold": 1,
     "transition": {"kind": "cut"}}]})");
  const RunResult video = runTerrabrief({"brief", "video", "b.json", "--size", "320x180", "--fps", "10", "--out",
                                         "out.mp4", "--frames", "frames"}, {dir.path()});
  ASSERT_EQ(video.exitCode, 0) << describe(video);
  const RunResult stills = runTerrabrief({"brief", "stills", "b.json", "--size", "320x180", "--out", "stills"},
                                         {dir.path()});
  ASSERT_EQ(stills.exitCode, 0) << describe(stills);
  const auto frame = [&](int k) {
    char name[32];
    std::snprintf(name, sizeof name, "frame-%05d.png", k);
    return readPng((dir / "frames" / name).string()).image;
  };

  // Half way through the cross-fade (t = 1.3): the first caption's letters at about half their
  // brightness over the band, and the second's too.
  const ImageRGBA first = frame(9), mid = frame(13), second = frame(35);
  const TextPixels oldText = textOnlyIn(first, second, mid), newText = textOnlyIn(second, first, mid);
  ASSERT_GT(oldText.count, 20);
  ASSERT_GT(newText.count, 20);
  for (const TextPixels& t : {oldText, newText}) {
    EXPECT_GT(t.probe, t.b + 0.25 * (t.a - t.b)) << "one caption missing from the mid-fade frame";
    EXPECT_LT(t.probe, t.b + 0.75 * (t.a - t.b)) << "one caption at full strength in the mid-fade frame";
  }
  // The third step's still (0.25 s into a hold after a cut) shows only its own caption: the
  // second's letters are not there, and its own are whole.
  const ImageRGBA still = readPng((dir / "stills" / "03-third.png").string()).image;
  const ImageRGBA settled = frame(49);
  const TextPixels gone = textOnlyIn(second, settled, still), own = textOnlyIn(settled, second, still);
  ASSERT_GT(gone.count, 20);
  ASSERT_GT(own.count, 20);
  EXPECT_LT(gone.probe, gone.b + 0.1 * (gone.a - gone.b));
  EXPECT_GT(own.probe, own.b + 0.9 * (own.a - own.b));
}

// A step's own layer opacity in `brief stills` (the same frame settings as `brief video`): the
// scene under a magenta imagery layer, from one view, with the layer off, at 0.3 and at 1.0.
// The imagery is mixed over the ground's own colour, so the change from "off" at 0.3 is about
// 0.3 of the change at 1.0, pixel by pixel and channel by channel, towards magenta.
TEST(Brief, AStepsLayerOpacityMixesItsImageryInProportion) {
  ScratchDir dir("brief-opacity");
  const fs::path scene = writeScene(dir.path());
  writeFile(dir / "colours.txt", "-1000 255 0 255\n9000 255 0 255\n");
  ASSERT_EQ(runProgram({"gdaldem", "color-relief", "-q", "dem.tif", "colours.txt", "paint.tif"}, RunOptions{dir.path()})
                .exitCode,
            0);
  std::string json = sceneJson({});
  json.replace(json.find("\"sites\""), 0, R"("imagery": [{"name": "paint", "path": "paint.tif"}],
  )");
  writeFile(scene, json);
  writeFile(dir / "b.json", R"({"format": "terrabrief-briefing/1", "title": "Opacity", "scene": ")" +
                                scene.string() + R"(", "steps": [
    {"id": "off", "title": "Off", "view": {"view": "overview"}, "hold": 1, "layers": [{"name": "paint", "visible": false}]},
    {"id": "faint", "title": "Faint", "view": {"view": "overview"}, "hold": 1, "transition": {"kind": "cut"},
     "layers": [{"name": "paint", "visible": true, "opacity": 0.3}]},
    {"id": "full", "title": "Full", "view": {"view": "overview"}, "hold": 1, "transition": {"kind": "cut"},
     "layers": [{"name": "paint", "opacity": 1.0}]}]})");
  const RunResult r = runTerrabrief({"brief", "stills", "b.json", "--size", "320x180", "--no-captions", "--out",
                                     "stills"}, {dir.path()});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  const ImageRGBA off = readPng((dir / "stills" / "01-off.png").string()).image;
  const ImageRGBA faint = readPng((dir / "stills" / "02-faint.png").string()).image;
  const ImageRGBA full = readPng((dir / "stills" / "03-full.png").string()).image;
  // Least squares: faint - off = k (full - off), over every pixel and channel.
  double ab = 0, bb = 0, residual = 0, greenDrop = 0;
  for (int y = 0; y < off.height; ++y)
    for (int x = 0; x < off.width; ++x)
      for (int c = 0; c < 3; ++c) {
        const double a = faint.at(x, y)[c] - off.at(x, y)[c], b = full.at(x, y)[c] - off.at(x, y)[c];
        ab += a * b;
        bb += b * b;
        if (c == 1) greenDrop += off.at(x, y)[c] - faint.at(x, y)[c];
      }
  ASSERT_GT(bb / (off.width * off.height * 3.0), 100.0) << "the layer at 1.0 hardly changes the frame";
  const double k = ab / bb;
  for (int y = 0; y < off.height; ++y)
    for (int x = 0; x < off.width; ++x)
      for (int c = 0; c < 3; ++c) {
        const double a = faint.at(x, y)[c] - off.at(x, y)[c], b = full.at(x, y)[c] - off.at(x, y)[c];
        residual += (a - k * b) * (a - k * b);
      }
  // 0.3 up to the 8-bit rounding and the shading applied after the mix (measured: k = 0.311,
  // residual 0.1 % of the change; the layer ignored would give k = 1).
  EXPECT_NEAR(k, 0.3, 0.03);
  EXPECT_LT(residual, 0.05 * bb) << "the change at 0.3 is not a scaled copy of the change at 1.0";
  EXPECT_GT(greenDrop, 0) << "towards magenta: less green";
  std::printf("opacity 0.3 against 1.0: k = %.4f, residual %.4f of the change\n", k, residual / bb);
}

TEST(Brief, ImportKmlWritesABriefingThatLoads) {
  ScratchDir dir("brief-kml");
  const fs::path scene = writeScene(dir.path(), {}, /*withDem=*/false);
  writeFile(dir / "tour.kml", R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Document><name>Test tour</name>
  <gx:Tour><name>Two stops</name><gx:Playlist>
    <gx:FlyTo><gx:duration>3</gx:duration>
      <LookAt><longitude>129.62</longitude><latitude>41.56</latitude><heading>10</heading><tilt>45</tilt><range>30000</range></LookAt>
    </gx:FlyTo>
    <gx:Wait><gx:duration>2</gx:duration></gx:Wait>
    <gx:FlyTo><gx:duration>4</gx:duration><gx:flyToMode>smooth</gx:flyToMode>
      <LookAt><longitude>129.670</longitude><latitude>41.670</latitude><heading>285</heading><tilt>60</tilt><range>7000</range></LookAt>
    </gx:FlyTo>
    <gx:Wait><gx:duration>5</gx:duration></gx:Wait>
  </gx:Playlist></gx:Tour>
</Document></kml>
)");
  fs::create_directories(dir / "out");
  const RunResult r = runTerrabrief({"brief", "import-kml", "tour.kml", "--scene", scene.string(), "--out",
                                     "out/tour-briefing.json"}, {dir.path()});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_EQ(listDir(dir / "out"), std::vector<std::string>{"tour-briefing.json"});
  const nlohmann::json b = nlohmann::json::parse(readFile(dir / "out" / "tour-briefing.json"));
  EXPECT_EQ(b.at("format"), "terrabrief-briefing/1");
  EXPECT_EQ(b.at("scene"), "../scene.json");  // relative to the briefing's own directory
  ASSERT_EQ(b.at("steps").size(), 2u);
  EXPECT_DOUBLE_EQ(b["steps"][0]["hold"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(b["steps"][1]["hold"].get<double>(), 5.0);
  EXPECT_NEAR(b["steps"][1]["view"]["lookAt"]["lat"].get<double>(), 41.670, 1e-9);
  EXPECT_NEAR(b["steps"][1]["view"]["range"].get<double>(), 7000.0, 1e-6);
}

TEST(Brief, DocumentedDefaultBriefingPathWorksFromACheckoutAndAnywhereElse) {
  // Issue 12, item 7: the README names assets/kyongsong/kyongsong-briefing.json; its rasters exist
  // only where the build generated them. From the checkout, from another directory (as after an
  // install, where assets/ names the data directory), and with no BRIEFING at all.
  ScratchDir out("brief-documented");
  const size_t steps = defaultStepIds().size();
  const std::string documented = "assets/kyongsong/kyongsong-briefing.json";
  const std::vector<std::pair<std::vector<std::string>, fs::path>> runs = {
      {{"brief", "stills", documented, "--size", "64x36", "--out", (out / "checkout").string()}, TB_SOURCE_DIR},
      {{"brief", "stills", documented, "--size", "64x36", "--out", (out / "elsewhere").string()}, out.path()},
      {{"brief", "stills", "--size", "64x36", "--out", (out / "default").string()}, out.path()}};
  for (const auto& [args, cwd] : runs) {
    const RunResult r = runTerrabrief(args, {cwd});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_EQ(listDir(args.back()).size(), steps) << args.back();
  }
}

TEST(Brief, InterruptedVideoLeavesNoTemporaryFile) {
  // Issue 12, item 6: Ctrl+C (SIGINT) or SIGTERM while the MP4 is being written.
  for (int sig : {SIGINT, SIGTERM}) {
    ScratchDir dir("brief-video-interrupted");
    const fs::path scene = writeScene(dir.path());
    std::string longBriefing = smallBriefing(scene);
    const std::string shortHold = "\"hold\": 1}";
    longBriefing.replace(longBriefing.find(shortHold), shortHold.size(), "\"hold\": 600}");  // minutes of frames
    writeFile(dir / "long.json", longBriefing);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      const int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, 1);
      ::dup2(devnull, 2);
      if (::chdir(dir.path().c_str()) != 0) ::_exit(126);
      ::execl(TB_BINARY, TB_BINARY, "brief", "video", "long.json", "--size", "64x36", "--fps", "5", "--out", "out.mp4",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    auto tempFiles = [&] {
      std::vector<std::string> names;
      for (const std::string& n : listDir(dir.path()))
        if (n.rfind(".out.mp4.tmp", 0) == 0) names.push_back(n);
      return names;
    };
    bool seen = false;
    int status = 0;
    for (int i = 0; i < 6000 && !seen; ++i) {  // up to a minute for the scene to load
      seen = !tempFiles().empty();
      if (!seen) ::usleep(10000);
      ASSERT_EQ(::waitpid(pid, &status, WNOHANG), 0) << "the export ended before it could be interrupted";
    }
    ASSERT_TRUE(seen) << "no temporary video file appeared";
    ::kill(pid, sig);
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig) << "status " << status;
    EXPECT_TRUE(tempFiles().empty()) << "signal " << sig;
    EXPECT_FALSE(fs::exists(dir / "out.mp4"));
  }
}

TEST(Brief, ImportKmlSkipsSoundAndAnimationAndRefusesATourElsewhere) {
  // Issue 12, item 5: one warning per skipped kind; a tour 8000 km away is refused (exit 2).
  ScratchDir dir("brief-kml-skip");
  const fs::path scene = writeScene(dir.path(), {}, /*withDem=*/false);
  auto tour = [](const std::string& lon, const std::string& lat) {
    return R"(<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"><Document>
<gx:Tour><name>T</name><gx:Playlist>
  <gx:FlyTo><gx:duration>2</gx:duration><LookAt><longitude>)" + lon + "</longitude><latitude>" + lat + R"(</latitude>
    <tilt>45</tilt><range>5000</range></LookAt></gx:FlyTo>
  <gx:AnimatedUpdate><gx:duration>1</gx:duration></gx:AnimatedUpdate>
  <gx:SoundCue><href>narration.mp3</href></gx:SoundCue>
  <gx:Wait><gx:duration>3</gx:duration></gx:Wait>
</gx:Playlist></gx:Tour></Document></kml>
)";
  };
  writeFile(dir / "here.kml", tour("129.62", "41.56"));
  RunResult r = runTerrabrief({"brief", "import-kml", "here.kml", "--scene", scene.string(), "--out", "here.json"},
                              {dir.path()});
  ASSERT_EQ(r.exitCode, 0) << describe(r);
  EXPECT_NE(r.err.find("here.kml:5: skipped 1 gx:AnimatedUpdate element"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("here.kml:6: skipped 1 gx:SoundCue element"), std::string::npos) << r.err;
  writeFile(dir / "far.kml", tour("-73.98", "40.75"));
  r = runTerrabrief({"brief", "import-kml", "far.kml", "--scene", scene.string(), "--out", "far.json"}, {dir.path()});
  expectOneLineError(r, "far.kml:3");
  EXPECT_NE(r.err.find("lies far outside the scene"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "far.json"));
}

// [SECTION] Bad input: one line naming the culprit, exit 2, no output left behind.

struct BriefBadInput : ::testing::Test {
  ScratchDir dir{"brief-bad"};
  fs::path scene;
  void SetUp() override {
    scene = writeScene(dir.path(), {}, /*withDem=*/false);  // every check fails before the DEM is read
    writeFile(dir / "good.json", smallBriefing(scene));
  }
  std::vector<std::string> before() const { return listDir(dir.path()); }
  void expectNothingNew(const std::vector<std::string>& names) const { EXPECT_EQ(listDir(dir.path()), names); }
};

TEST_F(BriefBadInput, MissingBriefing) {
  const auto names = before();
  const RunResult r = runTerrabrief({"brief", "stills", "missing.json", "--out", "stills"}, {dir.path()});
  expectOneLineError(r, "missing.json");
  expectNothingNew(names);
}

TEST_F(BriefBadInput, MalformedBriefing) {
  writeFile(dir / "broken.json", R"({"format": "terrabrief-briefing/1", "title": "x", )");
  const auto names = before();
  const RunResult r = runTerrabrief({"brief", "video", "broken.json", "--size", "320x180", "--out", "v.mp4"}, {dir.path()});
  expectOneLineError(r, "broken.json");
  expectNothingNew(names);
}

TEST_F(BriefBadInput, UnknownSite) {
  std::string text = smallBriefing(scene);
  text.replace(text.find("\"castle\""), 8, "\"castel\"");
  writeFile(dir / "typo.json", text);
  const auto names = before();
  const RunResult r = runTerrabrief({"brief", "stills", "typo.json", "--out", "stills"}, {dir.path()});
  expectOneLineError(r, "typo.json");
  EXPECT_NE(r.err.find("castel"), std::string::npos) << r.err;
  expectNothingNew(names);
}

TEST_F(BriefBadInput, UnwritableOutputs) {
  const auto names = before();
  expectOneLineError(runTerrabrief({"brief", "video", "good.json", "--size", "320x180", "--out", "no/such/dir/v.mp4"},
                                   {dir.path()}),
                     "v.mp4");
  // A directory under a regular file cannot be created.
  expectOneLineError(runTerrabrief({"brief", "stills", "good.json", "--out", "scene.json/stills"}, {dir.path()}),
                     "scene.json/stills");
  expectOneLineError(runTerrabrief({"brief", "video", "good.json", "--size", "320x180", "--out", "v.mp4", "--frames",
                                    "sites.geojson"}, {dir.path()}),
                     "sites.geojson");
  expectNothingNew(names);
}

TEST_F(BriefBadInput, OutputsThatAreNotRegularFilesAreNeverReplaced) {
  // Issue 12, item 6: `--out /dev/full` as root turned the device into a file. A FIFO stands in.
  ASSERT_EQ(::mkfifo((dir / "special").c_str(), 0600), 0);
  const auto names = before();
  expectOneLineError(runTerrabrief({"brief", "video", "good.json", "--size", "320x180", "--out", "special"}, {dir.path()}),
                     "special");
  writeFile(dir / "tour.kml", "<kml/>");
  expectOneLineError(runTerrabrief({"brief", "import-kml", "tour.kml", "--scene", scene.string(), "--out", "special"},
                                   {dir.path()}),
                     "special");
  EXPECT_TRUE(fs::is_fifo(dir / "special"));
  fs::remove(dir / "tour.kml");
  expectNothingNew(names);
}

TEST_F(BriefBadInput, OddAndImpossibleSizes) {
  const auto names = before();
  for (const std::string size : {"321x180", "320x181", "0x0", "100000x100000", "abc"}) {
    const RunResult r =
        runTerrabrief({"brief", "video", "good.json", "--size", size, "--out", "v.mp4"}, {dir.path()});
    expectOneLineError(r, "--size");
  }
  expectOneLineError(runTerrabrief({"brief", "stills", "good.json", "--size", "0x10", "--out", "s"}, {dir.path()}),
                     "--size");
  const RunResult fps = runTerrabrief({"brief", "video", "good.json", "--fps", "0", "--out", "v.mp4"}, {dir.path()});
  EXPECT_EQ(fps.exitCode, 2) << describe(fps);
  EXPECT_EQ(fps.errLines().size(), 1u) << describe(fps);
  expectNothingNew(names);
}

TEST_F(BriefBadInput, MalformedKml) {
  writeFile(dir / "bad.kml", "<kml><Document><gx:Tour>");
  const auto names = before();
  const RunResult r =
      runTerrabrief({"brief", "import-kml", "bad.kml", "--scene", scene.string(), "--out", "b.json"}, {dir.path()});
  expectOneLineError(r, "bad.kml");
  expectNothingNew(names);
}

}  // namespace
}  // namespace tb::clitest
