// What the ImGui panels show and edit (the application state the viewer owns), and what they ask
// the viewer to do. The panels never move the camera or touch GL themselves: they fill in
// UiRequests, and the viewer carries them out (flights, screenshots, saving views).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "briefing/Briefing.h"
#include "render/SceneRenderer.h"
#include "scene/Scene.h"
#include "ui/AnalysisUi.h"

namespace tb::ui {

enum class ScreenshotScale { Window, Double, Quadruple, Explicit };

struct ScreenshotChoice {
  ScreenshotScale scale = ScreenshotScale::Window;
  int width = 3840, height = 2160;  // for Explicit
};

// Window coordinates (screen units, y down) of the parts of the window.
struct Layout {
  float windowWidth = 0, windowHeight = 0;
  float topBarHeight = 0;  // toolbar + status line, full width
  float sidebarWidth = 0;  // on the right, below the top bar; 0 when hidden
  // The 3D view: x in [0, viewWidth), y in [topBarHeight, windowHeight).
  float viewWidth() const { return windowWidth - sidebarWidth; }
  float viewHeight() const { return windowHeight - topBarHeight; }
};

struct CursorReadout {
  bool onTerrain = false;
  double latDeg = 0, lonDeg = 0, elevationM = 0;  // WGS84 via PROJ; real metres
};

struct CameraReadout {
  bool located = true;       // false: the eye has no geographic position (lat/lon and heading unknown)
  double latDeg = 0, lonDeg = 0;
  double heightM = 0;        // eye height above sea level (real metres, whatever the exaggeration)
  double groundHeightM = 0;  // eye height above the (exaggerated) ground drawn below it
  double headingDeg = 0;     // from true north, clockwise
  double pitchDeg = 0;
};

struct StatusInfo {
  CursorReadout cursor;
  CameraReadout camera;
  double frameMs = 0;
  long long triangles = 0;
  int tiles = 0;
};

// A rectangle in window coordinates (screen units, y down).
struct WindowRect {
  glm::vec2 min{0.0f}, max{0.0f};
  bool contains(glm::vec2 p) const { return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y; }
  bool operator==(const WindowRect& o) const { return min == o.min && max == o.max; }
};

// A site's pin in window coordinates, for hover and click in the 3D view.
struct PinOnScreen {
  int siteIndex = -1;  // into World::sites
  glm::vec2 head{0.0f}, base{0.0f};
  float radius = 0;
};

// What leaving a briefing with unsaved changes (closing the window, opening another) does.
enum class LeaveChoice { Save, Discard, Cancel };

// The briefing shown in the Briefing panel. Text and numbers are edited in place by the panel
// (which then sets `dirty`); adding, moving and deleting steps go through UiRequests.
struct BriefingEditorState {
  bool loaded = false;
  briefing::Briefing briefing;  // briefing.path: where Save writes
  bool dirty = false;           // edited since loaded or saved
  int selectedStep = -1;
  bool previewing = false;      // the 3D view plays the timeline (set by the viewer)
  std::string openPath;         // the "Open" field
  std::string saveAsPath;       // the "Save as" field
  bool askLeave = false;        // show the Save / Discard / Cancel question (set by the viewer)
  std::string leaveWhat;        // what is being left, for the question ("closing the window", ...)
  std::string leaveSubject;     // what has unsaved changes ("The sites have"); "": the briefing
};

struct ViewerUiState {
  render::FrameSettings frame;  // layers, exaggeration, sun, fog, labels, tau (camera: the viewer's)
  std::vector<scene::ViewSpec> views;  // the scene's plus those saved this session
  int selectedSite = -1;               // index into World::sites
  int hoveredSite = -1;
  // The renderer's north arrow in the 3D view, which is the compass (a click faces north); set
  // by the viewer from the last frame drawn, empty when the arrow is not shown.
  std::optional<WindowRect> compass;
  std::string search;
  bool sidebarOpen = true;
  bool flyMode = false;
  ScreenshotChoice screenshot;
  std::string newViewName = "my view";
  std::string gotoText;  // "lat, lon" typed by the user
  StatusInfo status;
  // A short message (screenshot path, saved view, or an error) shown until noticeUntil.
  std::string notice;
  bool noticeIsError = false;
  double noticeUntil = 0;
  bool busy = false;  // a screenshot is being rendered this frame
  BriefingEditorState editor;
  AnalysisUiState analysis;
};

struct UiRequests {
  std::optional<int> flyToSite;  // index into World::sites (select it and fly there)
  std::optional<int> flyToView;  // index into ViewerUiState::views
  std::optional<glm::dvec2> gotoLonLat;
  std::optional<std::string> saveView;  // name
  std::optional<bool> setFlyMode;
  bool screenshot = false;
  bool home = false;
  bool faceNorth = false;
  // Briefing panel (carried out in viewer/PresenterEditing.cpp).
  std::optional<int> presentFromStep;  // full-screen presenter mode from this step
  std::optional<int> previewFromStep;  // play the timeline in the 3D view from this step
  bool stopPreview = false;
  bool addStepFromView = false;        // the current camera as a new step after the selected one
  std::optional<int> moveStepUp, moveStepDown, deleteStep;
  bool saveBriefing = false;
  std::optional<std::string> saveBriefingAs;  // a new file for the briefing open in the panel
  std::optional<std::string> openBriefing;
  std::optional<LeaveChoice> leaveChoice;  // the answer to BriefingEditorState::askLeave
  AnalysisRequests analysis;  // the Analysis panel (viewer/AnalysisSession.cpp)
  bool showFiles = false;     // the toolbar's "File": show or hide File > Open (viewer/ViewerFiles.cpp)
  std::optional<std::string> openFile;
};

}  // namespace tb::ui
