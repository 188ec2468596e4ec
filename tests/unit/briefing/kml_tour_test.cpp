// KML tour import: a small tour written here (FlyTo with LookAt and Camera, Wait, bounce and
// smooth, Placemark names) becomes the expected steps; what cannot be converted fails with one
// line naming the file, the line and the element; the written briefing loads back.
#include <gtest/gtest.h>

#include <filesystem>

#include "BriefingFixtures.h"
#include "briefing/KmlTour.h"
#include "core/Error.h"

#include <cmath>
#include <glm/glm.hpp>

namespace tb::briefing {
namespace {

const char* kTour = R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Document>
  <name>Coast tour document</name>
  <Placemark>
    <name>Kyongsong Castle</name>
    <description>The walled town by the sea.</description>
    <Point><coordinates>129.670,41.670,0</coordinates></Point>
  </Placemark>
  <gx:Tour>
    <name>Along the coast</name>
    <gx:Playlist>
      <gx:FlyTo>
        <gx:duration>3</gx:duration>
        <LookAt>
          <longitude>129.62</longitude><latitude>41.56</latitude><altitude>0</altitude>
          <heading>-20</heading><tilt>45</tilt><range>30000</range>
          <altitudeMode>relativeToGround</altitudeMode>
        </LookAt>
      </gx:FlyTo>
      <gx:Wait><gx:duration>2.5</gx:duration></gx:Wait>
      <gx:FlyTo>
        <gx:duration>6</gx:duration>
        <gx:flyToMode>bounce</gx:flyToMode>
        <LookAt>
          <longitude>129.670</longitude><latitude>41.670</latitude>
          <heading>285</heading><tilt>62</tilt><range>7000</range>
        </LookAt>
      </gx:FlyTo>
      <gx:Wait><gx:duration>4</gx:duration></gx:Wait>
      <gx:Wait><gx:duration>1</gx:duration></gx:Wait>
      <gx:TourControl><gx:playMode>pause</gx:playMode></gx:TourControl>
      <gx:FlyTo>
        <gx:duration>5</gx:duration>
        <gx:flyToMode>smooth</gx:flyToMode>
        <Camera>
          <longitude>129.70</longitude><latitude>41.60</latitude><altitude>3000</altitude>
          <heading>300</heading><tilt>65</tilt><roll>0</roll>
          <altitudeMode>absolute</altitudeMode>
        </Camera>
      </gx:FlyTo>
      <gx:FlyTo>
        <LookAt><longitude>129.5</longitude><latitude>41.5</latitude><tilt>0</tilt><range>900</range></LookAt>
      </gx:FlyTo>
    </gx:Playlist>
  </gx:Tour>
</Document>
</kml>
)";

struct KmlTour : ::testing::Test {
  std::string dir = test::scratchDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::string kml = dir + "/tour.kml";
  std::string scene = dir + "/scene.json";
  void SetUp() override { test::writeText(scene, "{}"); }

