// What the ImGui panels show and edit (the application state the viewer owns), and what they ask
// the viewer to do. The panels never move the camera or touch GL themselves: they fill in
// UiRequests, and the viewer carries them out (flights, screenshots, saving views).
#pragma once
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "briefing/Briefing.h"
#include "briefing/TimelineStrip.h"
#include "render/SceneRenderer.h"
#include "scene/Scene.h"
#include "session/Documents.h"
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

// The Briefing panel's own state (the briefing itself is the session's document: the panel reads
// it through ViewerUiState::documents and asks for every change through UiRequests).
struct BriefingEditorState {
  bool dirty = false;           // unsaved edits (set by the viewer from the history)
  int selectedStep = -1;
  bool previewing = false;      // the 3D view plays the timeline (set by the viewer)
  std::string openPath;         // the "Open" field
  std::string saveAsPath;       // the "Save as" field
  bool askLeave = false;        // show the Save / Discard / Cancel question (set by the viewer)
  std::string leaveWhat;        // what is being left, for the question ("closing the window", ...)
  std::string leaveSubject;     // what has unsaved changes ("The sites have"); "": the briefing
  // The timeline strip: each step's planned time (set by the viewer when the briefing changes),
  // the playhead while previewing (< 0: none), and a right edge being dragged.
  std::vector<briefing::StripStep> strip;
  double playhead = -1;
  int dragStep = -1;
  double dragHoldAtPress = 0;
  float dragPixelsPerSecond = 0, dragPressX = 0;
};

// One step's new value, as a command of the session (session::editStep).
struct StepChange {
  int index = -1;
  briefing::Step after;
  std::string label;     // "edit step title"
  std::string mergeKey;  // typing into one field: one undo step
};

struct ViewerUiState {
  render::FrameSettings frame;  // layers, exaggeration, sun, fog, labels, tau (camera: the viewer's)
  // The session's documents (sites, views, briefing), read-only: panels change them through
  // UiRequests, which the viewer turns into commands. Set by the viewer.
  const session::Documents* documents = nullptr;
  bool viewsDirty = false;  // set by the viewer from the history
  int selectedView = -1;
  std::string renameViewText;
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
  std::optional<int> ringsAroundSite;  // index into World::sites: range rings centred on it
  std::optional<int> flyToView;  // index into ViewerUiState::views
  std::optional<glm::dvec2> gotoLonLat;
  std::optional<std::string> saveView;  // name: the current camera as a view (replacing one so named)
  std::optional<std::pair<int, std::string>> renameView;
  std::optional<int> deleteView;
  bool saveViews = false;
  bool undo = false, redo = false;
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
  std::optional<StepChange> editStep;  // a field of a step changed
  std::optional<int> stepViewFromCamera;  // "update view from the current camera"
  bool endGesture = false;  // a field or a dragged edge was let go: the next edit is a new undo step
  bool saveBriefing = false;
  std::optional<std::string> saveBriefingAs;  // a new file for the briefing open in the panel
  std::optional<std::string> openBriefing;
  std::optional<LeaveChoice> leaveChoice;  // the answer to BriefingEditorState::askLeave
  AnalysisRequests analysis;  // the Analysis panel (viewer/AnalysisSession.cpp)
  bool showFiles = false;     // the toolbar's "File": show or hide File > Open (viewer/ViewerFiles.cpp)
  std::optional<std::string> openFile;
};

}  // namespace tb::ui
