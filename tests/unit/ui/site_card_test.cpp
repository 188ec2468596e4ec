// The site card through a real ImGui frame (no window, no GL): its positions follow the
// coordinate format the cursor readout uses (the Analysis panel's switch), a line site's From
// and To alike, and it offers range rings only around a site with one position.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <regex>
#include <sstream>
#include <string>

#include "../HeadlessImGui.h"
#include "ui/PanelParts.h"
#include "ui/UiState.h"
#include "world/World.h"

namespace tb::ui {
namespace {

struct SiteCardTest : ::testing::Test {
  scene::Scene scene;
  world::World world;
  ViewerUiState state;

  void SetUp() override {
    test::createHeadlessImGui(ImVec2(800, 900));
    const auto site = [](const char* id, const char* name, scene::Honesty honesty, double precisionM,
                         geo::GeometryKind kind, std::vector<glm::dvec2> lonLat) {
      scene::Site s;
      s.id = id, s.name = name, s.honesty = honesty, s.precisionM = precisionM, s.kind = kind;
      s.lonLat = {std::move(lonLat)};
      return s;
    };
    world.scene.sites = {
        site("castle", "Kyongsong Castle", scene::Honesty::Given, 60, geo::GeometryKind::Point, {{129.67, 41.67}}),
        site("coast", "Coastal defences", scene::Honesty::Area, 2000, geo::GeometryKind::Line,
             {{129.649561, 41.55}, {129.703814, 41.67}})};
    for (const scene::Site& s : world.scene.sites) world.sites.push_back({&s});
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // The card's text for this site and format, as ImGui logs what it renders; `requests` gets
  // what the frame asks for, with the mouse at `mouse` and its button `down`.
  std::string card(int site, analysis::CoordinateFormat format, UiRequests* asked = nullptr,
                   ImVec2 mouse = ImVec2(-1, -1), bool down = false) {
    state.selectedSite = site;
    state.analysis.coordinates = format;
    UiRequests local;
    UiRequests& requests = asked ? *asked : local;
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(420, 800));
    ImGui::Begin("Sites");
    ImGui::LogToBuffer();
    drawSiteCard(world, state, requests);
    const std::string text = ImGui::GetCurrentContext()->LogBuffer.c_str();
    ImGui::LogFinish();
    ImGui::End();
    ImGui::EndFrame();
    return text;
  }
};

TEST_F(SiteCardTest, APointSitesPositionFollowsTheCoordinateFormat) {
  const std::string dd = card(0, analysis::CoordinateFormat::DecimalDegrees);
  const std::string dms = card(0, analysis::CoordinateFormat::Dms);
  const std::string utm = card(0, analysis::CoordinateFormat::Utm);
  const std::string mgrs = card(0, analysis::CoordinateFormat::Mgrs);
  EXPECT_NE(dd.find("41.670° N, 129.670° E"), std::string::npos) << dd;
  EXPECT_NE(dms.find("41° 40′ 12″ N, 129° 40′ 12″ E"), std::string::npos) << dms;
  EXPECT_EQ(dd.find("″"), std::string::npos) << "one format at a time:\n" << dd;
  EXPECT_NE(utm.find("52N "), std::string::npos) << utm;
  EXPECT_NE(mgrs.find("52T "), std::string::npos) << mgrs;
  EXPECT_NE(utm, mgrs);
  EXPECT_NE(dd.find("Range rings…"), std::string::npos) << "a point site offers range rings:\n" << dd;
}

// "Range rings…" on a point site's card asks the viewer for rings around that site.
TEST_F(SiteCardTest, RangeRingsOnAPointSitesCardAsksForRingsAroundIt) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  logger->set_level(spdlog::level::debug);
  spdlog::set_default_logger(logger);
  card(0, analysis::CoordinateFormat::DecimalDegrees);
  spdlog::set_default_logger(previous);
  std::smatch m;
  const std::string log = captured.str();
  ASSERT_TRUE(std::regex_search(log, m, std::regex("site card button \"Range rings…\" at (\\d+),(\\d+)"))) << log;
  const ImVec2 button(std::stof(m[1]), std::stof(m[2]));
  UiRequests requests;
  card(0, analysis::CoordinateFormat::DecimalDegrees, &requests, button, false);
  card(0, analysis::CoordinateFormat::DecimalDegrees, &requests, button, true);
  EXPECT_FALSE(requests.ringsAroundSite) << "not before the button is let go";
  card(0, analysis::CoordinateFormat::DecimalDegrees, &requests, button, false);
  ASSERT_TRUE(requests.ringsAroundSite);
  EXPECT_EQ(*requests.ringsAroundSite, 0);
}

TEST_F(SiteCardTest, ALineSitesFromAndToFollowTheCoordinateFormat) {
  const std::string dd = card(1, analysis::CoordinateFormat::DecimalDegrees);
  const std::string dms = card(1, analysis::CoordinateFormat::Dms);
  const std::string mgrs = card(1, analysis::CoordinateFormat::Mgrs);
  // ±2 km: two decimals of a degree, whole minutes, 1 km MGRS squares (two digits an axis).
  EXPECT_NE(dd.find("41.55° N, 129.65° E"), std::string::npos) << dd;
  EXPECT_NE(dd.find("41.67° N, 129.70° E"), std::string::npos) << dd;
  EXPECT_NE(dms.find("41° 33′ N, 129° 39′ E"), std::string::npos) << dms;
  EXPECT_NE(dms.find("41° 40′ N, 129° 42′ E"), std::string::npos) << dms;
  EXPECT_EQ(dms.find("41.55°"), std::string::npos) << dms;
  EXPECT_NE(mgrs.find("From 52T"), std::string::npos) << mgrs;
  EXPECT_NE(mgrs.find("to   52T"), std::string::npos) << mgrs;
  EXPECT_EQ(mgrs.find("Range rings…"), std::string::npos) << "a line has no one centre:\n" << mgrs;
  EXPECT_NE(mgrs.find("Range rings unavailable: a line or an area has no one position"), std::string::npos) << mgrs;
  EXPECT_NE(mgrs.find("Rings tool"), std::string::npos) << "says what to do instead:\n" << mgrs;
}

}  // namespace
}  // namespace tb::ui