  // The error of importing kTour with `from` replaced by `to` ("" when it converts).
  std::string errorOf(const std::string& from, const std::string& to, std::string* text = nullptr) {
    std::string s = kTour;
    const size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    s.replace(at, from.size(), to);
    if (text) *text = s;
    test::writeText(kml, s);
    try {
      importKmlTour(kml, scene);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
};

TEST_F(KmlTour, ConvertsFlyToWaitAndModes) {
  test::writeText(kml, kTour);
  const Briefing b = importKmlTour(kml, scene);
  EXPECT_EQ(b.title, "Along the coast");
  ASSERT_EQ(b.steps.size(), 4u);

  const Step& s0 = b.steps[0];
  EXPECT_EQ(s0.view.kind, StepView::Kind::LookAt);
  EXPECT_EQ(s0.view.spec.lon, 129.62);
  EXPECT_EQ(s0.view.spec.lat, 41.56);
  EXPECT_EQ(s0.view.spec.rangeOrHeight, 30000.0);
  EXPECT_EQ(s0.view.spec.headingDeg, 340.0);
  EXPECT_EQ(s0.view.spec.pitchDeg, -45.0);  // KML tilt 45 from straight down
  EXPECT_EQ(s0.holdSeconds, 2.5);
  EXPECT_EQ(s0.title, "Stop 1");

  const Step& s1 = b.steps[1];
  EXPECT_EQ(s1.title, "Kyongsong Castle");  // the Placemark at the place it looks at
  EXPECT_EQ(s1.caption, "The walled town by the sea.");
  EXPECT_EQ(s1.view.spec.pitchDeg, -28.0);
  EXPECT_EQ(s1.holdSeconds, 5.0);  // two waits add up
  EXPECT_EQ(s1.transition.kind, TransitionKind::Flight);
  EXPECT_EQ(*s1.transition.durationSeconds, 6.0);
  EXPECT_EQ(s1.transition.easing, camera::Easing::EaseInOutCubic);  // bounce

  const Step& s2 = b.steps[2];
  EXPECT_EQ(s2.view.kind, StepView::Kind::Camera);
  EXPECT_EQ(s2.view.spec.rangeOrHeight, 3000.0);
  EXPECT_EQ(s2.view.spec.pitchDeg, -25.0);
  EXPECT_EQ(s2.view.spec.headingDeg, 300.0);
  EXPECT_EQ(s2.transition.easing, camera::Easing::Linear);  // smooth
  EXPECT_EQ(*s2.transition.durationSeconds, 5.0);

  EXPECT_EQ(b.steps[3].transition.kind, TransitionKind::Cut);  // no duration: Google Earth jumps
  EXPECT_EQ(b.steps[3].view.spec.pitchDeg, -90.0);
}

TEST_F(KmlTour, WritesABriefingThatLoadsBack) {
  test::writeText(kml, kTour);
  std::filesystem::create_directories(dir + "/out");
  const std::string out = dir + "/out/tour.json";
  importKmlTourToFile(kml, scene, out);
  const Briefing b = loadBriefing(out);
  EXPECT_EQ(b.scene, "../scene.json");  // relative to the briefing file
  ASSERT_EQ(b.steps.size(), 4u);
  EXPECT_EQ(b.steps[1].title, "Kyongsong Castle");
  EXPECT_EQ(b.steps[2].view.spec.rangeOrHeight, 3000.0);
  EXPECT_EQ(b.steps[1].holdSeconds, 5.0);
  EXPECT_THROW(importKmlTourToFile(kml, scene, dir + "/missing-dir/tour.json"), Error);
}

TEST_F(KmlTour, RefusesWhatItCannotConvert) {
  std::string text;
  // Altitudes relative to the ground need the terrain; without it they are refused, naming why.
  std::string e = errorOf("<altitudeMode>absolute</altitudeMode>", "<altitudeMode>relativeToGround</altitudeMode>", &text);
  const auto lineOf = [&](const std::string& needle) { return test::lineColOf(text, needle).substr(0, test::lineColOf(text, needle).find(':')); };
  EXPECT_NE(e.find(": altitudeMode: altitudeMode relativeToGround needs the terrain height"), std::string::npos) << e;
  EXPECT_EQ(e.rfind(kml + ":" + lineOf("<altitudeMode>relativeToGround</altitudeMode>\n        </Camera>"), 0), 0u) << e;

  e = errorOf("<altitude>0</altitude>", "<altitude>150</altitude>");
  EXPECT_NE(e.find("altitudeMode relativeToGround needs the terrain height"), std::string::npos) << e;

  e = errorOf("<altitudeMode>absolute</altitudeMode>", "<altitudeMode>relativeToSeaFloor</altitudeMode>");
  EXPECT_NE(e.find("altitudeMode relativeToSeaFloor cannot be converted"), std::string::npos) << e;

  e = errorOf("<roll>0</roll>", "<roll>12</roll>");
  EXPECT_NE(e.find("roll: camera roll cannot be converted"), std::string::npos) << e;

  e = errorOf("<tilt>62</tilt>", "<tilt>120</tilt>");
  EXPECT_NE(e.find("tilt: 120 is outside 0..90"), std::string::npos) << e;

  e = errorOf("<gx:flyToMode>smooth</gx:flyToMode>", "<gx:flyToMode>zigzag</gx:flyToMode>");
  EXPECT_NE(e.find("gx:flyToMode: unknown flyToMode \"zigzag\""), std::string::npos) << e;

  e = errorOf("<range>7000</range>", "<range>far</range>");
  EXPECT_NE(e.find("range: \"far\" is not a number"), std::string::npos) << e;

  e = errorOf("<gx:Wait><gx:duration>2.5</gx:duration></gx:Wait>", "<gx:Wait><gx:duration>-1</gx:duration></gx:Wait>");
  EXPECT_NE(e.find("gx:duration: -1 is outside 0..3600"), std::string::npos) << e;

  e = errorOf("<gx:Playlist>", "<gx:Playlist><gx:Wait><gx:duration>1</gx:duration></gx:Wait>");
  EXPECT_NE(e.find("gx:Wait: comes before the first gx:FlyTo"), std::string::npos) << e;

  test::writeText(kml, "<kml xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n<gx:Tour><name>x</name></gx:Tour></kml>");
  try {
    importKmlTour(kml, scene);
    ADD_FAILURE() << "a tour without a playlist must fail";
  } catch (const Error& err) {
    EXPECT_EQ(std::string(err.what()), kml + ":2: gx:Tour: has no gx:Playlist");
  }
}

TEST_F(KmlTour, ConvertsAltitudesThroughTheTerrainAndSkipsAnimationAndSound) {
  // Issue 12, item 5: tours from Google's own samples were refused for all of these.
  std::string s = kTour;
  auto replace = [&](const std::string& from, const std::string& to) {
    const size_t at = s.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    s.replace(at, from.size(), to);
  };
  replace("<altitude>0</altitude>", "<altitude>150</altitude>");  // a LookAt target 150 m above the ground
  replace("<altitudeMode>absolute</altitudeMode>", "<altitudeMode>relativeToGround</altitudeMode>");  // camera
  replace("<gx:Wait><gx:duration>1</gx:duration></gx:Wait>",
          "<gx:AnimatedUpdate><gx:duration>1</gx:duration></gx:AnimatedUpdate><gx:SoundCue><href>a.mp3</href></gx:SoundCue>"
          "<gx:SoundCue><href>b.mp3</href></gx:SoundCue>");
  test::writeText(kml, s);
  KmlSceneInfo info;
  info.groundHeight = [](double lon, double) { return lon < 129.65 ? 200.0 : 400.0; };
  const Briefing b = importKmlTour(kml, scene, info);
  ASSERT_EQ(b.steps.size(), 4u);
  // The raised LookAt becomes the camera that sees it: eye range*cos(tilt) above the target,
  // range*sin(tilt) back along the heading (340°: to the south-south-east of the target).
  const scene::ViewSpec& v0 = b.steps[0].view.spec;
  EXPECT_EQ(b.steps[0].view.kind, StepView::Kind::Camera);
  EXPECT_NEAR(v0.rangeOrHeight, 200.0 + 150.0 + 30000.0 * std::cos(glm::radians(45.0)), 1e-6);
  EXPECT_DOUBLE_EQ(v0.pitchDeg, -45.0);
  EXPECT_DOUBLE_EQ(v0.headingDeg, 340.0);
  const double back = 30000.0 * std::sin(glm::radians(45.0));
  EXPECT_NEAR((41.56 - v0.lat) * 111195.0, back * std::cos(glm::radians(340.0)), 30.0);
  EXPECT_GT(v0.lon, 129.62);
  // The ground-relative camera: 3000 m above the ground under it.
  EXPECT_EQ(b.steps[2].view.kind, StepView::Kind::Camera);
  EXPECT_DOUBLE_EQ(b.steps[2].view.spec.rangeOrHeight, 3400.0);
  EXPECT_EQ(b.steps[1].holdSeconds, 4.0);  // the skipped elements add no time
}

TEST_F(KmlTour, RefusesAViewFarOutsideTheScene) {
  test::writeText(kml, kTour);
  KmlSceneInfo info;
  info.extent = scene::LonLatExtent{129.40, 41.38, 129.85, 41.75};
  EXPECT_EQ(importKmlTour(kml, scene, info).steps.size(), 4u);  // the tour itself lies inside
  std::string s = kTour;
  const std::string castle = "<longitude>129.670</longitude><latitude>41.670</latitude>";
  s.replace(s.find(castle), castle.size(),
            "<longitude>-73.98</longitude><latitude>40.75</latitude>");  // 8000 km away
  test::writeText(kml, s);
  try {
    importKmlTour(kml, scene, info);
    ADD_FAILURE() << "a view 8000 km from the scene must be refused";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(kml + ":", 0), 0u) << msg;
    EXPECT_NE(msg.find("LookAt: the LookAt target 40.75, -73.98 lies far outside the scene"), std::string::npos) << msg;
  }
}

TEST_F(KmlTour, MalformedXmlGivesLibxmlsLine) {
  std::string text;
  const std::string e = errorOf("</gx:Playlist>", "</gx:Playlst>", &text);
  const std::string line = test::lineColOf(text, "</gx:Playlst>");
  EXPECT_EQ(e.rfind(kml + ":" + line.substr(0, line.find(':')) + ": malformed XML: ", 0), 0u) << e;
  EXPECT_EQ(e.find('\n'), std::string::npos) << "one line";
}

TEST_F(KmlTour, NoTourOrMissingFile) {
  test::writeText(kml, "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document/></kml>");
  EXPECT_THROW(
      {
        try {
          importKmlTour(kml, scene);
        } catch (const Error& e) {
          EXPECT_EQ(std::string(e.what()), kml + ": no gx:Tour in the file (nothing to convert)");
          throw;
        }
      },
      Error);
  try {
    importKmlTour(dir + "/none.kml", scene);
    ADD_FAILURE() << "a missing file must fail";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), dir + "/none.kml: cannot open the file (missing or unreadable)");
  }
}

}  // namespace
}  // namespace tb::briefing
