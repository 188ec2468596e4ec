// VideoEncoder without GL: synthetic frames in, an MP4 that ffprobe reads as H.264 yuv420p with
// every frame; odd sizes refused; an abandoned or failed encode leaves no file behind.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "core/Error.h"
#include "video/VideoEncoder.h"

namespace tb::video {
namespace {
namespace fs = std::filesystem;

fs::path scratch(const std::string& tag) {
  fs::create_directories(TB_TEST_OUTPUT_DIR);
  std::string pattern = (fs::path(TB_TEST_OUTPUT_DIR) / ("video-" + tag + "-XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// A moving gradient: every frame different, so the encoder has real work.
ImageRGBA frame(int w, int h, int k) {
  ImageRGBA image(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint8_t* p = image.at(x, y);
      p[0] = static_cast<std::uint8_t>((x * 4 + k * 8) & 255);
      p[1] = static_cast<std::uint8_t>((y * 4) & 255);
      p[2] = static_cast<std::uint8_t>((x + y + k * 3) & 255);
      p[3] = 255;
    }
  return image;
}

std::string probe(const fs::path& video) {
  const std::string cmd = "ffprobe -v error -select_streams v:0 -count_frames -show_entries "
                          "stream=codec_name,pix_fmt,width,height,nb_read_frames -of csv=p=0 '" +
                          video.string() + "'";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[256];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    ::pclose(p);
  }
  return out;
}

TEST(VideoEncoder, WritesH264Yuv420pWithEveryFrame) {
  const fs::path dir = scratch("ok");
  const fs::path out = dir / "clip.mp4";
  VideoOptions o;
  o.width = 64;
  o.height = 48;
  o.fps = 12;
  o.queueFrames = 2;  // smaller than the frame count: push() must block and resume
  std::int64_t lastReported = 0;
  o.onEncoded = [&](std::int64_t n) { lastReported = n; };
  {
    VideoEncoder encoder(out.string(), o);
    for (int k = 0; k < 24; ++k) encoder.push(frame(64, 48, k));
    EXPECT_FALSE(fs::exists(out));  // not before finish()
    encoder.finish();
    EXPECT_EQ(encoder.framesEncoded(), 24);
  }
  EXPECT_EQ(lastReported, 24);
  ASSERT_TRUE(fs::exists(out));
  EXPECT_EQ(entries(dir), 1u);  // no temporary file left
  EXPECT_EQ(probe(out), "h264,64,48,yuv420p,24\n");
  fs::remove_all(dir);
}

TEST(VideoEncoder, RefusesOddSizes) {
  EXPECT_THROW(checkVideoSize(65, 48), Error);
  EXPECT_THROW(checkVideoSize(64, 1), Error);
  EXPECT_NO_THROW(checkVideoSize(64, 48));
  const fs::path dir = scratch("odd");
  VideoOptions o;
  o.width = 63;
  o.height = 48;
  try {
    VideoEncoder encoder((dir / "odd.mp4").string(), o);
    FAIL() << "an odd width was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), "--size");
    EXPECT_NE(e.problem().find("even"), std::string::npos) << e.what();
  }
  EXPECT_EQ(entries(dir), 0u);
  fs::remove_all(dir);
}

TEST(VideoEncoder, AbandonedOrFailedEncodeLeavesNothing) {
  const fs::path dir = scratch("abandon");
  VideoOptions o;
  o.width = 32;
  o.height = 32;
  {
    VideoEncoder encoder((dir / "never.mp4").string(), o);
    for (int k = 0; k < 5; ++k) encoder.push(frame(32, 32, k));
  }  // destroyed without finish()
  EXPECT_EQ(entries(dir), 0u);
  {
    VideoEncoder encoder((dir / "wrong.mp4").string(), o);
    encoder.push(frame(32, 32, 0));
    // A frame of the wrong size fails on the encoder thread; the failure comes back here.
    EXPECT_THROW(
        {
          for (int k = 0; k < 20; ++k) encoder.push(frame(16, 16, k));
          encoder.finish();
        },
        Error);
  }
  EXPECT_EQ(entries(dir), 0u);
  EXPECT_THROW(VideoEncoder((dir / "missing" / "x.mp4").string(), o), Error);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tb::video
